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
// line closes it). Exits with the first non-zero exit status in lane order (a lane killed by
// a signal counts as 1), 0 when every lane passed; every lane runs to its end either way.
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: lanes.mjs "<command>" ["<command>"...]');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "anywasi-lanes-"));
process.once("exit", () => rmSync(dir, { recursive: true, force: true }));

/** Starts `command` in a shell; resolves with its exit status once it has ended. */
function run(command, i) {
  const started = performance.now();
  const log = i === 0 ? null : join(dir, `lane-${i}.log`);
  const fd = log === null ? null : openSync(log, "w");
  const child = spawn(command, { shell: true, stdio: fd === null ? "inherit" : ["ignore", fd, fd] });
  if (fd !== null) closeSync(fd);
  return new Promise((resolve) => {
    child.once("error", (e) => resolve({ log, code: 1, error: e.message, secs: 0 }));
    child.once("close", (code, signal) => resolve({ log, code: code ?? 1, signal, secs: (performance.now() - started) / 1000 }));
  });
}

const lanes = commands.map((c, i) => run(c, i));
let status = 0;
for (const [i, lane] of lanes.entries()) {
  const r = await lane;
  const how = r.error ? `could not start: ${r.error}` : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  if (r.log !== null) {
    process.stdout.write(`\n========== lanes: ${commands[i]} (ran beside the lanes above; ${how}, ${r.secs.toFixed(0)} s) ==========\n`);
    process.stdout.write(readFileSync(r.log));
  } else {
    console.error(`lanes: ${commands[i]}: ${how}, ${r.secs.toFixed(0)} s`);
  }
  if (status === 0 && r.code !== 0) status = r.code;
}
process.exitCode = status;
