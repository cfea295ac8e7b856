// Host `deno`: runs each test on @anywasi/core (and @anywasi/node for --fs disk), the same
// packages/*/dist as host `node`, resolved by Deno through the npm workspace links in
// node_modules, in a fresh Web Worker per test inside one long-lived `deno run` process
// (lib/deno-server.mjs), as host `node` runs a worker_threads Worker per test. The Worker is
// terminate()d on timeout; should the process itself not answer, it is SIGKILLed (and started
// again for the next tests). The guest logic is lib/run-spec.mjs, shared with host `node`;
// lib/deno-worker.mjs wraps it.
//
// Spec in, result out as JSON lines on the process's stdin/stdout (stdout/stderr in base64). The
// guest's stdio is captured in the Worker (stdin: Atomics.wait on a SharedArrayBuffer, which
// never delivers), so the process's stderr only serves to diagnose a process that dies.
//
// Permissions: the process has --allow-read --allow-write --allow-env (no net, sys, run, ffi);
// each Worker gets the test's own through Deno's `deno.permissions` Worker option
// (--unstable-worker-options). Loading modules needs none.
// - --fs memory: read the .wasm and the fixture dirs; write nothing.
// - --fs disk: unscoped read and write, because Deno refuses symlinkSync under path-scoped
//   grants (the fixture copy, and NodeFS's path_symlink). Deno also wants -A for anything under
//   /proc/self/fd, so NodeFS's probe of it fails and NodeFS runs in its plain-path mode here
//   (with -A it uses /proc/self/fd/N as on Node; both pass the suite). The fixture copies go to
//   a temp dir per test, made and removed here.
//
// The deno executable: $DENO_BIN, else the one of the `deno` npm devDependency (resolved as its
// bin.cjs does, without a node wrapper process in between, so SIGKILL reaches deno itself).
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Buffer } from "node:buffer";
import { fileURLToPath } from "node:url";

/** Runs WASI 0.2 command components (wasm32-wasip2 suites) through @anywasi/core/component. */
export const components = true;

const SERVER = fileURLToPath(new URL("./lib/deno-server.mjs", import.meta.url));
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

/** How long past a test's timeout the process may take to answer before it is killed. */
const PROCESS_GRACE_MS = 5000;

let server = null; // the running deno-server.mjs: { child, pending: Map<id, resolve>, stderr }
let nextId = 0;

function startServer() {
  const child = spawn(deno, ["run", "--quiet", "--no-prompt", "--unstable-worker-options", "--allow-read", "--allow-write", "--allow-env", SERVER], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...DENO_ENV },
    cwd: REPO,
  });
  const s = { child, pending: new Map(), stderr: "", exited: false };
  let buffered = "";
  child.stdout.setEncoding("utf8").on("data", (c) => {
    buffered += c;
    let nl;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        continue;
      }
      const settle = s.pending.get(message.id);
      s.pending.delete(message.id);
      settle?.(message);
    }
  });
  // Keep only the tail: a diagnostic, never the guest's output.
  child.stderr.setEncoding("utf8").on("data", (c) => (s.stderr = (s.stderr + c).slice(-8000)));
  const died = (why) => {
    s.exited = true;
    if (server === s) server = null;
    const err = s.stderr.trim();
    for (const settle of s.pending.values()) settle({ error: `deno exited (${why}) without reporting a result${err ? `:\n${err}` : ""}` });
    s.pending.clear();
  };
  child.once("error", (e) => died(`cannot start ${deno}: ${e.message}`));
  child.once("close", (code, signal) => died(signal ? `signal ${signal}` : `code ${code}`));
  child.stdin.on("error", () => {}); // a dead process: reported by "close"
  return s;
}

/** Kills the process (a test it did not answer for); the next test starts another one. */
function killServer(s) {
  if (server === s) server = null;
  s.child.kill("SIGKILL");
}

export async function teardown() {
  const s = server;
  server = null;
  if (s === null || s.exited) return;
  await new Promise((resolve) => {
    const timer = setTimeout(() => s.child.kill("SIGKILL"), 5000);
    s.child.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    s.child.stdin.end();
  });
}

/**
 * @param {import("../discover.mjs").TestCase} test
 * @param {{timeoutMs: number, fs?: "memory" | "disk"}} options
 */
export async function runTest(test, { timeoutMs, fs = "memory" }) {
  deno ??= findDeno();
  const tmp = fs === "disk" ? await mkdtemp(join(tmpdir(), "anywasi-deno-")) : null;
  try {
    const spec = { wasm: test.wasm, args: test.args, env: test.env, preopens: test.preopens, component: test.component === true, fs, ...(tmp ? { scratchDir: tmp } : {}) };
    // A component also needs jco-transpile's own core modules, which it reads from its vendor/ dir.
    const read = [test.wasm, ...Object.values(test.preopens), ...(test.component ? [JCO_VENDOR] : [])];
    // See the top of this file.
    const permissions = {
      read: fs === "disk" ? true : read, write: fs === "disk",
      // jco-transpile (loaded for a component) is itself a component running on
      // @bytecodealliance/preview2-shim, whose nodejs/cli.js copies all of process.env when it is
      // imported: without env access, loading any component throws NotCapable. A limitation of
      // the component layer on Deno, not of the guest (which still sees only test.env).
      env: test.component === true,
      net: false, run: false, ffi: false, sys: false, import: false,
    };
    const report = await ask({ spec, permissions, timeoutMs }, timeoutMs + PROCESS_GRACE_MS);
    if (report.timedOut || report.error !== undefined && report.stdout === undefined) return report;
    const bytes = (s) => new Uint8Array(Buffer.from(s ?? "", "base64"));
    return { ...report, stdout: bytes(report.stdout), stderr: bytes(report.stderr) };
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

/** Sends one test to the process; resolves with its answer, or { timedOut } after `guardMs`. */
function ask(request, guardMs) {
  server ??= startServer();
  const s = server;
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      // The process did not answer (a Worker that would not stop): kill it, and every test in it.
      s.pending.delete(id);
      resolve({ timedOut: true });
      killServer(s);
    }, guardMs);
    s.pending.set(id, (message) => {
      clearTimeout(timer);
      const { id: _, ...report } = message;
      resolve(report);
    });
    s.child.stdin.write(JSON.stringify({ id, ...request }) + "\n");
  });
}
