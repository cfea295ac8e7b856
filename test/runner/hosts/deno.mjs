// Host `deno`: runs each test on @anywasi/core (and @anywasi/node for --fs disk), the same
// packages/*/dist as host `node`, resolved by Deno through the npm workspace links in
// node_modules, in a fresh `deno run` child process per test (SIGKILLed on timeout).
// The guest logic is lib/run-spec.mjs, shared with host `node`; lib/deno-guest.mjs wraps it.
//
// Per test, a temp dir holds spec.json (the run-spec spec), the --fs disk fixture copies and
// result.json ({ exitCode } or { error }, stdout/stderr in base64), written by the child. The
// guest's stdio is captured in-process (stdin: Atomics.wait on a SharedArrayBuffer, which never
// delivers), so the child's own stdout/stderr only serve to diagnose a child that reports
// nothing.
//
// Permissions (no env, sys, net, run, ffi; loading modules needs none):
// - --fs memory: read the .wasm, the fixture dirs and the temp dir; write the temp dir.
// - --fs disk: unscoped --allow-read --allow-write, because Deno refuses symlinkSync under
//   path-scoped grants (the fixture copy, and NodeFS's path_symlink). Deno also wants -A for
//   anything under /proc/self/fd, so NodeFS's probe of it fails and NodeFS runs in its plain-path
//   mode here (with -A it uses /proc/self/fd/N as on Node; both pass the suite).
//
// The deno executable: $DENO_BIN, else the one of the `deno` npm devDependency (resolved as its
// bin.cjs does, without a node wrapper process in between, so SIGKILL reaches deno itself).
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Buffer } from "node:buffer";
import { fileURLToPath } from "node:url";

/** Runs WASI 0.2 command components (wasm32-wasip2 suites) through @anywasi/core/component. */
export const components = true;

const GUEST = fileURLToPath(new URL("./lib/deno-guest.mjs", import.meta.url));
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const JCO_VENDOR = join(REPO, "node_modules/@bytecodealliance/jco-transpile/vendor");
const DENO_ENV = { DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" };

let deno;

function findDeno() {
  if (process.env.DENO_BIN) return process.env.DENO_BIN;
  try {
    // Hard-links the platform package's binary into node_modules/deno/ if the postinstall
    // script did not (npm --ignore-scripts), and returns its path.
    return createRequire(import.meta.url)("deno/install_api.cjs").runInstall();
  } catch {
    return "deno"; // on PATH
  }
}

export async function setup() {
  deno = findDeno();
  try {
    execFileSync(deno, ["--version"], { env: { ...process.env, ...DENO_ENV }, stdio: "pipe" });
  } catch (e) {
    throw new Error(`cannot run deno (${deno}): ${e.message} (run \`npm install\` or set DENO_BIN)`);
  }
  let entry;
  try {
    entry = fileURLToPath(import.meta.resolve("@anywasi/core"));
  } catch (e) {
    throw new Error(`cannot resolve @anywasi/core (run \`npm install\`): ${e.message}`);
  }
  try {
    await readFile(entry);
  } catch {
    throw new Error(`${entry} does not exist: run \`npm run build\` first`);
  }
}

/**
 * @param {import("../discover.mjs").TestCase} test
 * @param {{timeoutMs: number, fs?: "memory" | "disk"}} options
 */
export async function runTest(test, { timeoutMs, fs = "memory" }) {
  deno ??= findDeno();
  const tmp = await mkdtemp(join(tmpdir(), "anywasi-deno-"));
  try {
    const spec = { wasm: test.wasm, args: test.args, env: test.env, preopens: test.preopens, component: test.component === true, fs, scratchDir: tmp };
    const specPath = join(tmp, "spec.json");
    const resultPath = join(tmp, "result.json");
    await writeFile(specPath, JSON.stringify(spec));
    // A component also needs jco-transpile's own core modules, which it reads from its vendor/ dir.
    const read = [test.wasm, ...Object.values(test.preopens), tmp, ...(test.component ? [JCO_VENDOR] : [])];
    // See the top of this file.
    const perms = fs === "disk" ? ["--allow-read", "--allow-write"] : [`--allow-read=${read.join(",")}`, `--allow-write=${tmp}`];
    // jco-transpile (loaded for a component) is itself a component running on
    // @bytecodealliance/preview2-shim, whose nodejs/cli.js copies all of process.env when it is
    // imported: without --allow-env, loading any component throws NotCapable. A limitation of
    // the component layer on Deno, not of the guest (which still sees only test.env).
    if (test.component) perms.push("--allow-env");
    const args = ["run", "--quiet", "--no-prompt", ...perms, GUEST, specPath, resultPath];
    const child = await runChild(args, timeoutMs);
    if (child.timedOut) return { timedOut: true };
    let report;
    try {
      report = JSON.parse(await readFile(resultPath, "utf8"));
    } catch {
      const why = child.error ?? (child.signal ? `signal ${child.signal}` : `code ${child.code}`);
      const err = child.stderr.trim() || child.stdout.trim();
      return { error: `deno exited (${why}) without reporting a result${err ? `:\n${err}` : ""}` };
    }
    const bytes = (s) => new Uint8Array(Buffer.from(s ?? "", "base64"));
    return { ...report, stdout: bytes(report.stdout), stderr: bytes(report.stderr) };
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

function runChild(args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(deno, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...DENO_ENV },
      cwd: REPO,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let error;
    // Keep only the tail: a diagnostic, never the guest's output.
    const keep = (s, c) => (s + c).slice(-8000);
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout = keep(stdout, c)));
    child.stderr.setEncoding("utf8").on("data", (c) => (stderr = keep(stderr, c)));
    let done = false;
    const finish = (code, signal) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ code, signal, timedOut, error, stdout, stderr });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("error", (e) => {
      error = `cannot start ${deno}: ${e.message}`;
      if (child.pid === undefined) finish(null, null); // never started: no "close" will come
    });
    child.once("close", finish);
  });
}
