// Test discovery for the conformance runner.
//
// A "suite directory" is a directory holding `manifest.json`, laid out like
// WebAssembly/wasi-testsuite: `name.wasm` files, each optionally with `name.json` beside it
// (args, env, root, dirs, exit_code, stdout, stderr), and fixture directories beside them.
// `discover(dir)` accepts a suite directory or any directory above suite directories. A suite
// whose manifest says "version": "wasm32-wasip2" holds WASI 0.2 command components: its tests
// carry `component: true` (hosts without component support skip them, see run-suite.mjs).
import { readdirSync, readFileSync, realpathSync, statSync, existsSync } from "node:fs";
import { join, relative, resolve, sep, basename } from "node:path";

/** Manifest versions the runner runs; a suite with another version is skipped. */
export const PREVIEW1 = "wasm32-wasip1";
export const PREVIEW2 = "wasm32-wasip2";
const SUPPORTED_VERSIONS = [PREVIEW1, PREVIEW2];
const IGNORED_DIRS = new Set(["node_modules", ".git"]);

/**
 * @typedef {object} TestCase
 * @property {string} name      path of the .wasm relative to the --suite dir, with `/` separators
 * @property {string} wasm      absolute path of the .wasm
 * @property {string[]} args    the guest's whole argv: [wasm file name, ...json.args]
 * @property {Record<string,string>} env
 * @property {Record<string,string>} preopens  guest path -> absolute host dir (the ORIGINAL
 *           fixture; a host must copy it, or load it into a fresh in-memory FS, per test)
 * @property {{exitCode:number, stdout?:string, stderr?:string}} expected
 * @property {string} [invalid] set when the test's .json is unusable: the test then fails with it
 * @property {boolean} component  the .wasm is a WASI 0.2 command component (a wasm32-wasip2 suite)
 * @property {string} suite  the suite directory holding it, relative to the --suite dir ("." for itself)
 */

/**
 * @returns {{ tests: TestCase[], skipped: {name:string, reason:string, tests:string[]}[], warnings: string[] }}
 *   tests and skipped suites, sorted by path.
 */
export function discover(suiteRoot) {
  const root = resolve(suiteRoot);
  const tests = [];
  const skipped = [];
  const warnings = [];
  const rel = (p) => relative(root, p).split(sep).join("/");

  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      warnings.push(`cannot read ${dir}: ${e.message}`);
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    const fixtureDirs = new Set();
    if (names.has("manifest.json")) {
      let manifest = {};
      try {
        manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
      } catch (e) {
        warnings.push(`${rel(join(dir, "manifest.json"))}: bad JSON (${e.message}); treating it as {}`);
      }
      const wasms = entries.filter((e) => e.isFile() && e.name.endsWith(".wasm")).map((e) => e.name).sort();
      if (manifest && manifest.version !== undefined && !SUPPORTED_VERSIONS.includes(manifest.version)) {
        skipped.push({
          name: rel(dir) || ".",
          reason: `manifest version ${JSON.stringify(manifest.version)} is not one of ${SUPPORTED_VERSIONS.map((v) => JSON.stringify(v)).join(", ")}`,
          tests: wasms.map((w) => rel(join(dir, w))),
        });
        return; // nothing below a skipped suite is looked at
      }
      for (const w of wasms) {
        const test = loadTest(dir, w, rel(join(dir, w)));
        test.component = manifest?.version === PREVIEW2;
        test.suite = rel(dir) || ".";
        for (const d of test.fixtureDirs) fixtureDirs.add(d);
        delete test.fixtureDirs;
        tests.push(test);
      }
    }
    for (const e of entries) {
      if (!e.isDirectory() || IGNORED_DIRS.has(e.name) || fixtureDirs.has(e.name)) continue;
      walk(join(dir, e.name));
    }
  };

  walk(root);
  tests.sort((a, b) => cmp(a.name, b.name));
  skipped.sort((a, b) => cmp(a.name, b.name));
  return { tests, skipped, warnings };
}

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function loadTest(dir, wasmName, name) {
  const wasm = join(dir, wasmName);
  const test = {
    name,
    wasm,
    args: [wasmName],
    env: {},
    preopens: {},
    expected: { exitCode: 0 },
    fixtureDirs: [],
  };
  const jsonPath = join(dir, wasmName.slice(0, -".wasm".length) + ".json");
  if (!existsSync(jsonPath)) return test;
  let spec;
  try {
    spec = JSON.parse(readFileSync(jsonPath, "utf8"));
    if (spec === null || typeof spec !== "object" || Array.isArray(spec)) throw new Error("not an object");
  } catch (e) {
    test.invalid = `bad test JSON ${basename(jsonPath)}: ${e.message}`;
    return test;
  }
  const problems = [];
  if (spec.args !== undefined) {
    if (Array.isArray(spec.args) && spec.args.every((a) => typeof a === "string")) test.args.push(...spec.args);
    else problems.push("`args` must be an array of strings");
  }
  if (spec.env !== undefined) {
    if (spec.env && typeof spec.env === "object" && !Array.isArray(spec.env)) {
      for (const [k, v] of Object.entries(spec.env)) test.env[k] = String(v);
    } else problems.push("`env` must be an object");
  }
  const addDir = (guest, name, field) => {
    if (typeof name !== "string" || name === "" || name.includes("/") || name === "." || name === "..") {
      problems.push(`\`${field}\` entry ${JSON.stringify(name)} must be a directory name beside the json`);
      return;
    }
    const host = join(dir, name);
    let ok = false;
    try {
      ok = statSync(host).isDirectory();
    } catch {}
    if (!ok) problems.push(`fixture directory ${name} (from \`${field}\`) does not exist`);
    test.fixtureDirs.push(name);
    // Resolved: a corpus may link another's fixture dirs (test/suite-p2 does), and hosts grant
    // permissions (Deno's --allow-read) by path.
    test.preopens[guest] = ok ? realpathSync(host) : host;
  };
  if (spec.root !== undefined) addDir("/", spec.root, "root");
  if (spec.dirs !== undefined) {
    if (Array.isArray(spec.dirs)) for (const d of spec.dirs) addDir(d, d, "dirs");
    else problems.push("`dirs` must be an array");
  }
  if (spec.exit_code !== undefined) {
    if (Number.isInteger(spec.exit_code)) test.expected.exitCode = spec.exit_code;
    else problems.push("`exit_code` must be an integer");
  }
  for (const k of ["stdout", "stderr"]) {
    if (spec[k] === undefined) continue;
    if (typeof spec[k] === "string") test.expected[k] = spec[k];
    else problems.push(`\`${k}\` must be a string`);
  }
  if (problems.length) test.invalid = `bad test JSON ${basename(jsonPath)}: ${problems.join("; ")}`;
  return test;
}
