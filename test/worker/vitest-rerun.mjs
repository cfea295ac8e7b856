#!/usr/bin/env node
// Runs the workerd test suite (vitest with @cloudflare/vitest-pool-workers, test/worker/vitest.config.ts)
// and runs it once more, at most twice, when workerd itself crashed: its process died with
// "Received signal #11" (SIGSEGV). That crash is workerd's (an open upstream issue: workerd
// segfaults intermittently under vitest-pool-workers), seen here on a loaded 2-core machine in 2 of
// 4 runs of the wasi:http file before it was split in three; a crashed run reports no result for
// the file it was in. The same goes for the broken-isolate symptom that vitest.config.ts retries
// (a fresh Request's headers "not iterable", a body's getReader "not a function"): once an
// isolate shows it, every retry in that isolate fails too (seen on an idle 2-core machine, 2 of 3
// runs), so the files that failed so run again, alone, in a new workerd. Any other failure is the
// suite's own and is not run again.
//
//   node test/worker/vitest-rerun.mjs [vitest args...]
import { spawn } from "node:child_process";

const args = ["vitest", "run", "--config", "test/worker/vitest.config.ts", ...process.argv.slice(2)];
const CRASH = /Received signal #11/;
/** The broken-isolate messages of vitest.config.ts's retry condition. */
const BROKEN = /request\.headers is not iterable|getReader is not a function/;
// An error's header in vitest's summary: ` FAIL  test/worker/x.test.ts > suite > test`.
const FAILED_FILE = /^ FAIL {2}(test\/worker\/[\w./-]+\.test\.ts) >/;

/**
 * Runs vitest once with `extra` arguments; resolves with its exit code, whether workerd crashed,
 * and, when every failure was the broken-isolate symptom, the files that failed (else null).
 */
function once(extra = []) {
  return new Promise((resolve) => {
    let crashed = false;
    let out = "";
    const child = spawn("npx", [...args, ...extra], { stdio: ["ignore", "pipe", "pipe"] });
    const pass = (to) => (chunk) => {
      const text = chunk.toString("latin1");
      if (CRASH.test(text)) crashed = true;
      out += text;
      to.write(chunk);
    };
    child.stdout.on("data", pass(process.stdout));
    child.stderr.on("data", pass(process.stderr));
    child.once("close", (code, signal) => resolve({ code: code ?? 1, signal, crashed, broken: brokenFiles(out) }));
  });
}

/**
 * The files whose every failure in `out` is the broken-isolate symptom: vitest prints each error
 * after the FAIL headers of the tests (and retries) that failed with it. null when any failure is
 * something else, or when nothing failed so.
 */
function brokenFiles(out) {
  const lines = out.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
  const files = new Set();
  let heads = [];
  let block = "";
  const close = () => {
    if (heads.length === 0) return true;
    if (!BROKEN.test(block)) return false;
    for (const f of heads) files.add(f);
    heads = [];
    block = "";
    return true;
  };
  for (const line of lines) {
    const m = FAILED_FILE.exec(line);
    // Any other FAIL header (a whole file that could not run, say) is not the symptom.
    if (m === null && line.startsWith(" FAIL  ")) return null;
    if (m) {
      // A header after an error starts the next group; consecutive headers share one error.
      if (block.trim() !== "" && !close()) return null;
      heads.push(m[1]);
    } else if (heads.length > 0) block += `${line}\n`;
  }
  if (!close()) return null;
  return files.size > 0 ? [...files] : null;
}

let extra = [];
for (let attempt = 1; ; attempt++) {
  const r = await once(extra);
  const again = r.code !== 0 && (r.crashed || r.broken !== null);
  if (!again || attempt === 3) {
    if (again) console.error(`vitest-rerun: workerd crashed or broke its isolate in ${attempt} runs of ${attempt}`);
    process.exitCode = r.code;
    break;
  }
  if (r.crashed) {
    console.error(`\nvitest-rerun: workerd crashed (SIGSEGV) during run ${attempt}; running the suite again\n`);
    extra = [];
  } else {
    console.error(`\nvitest-rerun: workerd's isolate broke during run ${attempt} (${BROKEN.source}); running ${r.broken.join(", ")} again in a new workerd\n`);
    extra = r.broken;
  }
}
