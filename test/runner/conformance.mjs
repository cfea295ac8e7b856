#!/usr/bin/env node
// WASI preview1 conformance runner.
//
//   node test/runner/conformance.mjs --host node --suite <DIR> [--filter substr] [--timeout ms]
//                                    [--jobs N] [--verbose]
//
// Runs every test found under <DIR> (see discover.mjs) on the host module
// test/runner/hosts/<host>.mjs (see hosts/README.md for the interface), prints
// `PASS <path>` / `FAIL <path>: <reason>` per test in path order, then `N passed, N failed`
// (`, N skipped` when some suites were skipped). Exits 0 when nothing failed, 1 otherwise, 2 on
// a usage or setup error.
import { parseArgs } from "node:util";
import { availableParallelism } from "node:os";
import { existsSync, readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { discover } from "./discover.mjs";
import { checkResult, escapeExcerpt } from "./compare.mjs";

const HOSTS_DIR = fileURLToPath(new URL("./hosts/", import.meta.url));
/** Extra time the runner grants a host beyond --timeout before it gives up on runTest itself. */
const HOST_GRACE_MS = 15000;

function usage(message) {
  const hosts = listHosts().join(", ");
  if (message) console.error(`conformance: ${message}`);
  console.error(
    "usage: conformance.mjs --host <name> --suite <dir> [--filter substr] [--timeout ms] [--jobs N] [--fs memory|disk] [--verbose]\n" +
      `hosts: ${hosts || "(none)"}`,
  );
  process.exit(2);
}

function listHosts() {
  try {
    return readdirSync(HOSTS_DIR)
      .filter((f) => f.endsWith(".mjs") && !f.startsWith("_"))
      .map((f) => f.slice(0, -4))
      .sort();
  } catch {
    return [];
  }
}

function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: "string" },
        suite: { type: "string" },
        filter: { type: "string", multiple: true },
        timeout: { type: "string", default: "20000" },
        jobs: { type: "string" },
        fs: { type: "string" },
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
  if (!values.host) usage("--host is required");
  if (!values.suite) usage("--suite is required");
  const timeoutMs = Number(values.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) usage(`bad --timeout ${values.timeout}`);
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) usage(`bad --jobs ${values.jobs}`);
  if (values.fs !== undefined && values.fs !== "memory" && values.fs !== "disk") usage(`bad --fs ${values.fs} (memory or disk)`);
  return { host: values.host, suite: values.suite, filters: values.filter ?? [], timeoutMs, jobs, verbose: values.verbose, fs: values.fs };
}

async function loadHost(name) {
  if (!/^[\w.-]+$/.test(name)) usage(`bad host name ${name}`);
  const path = resolve(HOSTS_DIR, `${name}.mjs`);
  if (!existsSync(path)) usage(`unknown host ${JSON.stringify(name)}`);
  const host = await import(pathToFileURL(path).href);
  if (typeof host.runTest !== "function") usage(`host ${name} does not export runTest()`);
  return host;
}

/** Runs one test on the host; never throws, never hangs longer than timeout + grace. */
async function runOne(host, test, opts) {
  const started = performance.now();
  if (test.invalid) return { ok: false, reason: test.invalid, ms: 0 };
  let timer;
  let result;
  try {
    const guard = new Promise((resolvePromise) => {
      timer = setTimeout(
        () => resolvePromise({ timedOut: true, error: `host did not return within ${opts.timeoutMs + HOST_GRACE_MS} ms` }),
        opts.timeoutMs + HOST_GRACE_MS,
      );
    });
    result = await Promise.race([host.runTest(test, { timeoutMs: opts.timeoutMs, verbose: opts.verbose, fs: opts.fs }), guard]);
  } catch (e) {
    result = { error: `host error: ${e?.stack ?? e}` };
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - started;
  const verdict = checkResult(test, result ?? { error: "host returned nothing" }, opts);
  return { ...verdict, result, ms };
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
  const suiteDir = resolve(opts.suite);
  if (!existsSync(suiteDir) || !statSync(suiteDir).isDirectory()) usage(`suite directory ${opts.suite} does not exist`);
  const host = await loadHost(opts.host);

  const { tests: all, skipped: skippedSuites, warnings } = discover(suiteDir);
  for (const w of warnings) console.log(`WARN ${w}`);
  const matches = (name) => opts.filters.length === 0 || opts.filters.some((f) => name.includes(f));
  const tests = all.filter((t) => matches(t.name));
  let skipped = 0;
  for (const s of skippedSuites) {
    const n = s.tests.filter(matches).length;
    skipped += n;
    if (n === 0 && opts.filters.length) continue;
    console.log(`SKIP ${s.name}/: ${s.reason} (${n} test${n === 1 ? "" : "s"})`);
  }
  if (all.length === 0 && skippedSuites.length === 0) console.log(`WARN no tests found under ${opts.suite} (no directory with manifest.json and *.wasm)`);

  if (tests.length && typeof host.setup === "function") {
    try {
      await host.setup({ timeoutMs: opts.timeoutMs, jobs: opts.jobs, verbose: opts.verbose, tests });
    } catch (e) {
      console.error(`conformance: host ${opts.host} setup failed: ${e?.message ?? e}`);
      process.exit(2);
    }
  }

  // Run up to --jobs tests at once; report in path order as soon as each prefix is complete.
  const outcomes = new Array(tests.length);
  let next = 0;
  let printed = 0;
  let passed = 0;
  let failed = 0;
  const flush = () => {
    while (printed < tests.length && outcomes[printed]) {
      const t = tests[printed];
      const o = outcomes[printed];
      if (o.ok) passed++;
      else failed++;
      console.log(o.ok ? `PASS ${t.name}` : `FAIL ${t.name}: ${o.reason}`);
      if (opts.verbose) printVerbose(t, o);
      outcomes[printed] = true; // drop the result bytes
      printed++;
    }
  };
  const worker = async () => {
    while (next < tests.length) {
      const i = next++;
      outcomes[i] = await runOne(host, tests[i], opts);
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, tests.length) }, worker));
  flush();

  if (tests.length && typeof host.teardown === "function") {
    try {
      await host.teardown();
    } catch (e) {
      console.error(`conformance: host ${opts.host} teardown failed: ${e?.message ?? e}`);
    }
  }

  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exitCode = failed ? 1 : 0;
  // A host may leave something behind (a stuck child, a browser); don't wait for it.
  setTimeout(() => process.exit(process.exitCode), 2000).unref();
}

main().catch((e) => {
  console.error(`conformance: ${e?.stack ?? e}`);
  process.exit(2);
});
