// Worker script of host `node`: runs one test on @anywasi/core and posts
// { exitCode, stdout, stderr } or { error, stdout, stderr } back.
import { parentPort, workerData } from "node:worker_threads";
import { readFileSync } from "node:fs";
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
try {
  const { WASI, MemFS } = await import("@anywasi/core");
  const preopens = {};
  for (const [guestPath, hostDir] of Object.entries(test.preopens)) {
    preopens[guestPath] = MemFS.from(readTree(hostDir)).root;
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
result.stdout = stdout.bytes();
result.stderr = stderr.bytes();
parentPort.postMessage(result, [result.stdout.buffer, result.stderr.buffer]);
