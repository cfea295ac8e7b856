// Worker script of host `node`: runs one test on @anywasi/core and posts
// { exitCode, stdout, stderr } or { error, stdout, stderr } back.
import { parentPort, workerData } from "node:worker_threads";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ByteSink } from "./bytes.mjs";
import { readTree } from "./fixtures.mjs";

/** stdin: an open pipe that never delivers data nor end-of-file. */
function neverStdin() {
  const cell = new Int32Array(new SharedArrayBuffer(4)); // nobody ever notifies it
  return {
    read(_into) {
      for (;;) Atomics.wait(cell, 0, 0);
    },
    poll(timeoutNs) {
      if (timeoutNs === null || timeoutNs === undefined) for (;;) Atomics.wait(cell, 0, 0);
      const ms = Number(timeoutNs) / 1e6;
      if (ms > 0) Atomics.wait(cell, 0, 0, ms);
      return false;
    },
  };
}

/** An output sink usable both as a `(chunk) => void` callback and as an `OutputStream`. */
function sink(bytes) {
  const write = (chunk) => bytes.push(chunk);
  write.write = write;
  return write;
}

const test = workerData;
const stdout = new ByteSink();
const stderr = new ByteSink();
let result;
const scratch = [];
try {
  const { WASI, MemFS } = await import("@anywasi/core");
  const { NodeFS } = test.fs === "disk" ? await import("@anywasi/node") : {};
  const preopens = {};
  for (const [guestPath, hostDir] of Object.entries(test.preopens)) {
    if (test.fs === "disk") {
      // --fs disk: a fresh copy of the fixture directory on the real disk, behind NodeFS.
      const copy = mkdtempSync(join(tmpdir(), "anywasi-conformance-"));
      scratch.push(copy);
      cpSync(hostDir, copy, { recursive: true, verbatimSymlinks: true });
      preopens[guestPath] = new NodeFS(copy).root;
    } else {
      preopens[guestPath] = MemFS.from(readTree(hostDir)).root;
    }
  }
  const wasi = new WASI({
    args: test.args,
    env: test.env,
    preopens,
    stdin: neverStdin(),
    stdout: sink(stdout),
    stderr: sink(stderr),
  });
  const module = await WebAssembly.compile(readFileSync(test.wasm));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  result = { exitCode: wasi.start(instance) };
} catch (e) {
  result = { error: e?.stack ?? String(e) };
}
for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
result.stdout = stdout.bytes();
result.stderr = stderr.bytes();
parentPort.postMessage(result, [result.stdout.buffer, result.stderr.buffer]);
