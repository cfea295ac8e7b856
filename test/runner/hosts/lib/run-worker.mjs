// Runs a script in a worker_threads Worker and resolves with the one message it posts.
// The worker is terminate()d on timeout; V8 interrupts running wasm and Atomics.wait for that,
// but not a blocking system call (so guests must not block in one: see node-wasi.mjs).
import { Worker } from "node:worker_threads";

/**
 * @returns {Promise<object>} the worker's message, or { timedOut: true }, or { error }
 */
export function runInWorker(url, workerData, timeoutMs, transferList = []) {
  return new Promise((resolve) => {
    let done = false;
    const worker = new Worker(url, { workerData, transferList });
    const finish = (result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
      worker.terminate().catch(() => {});
    };
    const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
    worker.once("message", finish);
    worker.once("error", (e) => finish({ error: e?.stack ?? String(e) }));
    worker.once("exit", (code) => finish({ error: `worker exited with code ${code} before reporting a result` }));
  });
}
