import type { HttpComponent } from "@anywasi/core/component";
import type { HttpGuestJob } from "@anywasi/gateway";
import type { HttpWorkerJob, HttpWorkerMessage } from "./http-component-protocol.js";
import { HttpWorkerPool } from "./http-worker-pool.js";
import { rebuildError } from "./worker-error.js";
import { traceEventOf } from "./trace-message.js";

/** Per component: its pool of workers (the description for workers is made once). */
const pools = new WeakMap<HttpComponent, HttpWorkerPool>();

function poolOf(layer: typeof import("@anywasi/core/component"), component: HttpComponent, max: number | undefined): HttpWorkerPool {
  let pool = pools.get(component);
  if (pool === undefined) pools.set(component, pool = new HttpWorkerPool(layer.HttpComponent.transferable(component), max));
  return pool;
}

/**
 * `workerRunner().http`: the request runs in a `worker_threads` worker of the component's pool
 * (http-worker-pool.ts), with a fresh instance of the handler (http-component-worker.ts). The
 * request body is piped in as it arrives (the guest blocks in `Atomics.wait` for bytes not yet
 * there); the guest's response reaches `job.sink` as
 * it is made, and `job.pause()` whenever the guest waits. Aborting `job.signal` (time limit,
 * client gone) terminates the worker whatever the guest is doing. At most `maxWorkers` workers
 * of one component exist at once (default `defaultHttpWorkers()`); a request beyond them waits
 * for one, its time limit running.
 */
export async function runHttpInWorker(job: HttpGuestJob, maxWorkers?: number): Promise<void> {
  const layer = await import("@anywasi/core/component");
  const body = job.body === null ? null : layer.bodySlot();
  const outgoing = job.outgoingHttp === undefined || job.outgoingHttp.allow.length === 0 ? null
    : {
      allow: job.outgoingHttp.allow, signal: new SharedArrayBuffer(4),
      ...(job.outgoingHttp.maxRequestBodyBytes === undefined ? {} : { maxRequestBodyBytes: job.outgoingHttp.maxRequestBodyBytes }),
    };
  const data: HttpWorkerJob = {
    request: job.request, body, args: job.args, env: job.env, outgoing,
    trace: job.trace !== undefined, maxMemoryPages: job.maxMemoryPages ?? null,
  };
  if (job.signal.aborted) throw job.signal.reason;
  const pool = poolOf(layer, job.component, maxWorkers);
  const worker = await pool.take(job.signal);
  if (job.signal.aborted) {
    pool.give(worker);
    throw job.signal.reason;
  }
  // The worker's outgoing requests run here (this thread has an event loop; the worker blocks).
  const fetches = outgoing === null ? null : layer.fetchService(outgoing.signal);
  let ended = false;
  const reader = job.body?.getReader();
  return new Promise<void>((resolve, reject) => {
    // `clean`: the worker said its handler ended, so it is idle and may answer another request;
    // otherwise it may be anywhere in the guest and is terminated.
    const end = (error?: unknown, clean = false): void => {
      if (ended) return;
      ended = true;
      job.signal.removeEventListener("abort", onAbort);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      if (clean) pool.give(worker);
      else pool.drop(worker);
      if (body !== null) {
        // A body the handler did not read to its end: wake the pipe (it sees `ended` and stops)
        // and let the request stream go.
        Atomics.notify(new Int32Array(body, 0, 1), 0);
        reader?.cancel().catch(() => {});
      }
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = (): void => end(job.signal.reason);
    job.signal.addEventListener("abort", onAbort, { once: true });
    const onMessage = (m: HttpWorkerMessage): void => {
      if (ended) return;
      try {
        switch (m.type) {
          case "respond": job.sink.respond(m.status, m.headers); break;
          case "body": job.sink.body(m.chunk); break;
          case "finish": job.sink.finish(m.trailers); break;
          case "fail": job.sink.fail(m.code); break;
          case "stderr": job.stderr(m.chunk); break;
          case "trace": job.trace?.(traceEventOf(m)); break;
          case "pause": job.pause(); break;
          case "fetch": fetches?.(m.message); break;
          case "done": end(undefined, true); break;
          case "error": end(rebuildError(m), true);
        }
      } catch (e) {
        // A limit the sink enforces (output size, time), or what the trace hook threw: the guest
        // is stopped here.
        end(e);
      }
    };
    const onError = (e: Error): void => end(e);
    const onExit = (code: number): void => end(new Error(`the handler's worker exited (${code})`));
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.postMessage(data);
    if (body !== null && reader !== undefined) layer.pipeBody(reader, body, () => ended).catch((e: unknown) => end(e));
  });
}
