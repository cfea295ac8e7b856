#!/usr/bin/env node
// WASI preview1 conformance runner.
//
//   node test/runner/conformance.mjs --host node --suite <DIR> [--filter substr] [--timeout ms]
//                                    [--jobs N] [--fs memory|disk] [--verbose]
//   node test/runner/conformance.mjs --matrix --suite <DIR> [--matrix-out FILE] [--column ID]...
//
// Runs every test found under <DIR> (see discover.mjs) on the host module
// test/runner/hosts/<host>.mjs (see README.md for the interface), prints
// `PASS <path>` / `FAIL <path>: <reason>` per test in path order, then `N passed, N failed`
// (`, N skipped` when some suites were skipped). Exits 0 when nothing failed, 1 otherwise, 2 on
// a usage or setup error. --matrix runs the suite on every host configuration instead and
// writes a table of tests × hosts (see matrix.mjs).
import { parseArgs } from "node:util";
import { availableParallelism } from "node:os";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { escapeExcerpt } from "./compare.mjs";
import { HostSetupError, UnknownHostError, hostDifference, hostRunsComponents, listHosts, loadHost, runSuite, selectTests } from "./run-suite.mjs";

function usage(message) {
  const hosts = listHosts().join(", ");
  if (message) console.error(`conformance: ${message}`);
  console.error(
    "usage: conformance.mjs --host <name> --suite <dir>... [--filter substr] [--timeout ms] [--jobs N] [--fs memory|disk] [--verbose]\n" +
      "       conformance.mjs --matrix --suite <dir>... [--matrix-out file.md] [--matrix-merge] [--column id]... [--filter substr] [--timeout ms] [--jobs N]\n" +
      `hosts: ${hosts || "(none)"}`,
  );
  process.exit(2);
}

function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: "string" },
        suite: { type: "string", multiple: true },
        filter: { type: "string", multiple: true },
        timeout: { type: "string", default: "20000" },
        jobs: { type: "string" },
        fs: { type: "string" },
        matrix: { type: "boolean", default: false },
        "matrix-out": { type: "string" },
        "matrix-merge": { type: "boolean", default: false },
        column: { type: "string", multiple: true },
        verbose: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    usage(e.message);
  }
  if (values.help) usage();
  if (values.matrix) {
    if (values.host || values.fs) usage("--matrix runs every host: no --host nor --fs");
  } else {
    if (!values.host) usage("--host is required");
    if (values["matrix-out"] || values.column || values["matrix-merge"]) usage("--matrix-out, --matrix-merge and --column need --matrix");
  }
  if (!values.suite?.length) usage("--suite is required");
  const timeoutMs = Number(values.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) usage(`bad --timeout ${values.timeout}`);
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) usage(`bad --jobs ${values.jobs}`);
  if (values.fs !== undefined && values.fs !== "memory" && values.fs !== "disk") usage(`bad --fs ${values.fs} (memory or disk)`);
  return {
    host: values.host, suite: values.suite, filters: values.filter ?? [], timeoutMs, jobs, verbose: values.verbose, fs: values.fs,
    matrix: values.matrix, matrixOut: values["matrix-out"], merge: values["matrix-merge"], columns: values.column ?? [],
  };
}

function printVerbose(test, outcome) {
  const r = outcome.result ?? {};
  const lines = [`    time: ${outcome.ms.toFixed(0)} ms`];
  if (!outcome.ok) {
    lines.push(`    argv: ${JSON.stringify(test.args)}`);
    if (Object.keys(test.env).length) lines.push(`    env: ${JSON.stringify(test.env)}`);
    if (Object.keys(test.preopens).length) lines.push(`    preopens: ${JSON.stringify(test.preopens)}`);
    lines.push(`    expected: ${JSON.stringify(test.expected)}`);
    if (r.exitCode !== undefined) lines.push(`    exit code: ${r.exitCode}`);
    if (r.error) lines.push(`    error: ${String(r.error).split("\n").join("\n      ")}`);
    for (const k of ["stdout", "stderr"]) {
      if (r[k]?.length) lines.push(`    ${k} (${r[k].length} bytes): ${escapeExcerpt(r[k], 0, 2000)}`);
    }
  }
  console.log(lines.join("\n"));
}

async function main() {
  const opts = parseCli(process.argv.slice(2));
  const suiteDirs = opts.suite.map((s) => resolve(s));
  suiteDirs.forEach((d, i) => {
    if (!existsSync(d) || !statSync(d).isDirectory()) usage(`suite directory ${opts.suite[i]} does not exist`);
  });
  if (opts.matrix) {
    const { runMatrix, UnknownColumnError } = await import("./matrix.mjs");
    try {
      process.exitCode = await runMatrix(suiteDirs, opts);
    } catch (e) {
      if (e instanceof UnknownColumnError) usage(e.message);
      throw e;
    }
    setTimeout(() => process.exit(process.exitCode), 2000).unref();
    return;
  }
  let host;
  try {
    host = await loadHost(opts.host);
  } catch (e) {
    if (e instanceof UnknownHostError) usage(e.message);
    throw e;
  }

  const { tests, skipped, skippedCount, empty, warnings } = selectTests(suiteDirs, opts.filters, {
    components: hostRunsComponents(host), differs: (t) => hostDifference(host, t),
  });
  for (const w of warnings) console.log(`WARN ${w}`);
  for (const s of skipped) {
    console.log(s.difference ? `SKIP ${s.name}: this host differs: ${s.reason}` : `SKIP ${s.name}/: ${s.reason} (${s.count} test${s.count === 1 ? "" : "s"})`);
  }
  if (empty) console.log(`WARN no tests found under ${opts.suite.join(", ")} (no directory with manifest.json and *.wasm)`);

  let counts;
  try {
    counts = await runSuite(host, tests, { ...opts, label: opts.host }, (t, o) => {
      console.log(o.ok ? `PASS ${t.name}` : `FAIL ${t.name}: ${o.reason}`);
      if (opts.verbose) printVerbose(t, o);
    });
  } catch (e) {
    if (!(e instanceof HostSetupError)) throw e;
    console.error(`conformance: host ${opts.host} setup failed: ${e.message}`);
    process.exit(2);
  }

  console.log(`${counts.passed} passed, ${counts.failed} failed${skippedCount ? `, ${skippedCount} skipped` : ""}`);
  process.exitCode = counts.failed ? 1 : 0;
  // A host may leave something behind (a stuck child, a browser); don't wait for it.
  setTimeout(() => process.exit(process.exitCode), 2000).unref();
}

main().catch((e) => {
  console.error(`conformance: ${e?.stack ?? e}`);
  process.exit(2);
});
