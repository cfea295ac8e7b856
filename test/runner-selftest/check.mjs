#!/usr/bin/env node
// Self-test of the conformance runner: runs it on test/runner-selftest/suite and checks that
// each test has the expected verdict (tests named fail-* must FAIL for the stated reason, the
// rest PASS, the wasm32-wasip3 suite is skipped) and that the summary and exit code are right;
// then runs it together with test/runner-selftest/suite-p2 (a wasm32-wasip2 suite: a component,
// which PASSes on hosts with component support and is skipped on the others; a run of its own,
// with a timeout long enough for transpiling the component).
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
const suiteP2 = fileURLToPath(new URL("./suite-p2", import.meta.url));

const expected = {
  "exit-code.wasm": /^PASS/,
  "fail-bad-json.wasm": /^FAIL fail-bad-json\.wasm: bad test JSON fail-bad-json\.json: /,
  "fail-exit-code.wasm": /^FAIL fail-exit-code\.wasm: exit code 7, expected 0/,
  "fail-hang-loop.wasm": /^FAIL fail-hang-loop\.wasm: timeout after 6000 ms$/,
  "fail-hang-stdin.wasm": /^FAIL fail-hang-stdin\.wasm: timeout after 6000 ms$/,
  "fail-stdout.wasm": /^FAIL fail-stdout\.wasm: stdout mismatch: differs at byte 0; expected "hello\\n", got "goodbye\\n"$/,
  "fail-trap.wasm": /^FAIL fail-trap\.wasm: crash: .*unreachable/,
  "fs-again.wasm": /^PASS/,
  "fs.wasm": /^PASS/,
  "hello.wasm": /^PASS/,
  "nested/p1/noop.wasm": /^PASS/,
  "noop.wasm": /^PASS/,
  "poll-stdin.wasm": /^PASS/,
  "stderr.wasm": /^PASS/,
  "stdout-prefix.wasm": /^PASS/,
};

// 6 s per test: the passing tests need headroom on a loaded 2-core machine (fs.wasm timed out
// at 1.5 s, 8 jobs at once, beside other work); the two hanging ones run side by side, so the
// whole run still takes seconds.
const run = spawnSync(process.execPath, [runner, "--host", host, "--suite", suite, "--timeout", "6000", "--jobs", "8"], {
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
check(lines.at(-1) === "9 passed, 6 failed, 1 skipped", `last line ${JSON.stringify(lines.at(-1))}`);
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

// Two suites at once: names start with each suite's directory name; the component suite runs
// or is skipped for the stated reason.
const both = spawnSync(process.execPath, [runner, "--host", host, "--suite", suite, "--suite", suiteP2, "--filter", "hello", "--timeout", "60000"], {
  encoding: "utf8",
  timeout: 120000,
});
const blines = both.stdout.split("\n").filter(Boolean);
const want = components
  ? ["PASS suite/hello.wasm", "PASS suite-p2/hello.wasm", "2 passed, 0 failed"]
  : ["SKIP suite-p2/: host has no component support (1 test)", "PASS suite/hello.wasm", "1 passed, 0 failed, 1 skipped"];
check(JSON.stringify(blines) === JSON.stringify(want), `run on suite and suite-p2 printed ${JSON.stringify(blines)}, want ${JSON.stringify(want)}`);
check(both.status === 0, `run on suite and suite-p2: exit code ${both.status}, want 0`);

if (problems.length) {
  console.log(`runner self-test (host ${host}): ${problems.length} of ${checks} checks FAILED`);
  for (const p of problems) console.log(`  - ${p}`);
  console.log("runner output:\n" + run.stdout + run.stderr);
  process.exit(1);
}
console.log(`runner self-test (host ${host}): ok (${checks} checks)`);
