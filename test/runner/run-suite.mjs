// Running tests on one host: loading the host module, selecting tests, running them in parallel
// with a time guard, setup/teardown. Shared by the single-host runner (conformance.mjs) and the
// matrix (matrix.mjs), which runs it once per host configuration.
import { existsSync, readdirSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { discover } from "./discover.mjs";
import { checkResult } from "./compare.mjs";

export const HOSTS_DIR = fileURLToPath(new URL("./hosts/", import.meta.url));
/** Extra time the runner grants a host beyond --timeout before it gives up on runTest itself. */
const HOST_GRACE_MS = 15000;

export function listHosts() {
  try {
    return readdirSync(HOSTS_DIR)
      .filter((f) => f.endsWith(".mjs") && !f.startsWith("_"))
      .map((f) => f.slice(0, -4))
      .sort();
  } catch {
    return [];
  }
}

/** Thrown for a host name that is not a module of hosts/ (a usage error). */
export class UnknownHostError extends Error {}

/**
 * Imports hosts/<name>.mjs. `instance` gives a separate module instance (the module is evaluated
 * again, so that it reads the environment variables set for it: ANYWASI_STDIN_MODE, ...).
 */
export async function loadHost(name, { instance } = {}) {
  if (!/^[\w.-]+$/.test(name)) throw new UnknownHostError(`bad host name ${name}`);
  const path = resolve(HOSTS_DIR, `${name}.mjs`);
  if (!existsSync(path)) throw new UnknownHostError(`unknown host ${JSON.stringify(name)}`);
  const url = pathToFileURL(path).href + (instance ? `?instance=${encodeURIComponent(instance)}` : "");
  const host = await import(url);
  if (typeof host.runTest !== "function") throw new UnknownHostError(`host ${name} does not export runTest()`);
  return host;
}

/** Why a host skips a component test. */
export const NO_COMPONENTS = "host has no component support";

/** Whether a loaded host module runs WASI 0.2 components (it exports `components = true`). */
export const hostRunsComponents = (host) => host?.components === true;

/**
 * Why the loaded host module legitimately differs on `test` (its `differences(test)` export:
 * a documented limit of that platform), or undefined. Such a test is skipped with that reason.
 */
export const hostDifference = (host, test) => (typeof host?.differences === "function" ? host.differences(test) ?? undefined : undefined);

/**
 * The tests under `suiteDirs` (one directory or several) whose name contains one of `filters`
 * (all without filters), the suites skipped (with how many of their tests match) and discovery
 * warnings. With several directories every name starts with its directory's base name
 * (`suite/x.wasm`, `suite-p2/x.wasm`). Without `components`, component tests are not run but
 * skipped, one entry per suite, for NO_COMPONENTS; a test for which `differs(test)` gives a reason
 * (see `hostDifference`) is skipped on its own, as `{ name, reason, tests: [name], difference: true }`.
 */
export function selectTests(suiteDirs, filters = [], { components = true, differs = () => undefined } = {}) {
  const dirs = Array.isArray(suiteDirs) ? suiteDirs : [suiteDirs];
  const bases = dirs.map((d) => basename(resolve(d)));
  if (new Set(bases).size !== bases.length) throw new Error(`suite directories need distinct base names: ${dirs.join(", ")}`);
  const all = [];
  const skippedSuites = [];
  const warnings = [];
  dirs.forEach((dir, i) => {
    const prefix = dirs.length > 1 ? `${bases[i]}/` : "";
    const found = discover(dir);
    const join = (p) => (p === "." ? bases[i] : prefix + p);
    for (const t of found.tests) all.push({ ...t, name: prefix + t.name, suite: prefix ? join(t.suite) : t.suite });
    for (const s of found.skipped) skippedSuites.push({ ...s, name: prefix ? join(s.name) : s.name, tests: s.tests.map((n) => prefix + n) });
    warnings.push(...found.warnings.map((w) => prefix + w));
  });
  const matches = (name) => filters.length === 0 || filters.some((f) => name.includes(f));
  const tests = [];
  const noComponents = new Map();
  const differences = [];
  for (const t of all) {
    if (!matches(t.name)) continue;
    if (t.component && !components) {
      if (!noComponents.has(t.suite)) noComponents.set(t.suite, { name: t.suite, reason: NO_COMPONENTS, tests: [] });
      noComponents.get(t.suite).tests.push(t.name);
    } else if (differs(t) !== undefined) {
      differences.push({ name: t.name, reason: differs(t), tests: [t.name], difference: true });
    } else tests.push(t);
  }
  const skipped = [...skippedSuites, ...noComponents.values(), ...differences]
    .map((s) => ({ ...s, count: s.tests.filter(matches).length }))
    .filter((s) => s.count > 0 || filters.length === 0)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { tests, skipped, skippedCount: skipped.reduce((n, s) => n + s.count, 0), empty: all.length === 0 && skippedSuites.length === 0, warnings };
}

/** Runs one test on the host; never throws, never hangs longer than timeout + grace. */
export async function runOne(host, test, opts) {
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

/** Thrown by runSuite when the host's setup() fails. */
export class HostSetupError extends Error {}

/**
 * Runs `tests` on `host`: setup, up to `opts.jobs` tests at once, teardown. `onOutcome(test,
 * outcome)` is called in path order as soon as each prefix of the list is complete (`outcome`:
 * `{ ok, reason?, result, ms }`). `opts`: `{ timeoutMs, jobs, verbose, fs, label }` (label: the host's
 * name in messages). Resolves with `{ passed, failed }`.
 * @throws HostSetupError when the host's setup() fails (no test ran).
 */
export async function runSuite(host, tests, opts, onOutcome = () => {}) {
  if (tests.length && typeof host.setup === "function") {
    try {
      await host.setup({ timeoutMs: opts.timeoutMs, jobs: opts.jobs, verbose: opts.verbose, tests });
    } catch (e) {
      // A partly set up host (a browser launched before the failure) is taken down.
      if (typeof host.teardown === "function") await host.teardown().catch(() => {});
      throw new HostSetupError(e?.message ?? String(e));
    }
  }

  const outcomes = new Array(tests.length);
  let next = 0;
  let reported = 0;
  let passed = 0;
  let failed = 0;
  const flush = () => {
    while (reported < tests.length && outcomes[reported]) {
      const o = outcomes[reported];
      if (o.ok) passed++;
      else failed++;
      onOutcome(tests[reported], o);
      outcomes[reported] = true; // drop the result bytes
      reported++;
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
      console.error(`conformance: host ${opts.label} teardown failed: ${e?.message ?? e}`);
    }
  }
  return { passed, failed };
}
