#!/usr/bin/env node
// Runs shell commands one after the other, every one of them even after a failure, for the
// spec lane of `npm test`:
//
//   node test/runner/steps.mjs "<command>" "<command>"...
//
// Why not `a && b && c`: a flaky or broken first suite would hide whether the others pass, and
// CI keeps only the end of its log. So each step's output goes straight through, and once all
// have run a summary names every step with its exit status and time, followed by the last lines
// of each failed step's output. Exits with the first non-zero exit status (a step killed by a
// signal counts as 1), 0 when every step passed.
import { spawn } from "node:child_process";

const TAIL_LINES = 40;
const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: steps.mjs "<command>" ["<command>"...]');
  process.exit(2);
}

/** Keeps the last `TAIL_LINES` lines of what passes through it. */
class Tail {
  #text = "";
  push(chunk) {
    this.#text += chunk.toString("utf8");
    // Trim only now and then: the text is cut to whole lines when it is read.
    if (this.#text.length > 64 * 1024) this.#text = this.#text.slice(-32 * 1024);
  }
  lines() {
    const lines = this.#text.replace(/\n$/, "").split("\n");
    return lines.slice(-TAIL_LINES);
  }
}

/** Runs `command` in a shell, its output passed through and kept in a tail. */
function step(command) {
  const started = performance.now();
  const tail = new Tail();
  const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (c) => { process.stdout.write(c); tail.push(c); });
  child.stderr.on("data", (c) => { process.stderr.write(c); tail.push(c); });
  return new Promise((resolve) => {
    child.once("error", (e) => resolve({ command, code: 1, how: `could not start: ${e.message}`, secs: 0, tail }));
    child.once("close", (code, signal) => {
      const how = signal ? `killed by ${signal}` : `exit ${code}`;
      resolve({ command, code: code ?? 1, how, secs: (performance.now() - started) / 1000, tail });
    });
  });
}

const results = [];
for (const command of commands) results.push(await step(command));

const failed = results.filter((r) => r.code !== 0);
const lines = ["", `========== steps: ${failed.length === 0 ? "all passed" : `${failed.length} of ${results.length} FAILED`} ==========`];
for (const r of results) lines.push(`${r.code === 0 ? "ok    " : "FAILED"} ${r.command}: ${r.how}, ${r.secs.toFixed(0)} s`);
for (const r of failed) {
  lines.push("", `---------- last lines of: ${r.command} ----------`, ...r.tail.lines());
}
console.log(lines.join("\n"));
process.exitCode = failed[0]?.code ?? 0;
