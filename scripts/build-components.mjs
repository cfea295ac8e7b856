#!/usr/bin/env node
// Builds the component corpus test/suite-p2 from the preview1 corpus test/suite: every fixture
// module wrapped into a WASI 0.2 command component exactly as `npx jco new X.wasm --wasi-command
// -o X.wasm` does (the same jco-transpile `componentNew` with the preview1 adapter that jco 1.35
// ships, which imports wasi:*@0.2.12; the bytes are identical, without starting a jco process per
// fixture: `--check-jco` compares them for one fixture).
//
//   npm run fixtures:components [-- --only NAME]... [--check-jco]
//
// The result keeps the wasi-testsuite layout, so the runner treats it like any official suite
// whose manifest says "version": "wasm32-wasip2": X.wasm (the component) beside X.json (the spec
// of test/suite, with the overrides of DIFFERENCES applied and a "difference" field saying why)
// and the fixture directories as relative symlinks to test/suite's (not copies). Fixtures listed
// in EXCLUDED are not wrapped; they are written, with the reason, to test/suite-p2/excluded.json
// (and docs/components.md lists them). Test specs and symlinks of fixtures gone from test/suite
// are removed.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const FROM = join(REPO, "test/suite");
const TO = join(REPO, "test/suite-p2");
const ADAPTER = join(REPO, "node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm");

/**
 * Fixtures whose component must behave differently from the preview1 module, inherently (the
 * adapter's semantics, not an anywasi bug): spec overrides and the reason, which goes into the
 * spec as "difference" and into the platform-differences table of the README.
 */
export const DIFFERENCES = {
  proc_exit_code: {
    exit_code: 1,
    reason: "jco's preview1 adapter maps proc_exit(n) for every n ≠ 0 to wasi:cli/exit exit(err), which is exit code 1",
  },
  proc_exit_partial: {
    exit_code: 1,
    reason: "jco's preview1 adapter maps proc_exit(n) for every n ≠ 0 to wasi:cli/exit exit(err), which is exit code 1",
  },
  proc_exit_main_return: {
    exit_code: 1,
    reason: "main's return value n ≠ 0 reaches the adapter as proc_exit(n), which it maps to wasi:cli/exit exit(err): exit code 1",
  },
};

const EFAULT =
  "checks EFAULT for a pointer outside the guest's memory: in a component the adapter (or the canonical ABI) reads and " +
  "writes guest memory itself, so a bad pointer is a trap, never an errno";
/**
 * Fixtures the adapter cannot give a meaningful component of: name → reason. Each reason was
 * checked against jco + @bytecodealliance/preview2-shim (`jco run`), which gives the same result.
 */
export const EXCLUDED = {
  args_efault: EFAULT,
  clock_efault: EFAULT,
  environ_efault: EFAULT,
  prestat_efault: EFAULT,
  readdir_efault: EFAULT,
  open_efault_path: EFAULT,
  random_efault: EFAULT,
  clock_invalid_id: "the adapter answers EBADF, not EINVAL, for an unknown clock id (wasi:clocks has no clock ids)",
  fd_allocate_extends: "the adapter answers ENOTSUP to fd_allocate: wasi:filesystem has no allocate",
  fd_allocate_no_shrink: "the adapter answers ENOTSUP to fd_allocate: wasi:filesystem has no allocate",
  fd_fdstat_set_rights: "the adapter answers ENOTSUP to fd_fdstat_set_rights: WASI 0.2 has no rights",
  fd_read_vectored: "the adapter reads into the first non-empty iovec only (a short read, allowed by POSIX), the fixture wants all of them filled",
  fd_write_vectored: "the adapter writes the first non-empty iovec only (a short write, allowed by POSIX), the fixture wants all of them written",
  fd_write_stdout_vectored: "the adapter writes the first non-empty iovec only (a short write, allowed by POSIX), the fixture wants all of them written",
  open_invalid_utf8: "WASI 0.2 paths are strings: a path that is not UTF-8 cannot cross the canonical ABI (anywasi traps, as wasmtime does), so no EILSEQ",
  sock_badfd: "the adapter has no sock_* functions: any call is an `unreachable` trap",
  sock_file_enotsock: "the adapter has no sock_* functions: any call is an `unreachable` trap",
  walk_recursive: "the adapter lists `..` with inode 0 (wasi:filesystem gives no inode for it); the fixture checks it against the parent's stat",
};

const { values } = parseArgs({ options: { only: { type: "string", multiple: true }, "check-jco": { type: "boolean", default: false } } });

const { componentNew } = await import("@bytecodealliance/jco-transpile/wasm-tools");
const adapter = readFileSync(ADAPTER);

mkdirSync(TO, { recursive: true });
writeFileSync(
  join(TO, "manifest.json"),
  JSON.stringify({ name: "anywasi components: test/suite wrapped with jco's preview1 adapter (npm run fixtures:components)", version: "wasm32-wasip2" }, null, 2) + "\n",
);

const entries = readdirSync(FROM, { withFileTypes: true });
const fixtureDirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
const modules = entries.filter((e) => e.isFile() && e.name.endsWith(".wasm")).map((e) => e.name.slice(0, -5)).sort();

// Fixture directories: relative symlinks, so the corpus does not duplicate them.
for (const d of fixtureDirs) {
  const link = join(TO, d);
  if (existsSync(link) || isLink(link)) continue;
  symlinkSync(relative(TO, join(FROM, d)), link);
}
for (const e of readdirSync(TO, { withFileTypes: true })) {
  if (e.isSymbolicLink() && !fixtureDirs.includes(e.name)) rmSync(join(TO, e.name));
  if (e.isFile() && /\.(wasm|json)$/.test(e.name) && e.name !== "manifest.json" && e.name !== "excluded.json") {
    if (!modules.includes(e.name.replace(/\.(wasm|json)$/, ""))) rmSync(join(TO, e.name));
  }
}

const failures = {};
let built = 0;
for (const name of modules) {
  if (values.only && !values.only.includes(name)) continue;
  if (name in EXCLUDED) {
    rmSync(join(TO, `${name}.wasm`), { force: true });
    rmSync(join(TO, `${name}.json`), { force: true });
    continue;
  }
  let component;
  try {
    component = await componentNew(readFileSync(join(FROM, `${name}.wasm`)), [["wasi_snapshot_preview1", adapter]]);
  } catch (e) {
    failures[name] = `jco new failed: ${String(e?.message ?? e).split("\n")[0]}`;
    continue;
  }
  writeFileSync(join(TO, `${name}.wasm`), component);
  const specPath = join(FROM, `${name}.json`);
  const spec = existsSync(specPath) ? JSON.parse(readFileSync(specPath, "utf8")) : {};
  const diff = DIFFERENCES[name];
  if (diff) {
    const { reason, ...overrides } = diff;
    Object.assign(spec, overrides, { difference: reason });
  }
  if (existsSync(specPath) || diff) writeFileSync(join(TO, `${name}.json`), JSON.stringify(spec) + "\n");
  else rmSync(join(TO, `${name}.json`), { force: true });
  built++;
}

// What is not in the corpus, and why: the fixed list and whatever jco new refused.
const excluded = { ...EXCLUDED, ...failures };
// A partial build (--only) leaves the list as it was.
if (!values.only) writeFileSync(join(TO, "excluded.json"), JSON.stringify(excluded, null, 2) + "\n");
console.log(`build-components: ${built} components in ${relative(process.cwd(), TO) || "."}, ${Object.keys(excluded).length} excluded`);
for (const [n, r] of Object.entries(failures)) console.log(`  ${n}: ${r}`);

if (values["check-jco"]) {
  // The same bytes as the jco CLI gives for one fixture.
  const name = modules.find((m) => !(m in excluded));
  const out = join(REPO, "node_modules/.cache/anywasi-check-jco.wasm");
  mkdirSync(join(out, ".."), { recursive: true });
  const r = spawnSync("npx", ["jco", "new", join(FROM, `${name}.wasm`), "--wasi-command", "-o", out], { stdio: "inherit" });
  const same = r.status === 0 && Buffer.compare(readFileSync(out), readFileSync(join(TO, `${name}.wasm`))) === 0;
  console.log(`build-components: ${name}: ${same ? "identical to" : "DIFFERENT from"} npx jco new --wasi-command`);
  if (!same) process.exitCode = 1;
}

function isLink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
