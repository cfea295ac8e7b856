#!/usr/bin/env node
// Runs shell commands side by side ("lanes"), for `npm test`:
//
//   node test/runner/lanes.mjs "<command>" "<command>"...
//
// Why: on CI's 2 cores the conformance matrix keeps them ~85% busy and the spec suites (browser,
// Workers, playground: child processes, servers and browsers that mostly wait) well under one;
// one after the other they took ~20 minutes, side by side they share the idle time.
//
// The first lane's output goes straight through. Every other lane writes to a temporary file,
// printed whole under a `lanes:` header once the lanes before it have been printed and it has
// ended, so the log reads as if the lanes had run one after the other (the last lane's last
// line closes it). Then a summary names each lane with its exit status and time, followed by the
// last lines of every failed lane's output: CI keeps only the end of the log, and that must say
// what failed. Exits with the first non-zero exit status in lane order (a lane killed by a
// signal counts as 1), 0 when every lane passed; every lane runs to its end either way.
import { spawn } from "node:child_process";
import { closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: lanes.mjs "<command>" ["<command>"...]');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "anywasi-lanes-"));
process.once("exit", () => rmSync(dir, { recursive: true, force: true }));

const TAIL_LINES = 80;

/** Starts `command` in a shell; resolves with its exit status once it has ended. */
function run(command, i) {
  const started = performance.now();
  const log = join(dir, `lane-${i}.log`);
  let child;
  if (i === 0) {
    // The first lane is shown as it runs, and kept for the summary's tail.
    const file = createWriteStream(log);
    child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c) => { process.stdout.write(c); file.write(c); });
    child.stderr.on("data", (c) => { process.stderr.write(c); file.write(c); });
    child.once("close", () => file.end());
  } else {
    const fd = openSync(log, "w");
    child = spawn(command, { shell: true, stdio: ["ignore", fd, fd] });
    closeSync(fd);
  }
  return new Promise((resolve) => {
    child.once("error", (e) => resolve({ log, code: 1, error: e.message, secs: 0 }));
    child.once("close", (code, signal) => resolve({ log, code: code ?? 1, signal, secs: (performance.now() - started) / 1000 }));
  });
}

/** The last `TAIL_LINES` lines of a lane's log. */
function tail(log) {
  let text;
  try { text = readFileSync(log, "utf8"); } catch { return ["(no output)"]; }
  return text.replace(/\n$/, "").split("\n").slice(-TAIL_LINES);
}

const lanes = commands.map((c, i) => run(c, i));
const results = [];
for (const [i, lane] of lanes.entries()) {
  const r = await lane;
  r.how = r.error ? `could not start: ${r.error}` : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  results.push(r);
  if (i > 0) {
    process.stdout.write(`\n========== lanes: ${commands[i]} (ran beside the lanes above; ${r.how}, ${r.secs.toFixed(0)} s) ==========\n`);
    process.stdout.write(readFileSync(r.log));
  }
}
// Let lane 0's log file be flushed before its tail is read.
await new Promise((resolve) => setTimeout(resolve, 100));
const failed = results.flatMap((r, i) => (r.code !== 0 ? [i] : []));
const summary = ["", `========== lanes: ${failed.length === 0 ? "all passed" : `${failed.length} of ${results.length} FAILED`} ==========`];
for (const [i, r] of results.entries()) summary.push(`${r.code === 0 ? "ok    " : "FAILED"} ${commands[i]}: ${r.how}, ${r.secs.toFixed(0)} s`);
for (const i of failed) summary.push("", `---------- last lines of: ${commands[i]} ----------`, ...tail(results[i].log));
console.log(summary.join("\n"));
process.exitCode = results[failed[0] ?? -1]?.code ?? 0;
