import { ModuleError } from "@anywasi/core";
import type { HttpComponent, TransferableComponent } from "@anywasi/core/component";
import type { HttpGuestJob } from "@anywasi/gateway";
import { Worker } from "node:worker_threads";
import type { HttpWorkerData, HttpWorkerMessage } from "./http-component-protocol.js";

/** Each component crosses to workers as one description (its modules and glue source), made once. */
const transferables = new WeakMap<HttpComponent, TransferableComponent>();

/**
 * `workerRunner().http`: one `worker_threads` worker per request, running a fresh instance of the
 * handler (http-component-worker.ts). The request body is piped in as it arrives (the guest
 * blocks in `Atomics.wait` for bytes not yet there); the guest's response reaches `job.sink` as
 * it is made, and `job.pause()` whenever the guest waits. Aborting `job.signal` (time limit,
 * client gone) terminates the worker whatever the guest is doing.
 */
export async function runHttpInWorker(job: HttpGuestJob): Promise<void> {
  const layer = await import("@anywasi/core/component");
  let component = transferables.get(job.component);
  if (component === undefined) transferables.set(job.component, component = layer.HttpComponent.transferable(job.component));
  const body = job.body === null ? null : layer.bodySlot();
  const outgoing = job.outgoingHttp === undefined || job.outgoingHttp.allow.length === 0 ? null
    : { allow: job.outgoingHttp.allow, signal: new SharedArrayBuffer(4) };
  const data: HttpWorkerData = { component, request: job.request, body, args: job.args, env: job.env, outgoing };
  if (job.signal.aborted) throw job.signal.reason;
  const worker = new Worker(new URL("./http-component-worker.js", import.meta.url), {
    // An embedder started with `--input-type=module -e` would pass that flag on, and the worker
    // would refuse its own file.
    execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")),
    workerData: data,
  });
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
    if (body !== null && reader !== undefined) layer.pipeBody(reader, body, () => ended).catch((e: unknown) => end(e));
  });
}
