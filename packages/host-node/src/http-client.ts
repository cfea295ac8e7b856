import type { HttpClient } from "@anywasi/core/component";
import type { Worker } from "node:worker_threads";
import { startWorker } from "./lazy-builtins.js";

/** An `HttpClient` that also owns a thread: `close()` ends it (requests in flight fail). */
export interface ClosableHttpClient extends HttpClient {
  /** Stop the fetch thread. Idempotent. */
  close(): void;
}

/**
 * The outgoing-HTTP capability on Node and Deno: requests run with `fetch` on a `worker_threads`
 * worker (started at the first request, never keeping the process alive), while the guest's
 * thread blocks in `Atomics.wait` until a response head or body chunk is there. Loaded on demand
 * (it needs the component layer, imported here, not at the package's import: a bundle hoists a
 * static import, and the layer's code would cost every preview1 run its memory): use
 * `createHttpClient()` of outgoing-http.ts.
 */
export async function nodeHttpClient(): Promise<ClosableHttpClient> {
  const { sharedMemoryHttpClient } = await import("@anywasi/core/component");
  const signal = new SharedArrayBuffer(4);
  let worker: Worker | null = null;
  let closed = false;
  const inner = sharedMemoryHttpClient((message) => {
    if (closed) return;
    worker ??= start(signal);
    worker.postMessage(message);
  }, signal);
  return {
    start: (request) => inner.start(request),
    epoch: () => inner.epoch(),
    wait: (seen, timeoutNs) => inner.wait(seen, timeoutNs),
    close() {
      closed = true;
      void worker?.terminate();
      worker = null;
    },
  };
}

function start(signal: SharedArrayBuffer): Worker {
  const w = startWorker(new URL("./http-worker.js", import.meta.url), {
    // An embedder started with `--input-type=module -e` would pass that flag on, and the worker
    // would refuse its own file.
    execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")),
    workerData: { signal },
  });
  w.unref();
  return w;
}

