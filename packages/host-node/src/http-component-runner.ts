import { ModuleError } from "@anywasi/core";
import type { HttpComponent, TransferableComponent } from "@anywasi/core/component";
import type { HttpGuestJob } from "@anywasi/gateway";
import { Worker } from "node:worker_threads";
import type { HttpWorkerData, HttpWorkerJob, HttpWorkerMessage } from "./http-component-protocol.js";

/** A worker started ahead for a component; `exited` once it is gone (it then cannot be taken). */
interface Spare { worker: Worker; exited: boolean }

/**
 * Per component: its description for workers (modules and glue source, made once) and one spare
 * worker, started ahead with the glue loaded, which the next request takes (then another one is
 * started). Each worker still answers ONE request.
 */
const prepared = new WeakMap<HttpComponent, { transferable: TransferableComponent; spare: Spare | null }>();

function startWorker(component: TransferableComponent): Spare {
  const data: HttpWorkerData = { component };
  const worker = new Worker(new URL("./http-component-worker.js", import.meta.url), {
    // An embedder started with `--input-type=module -e` would pass that flag on, and the worker
    // would refuse its own file.
    execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")),
    workerData: data,
  });
  const spare: Spare = { worker, exited: false };
  worker.once("exit", () => { spare.exited = true; });
  // A spare waiting for a request never keeps the process alive; `ref()` when taken.
  worker.unref();
  return spare;
}

/** A worker for `component`'s next request: the spare if it is still alive, and a new spare. */
function takeWorker(layer: typeof import("@anywasi/core/component"), component: HttpComponent): Worker {
  let p = prepared.get(component);
  if (p === undefined) prepared.set(component, p = { transferable: layer.HttpComponent.transferable(component), spare: null });
  const spare = p.spare !== null && !p.spare.exited ? p.spare : startWorker(p.transferable);
  p.spare = startWorker(p.transferable);
  spare.worker.ref();
  return spare.worker;
}

/**
 * `workerRunner().http`: one `worker_threads` worker per request, running a fresh instance of the
 * handler (http-component-worker.ts). The request body is piped in as it arrives (the guest
 * blocks in `Atomics.wait` for bytes not yet there); the guest's response reaches `job.sink` as
 * it is made, and `job.pause()` whenever the guest waits. Aborting `job.signal` (time limit,
 * client gone) terminates the worker whatever the guest is doing.
 */
export async function runHttpInWorker(job: HttpGuestJob): Promise<void> {
  const layer = await import("@anywasi/core/component");
  const body = job.body === null ? null : layer.bodySlot();
  const outgoing = job.outgoingHttp === undefined || job.outgoingHttp.allow.length === 0 ? null
    : { allow: job.outgoingHttp.allow, signal: new SharedArrayBuffer(4) };
  const data: HttpWorkerJob = { request: job.request, body, args: job.args, env: job.env, outgoing };
  if (job.signal.aborted) throw job.signal.reason;
  const worker = takeWorker(layer, job.component);
  // The worker's outgoing requests run here (this thread has an event loop; the worker blocks).
  const fetches = outgoing === null ? null : layer.fetchService(outgoing.signal);
  let ended = false;
  const reader = job.body?.getReader();
  return new Promise<void>((resolve, reject) => {
    const end = (error?: unknown): void => {
      if (ended) return;
      ended = true;
      job.signal.removeEventListener("abort", onAbort);
      void worker.terminate();
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
    worker.on("message", (m: HttpWorkerMessage) => {
      if (ended) return;
      try {
        switch (m.type) {
          case "respond": job.sink.respond(m.status, m.headers); break;
          case "body": job.sink.body(m.chunk); break;
          case "finish": job.sink.finish(m.trailers); break;
          case "fail": job.sink.fail(m.code); break;
          case "stderr": job.stderr(m.chunk); break;
          case "pause": job.pause(); break;
          case "fetch": fetches?.(m.message); break;
          case "done": end(); break;
          case "error": end(m.name === "RuntimeError" ? new WebAssembly.RuntimeError(m.message)
            : m.name === "ModuleError" ? new ModuleError(m.message) : Object.assign(new Error(m.message), { name: m.name }));
        }
      } catch (e) {
        // A limit the sink enforces (output size, time): the guest is stopped here.
        end(e);
      }
    });
    worker.on("error", (e) => end(e));
    worker.on("exit", (code) => end(new Error(`the handler's worker exited (${code})`)));
    worker.postMessage(data);
    if (body !== null && reader !== undefined) layer.pipeBody(reader, body, () => ended).catch((e: unknown) => end(e));
  });
}
