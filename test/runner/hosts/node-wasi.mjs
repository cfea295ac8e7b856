// Host `node-wasi`: a baseline that runs each test on Node's built-in `node:wasi` (uvwasi),
// with preopens on a fresh temporary copy of the fixture directories (fs.cp, verbatimSymlinks).
//
// Unlike host `node`, each test runs in a child process, not a Worker: uvwasi blocks in real
// system calls (read(2) on stdin, poll), which Worker.terminate() cannot interrupt; a child can
// be SIGKILLed. The child's stdin is a pipe (a socketpair, as libuv makes it) that the runner
// keeps open and never writes: it never delivers data nor end-of-file. The guest's stdout and
// stderr are the child's; the child reports its exit code or crash as JSON on fd 3.
import { spawn } from "node:child_process";
import { mkdtemp, cp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ByteSink } from "./lib/bytes.mjs";

const CHILD = fileURLToPath(new URL("./lib/node-wasi-child.mjs", import.meta.url));

export async function runTest(test, { timeoutMs }) {
  const tmp = await mkdtemp(join(tmpdir(), "anywasi-node-wasi-"));
  try {
    const preopens = {};
    let i = 0;
    for (const [guestPath, hostDir] of Object.entries(test.preopens)) {
      const copy = join(tmp, `preopen${i++}`);
      await cp(hostDir, copy, { recursive: true, verbatimSymlinks: true });
      preopens[guestPath] = copy;
    }
    const spec = { wasm: test.wasm, args: test.args, env: test.env, preopens };
    return await runChild(spec, timeoutMs);
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

function runChild(spec, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--no-warnings", CHILD, JSON.stringify(spec)], {
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      env: {},
    });
    const stdout = new ByteSink();
    const stderr = new ByteSink();
    let report = "";
    let timedOut = false;
    child.stdout.on("data", (c) => stdout.push(c));
    child.stderr.on("data", (c) => stderr.push(c));
    child.stdio[3].setEncoding("utf8").on("data", (c) => (report += c));
    child.stdin.on("error", () => {}); // never written; ignore EPIPE when the child is gone
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      resolve({ error: `cannot start node: ${e.message}` });
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const out = { stdout: stdout.bytes(), stderr: stderr.bytes() };
      if (timedOut) return resolve({ ...out, timedOut: true });
      let parsed;
      try {
        parsed = JSON.parse(report);
      } catch {
        parsed = { error: `node exited (${signal ?? `code ${code}`}) without reporting a result` };
      }
      resolve({ ...out, ...parsed });
    });
  });
}
