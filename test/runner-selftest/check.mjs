#!/usr/bin/env node
// Self-test of the conformance runner: runs it on test/runner-selftest/suite and checks that
// each test has the expected verdict (tests named fail-* must FAIL for the stated reason, the
// rest PASS; the wasm32-wasip2 suite, a component, PASSes on hosts with component support and is
// skipped on the others; the wasm32-wasip3 suite is always skipped) and that the summary and exit
// code are right.
//
//   node test/runner-selftest/check.mjs [--host node-wasi]   (default host: node-wasi)
//
// Prints one line, `runner self-test (host H): ok (N checks)`, or the problems and the runner's
// output, and exits 1.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const hostArg = process.argv.indexOf("--host");
const host = hostArg >= 0 ? process.argv[hostArg + 1] : "node-wasi";
const components = (await import(new URL(`../runner/hosts/${host}.mjs`, import.meta.url).href)).components === true;
const runner = fileURLToPath(new URL("../runner/conformance.mjs", import.meta.url));
const suite = fileURLToPath(new URL("./suite", import.meta.url));

const expected = {
  "exit-code.wasm": /^PASS/,
  "fail-bad-json.wasm": /^FAIL fail-bad-json\.wasm: bad test JSON fail-bad-json\.json: /,
  "fail-exit-code.wasm": /^FAIL fail-exit-code\.wasm: exit code 7, expected 0/,
  "fail-hang-loop.wasm": /^FAIL fail-hang-loop\.wasm: timeout after 1500 ms$/,
  "fail-hang-stdin.wasm": /^FAIL fail-hang-stdin\.wasm: timeout after 1500 ms$/,
  "fail-stdout.wasm": /^FAIL fail-stdout\.wasm: stdout mismatch: differs at byte 0; expected "hello\\n", got "goodbye\\n"$/,
  "fail-trap.wasm": /^FAIL fail-trap\.wasm: crash: .*unreachable/,
  "fs-again.wasm": /^PASS/,
  "fs.wasm": /^PASS/,
  "hello.wasm": /^PASS/,
  "nested/p1/noop.wasm": /^PASS/,
  ...(components ? { "nested/p2/hello.wasm": /^PASS/ } : {}),
  "noop.wasm": /^PASS/,
  "poll-stdin.wasm": /^PASS/,
  "stderr.wasm": /^PASS/,
  "stdout-prefix.wasm": /^PASS/,
};

const run = spawnSync(process.execPath, [runner, "--host", host, "--suite", suite, "--timeout", "1500", "--jobs", "8"], {
  encoding: "utf8",
  timeout: 120000,
});
const lines = run.stdout.split("\n").filter(Boolean);
const problems = [];
let checks = 0;
const check = (ok, what) => {
  checks++;
  if (!ok) problems.push(what);
};

const names = Object.keys(expected);
const testLines = lines.filter((l) => /^(PASS|FAIL) /.test(l));
check(
  JSON.stringify(testLines.map((l) => l.replace(/^(PASS|FAIL) /, "").replace(/: .*$/, ""))) === JSON.stringify(names),
  `tests not reported exactly once each in path order: ${JSON.stringify(testLines)}`,
);
for (const name of names) {
  const line = testLines.find((l) => l.startsWith(`PASS ${name}`) || l.startsWith(`FAIL ${name}:`));
  check(line !== undefined && expected[name].test(line), `${name}: got ${JSON.stringify(line)}, want ${expected[name]}`);
}
check(
  lines.some((l) => l.startsWith("SKIP nested/p3/: ") && l.includes("wasm32-wasip3") && l.endsWith("(1 test)")),
  "no SKIP line for nested/p3",
);
check(
  components !== lines.some((l) => l === "SKIP nested/p2/: host has no component support (1 test)"),
  components ? "nested/p2 skipped on a host with component support" : "no SKIP line for nested/p2 (host has no component support)",
);
const summary = components ? "10 passed, 6 failed, 1 skipped" : "9 passed, 6 failed, 2 skipped";
check(lines.at(-1) === summary, `last line ${JSON.stringify(lines.at(-1))}, want ${JSON.stringify(summary)}`);
check(run.status === 1, `runner exit code ${run.status}, want 1`);

// --filter narrows the run; a clean run exits 0 and omits ", N skipped".
const filtered = spawnSync(process.execPath, [runner, "--host", host, "--suite", suite, "--filter", "stderr", "--filter", "noop"], {
  encoding: "utf8",
  timeout: 60000,
});
const flines = filtered.stdout.split("\n").filter(Boolean);
check(
  JSON.stringify(flines) === JSON.stringify(["PASS nested/p1/noop.wasm", "PASS noop.wasm", "PASS stderr.wasm", "3 passed, 0 failed"]),
  `filtered run printed ${JSON.stringify(flines)}`,
);
check(filtered.status === 0, `filtered run exit code ${filtered.status}, want 0`);

if (problems.length) {
  console.log(`runner self-test (host ${host}): ${problems.length} of ${checks} checks FAILED`);
  for (const p of problems) console.log(`  - ${p}`);
  console.log("runner output:\n" + run.stdout + run.stderr);
  process.exit(1);
}
console.log(`runner self-test (host ${host}): ok (${checks} checks)`);
