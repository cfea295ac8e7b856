// Runs wasi:http requests for workerRunner().http, one after another, each with a fresh instance
// of the handler on this thread; the serving thread terminates the thread at the time limit (or
// when the client is gone) and then never reuses it.
// The wasi:http interfaces are the core's (handleHttpRequest); this file only carries the request
// body in (a SharedArrayBuffer slot this thread blocks on) and the response out (postMessage).
import { LimitError, WASI, blockingSleep, systemClock, type Clock, type TraceEvent } from "@anywasi/core";
import type { OutgoingHttpOptions } from "@anywasi/core/component";
import { parentPort, workerData } from "node:worker_threads";
import type { HttpWorkerData, HttpWorkerJob, HttpWorkerMessage } from "./http-component-protocol.js";
import { traceMessage } from "./trace-message.js";

const post = (m: HttpWorkerMessage): void => parentPort!.postMessage(m);
// Posted before every wait of the guest: the serving thread may then send what it wrote so far.
const pause = (): void => post({ type: "pause" });

// Started ahead of its request: the component layer and the glue are loaded before the request
// comes, so that only instantiation and the handler are left on its path.
const ready = (async () => {
  const layer = await import("@anywasi/core/component");
  return { layer, component: await layer.HttpComponent.fromTransferable((workerData as HttpWorkerData).component) };
})();
// Until the request comes this thread must not hold the process open (the runner unrefs it too).
ready.catch(() => {});

async function main(data: HttpWorkerJob): Promise<void> {
  const { layer, component } = await ready;
  const clock: Clock = {
    now: (id) => systemClock.now(id),
    resolution: (id) => systemClock.resolution(id),
    sleep(ns) {
      if (ns > 0n) pause();
      blockingSleep(ns);
    },
  };
  const output = (chunk: Uint8Array): void => post({ type: "stderr", chunk: chunk.slice() });
  // The serving thread logs the trace (as the in-thread path does); the time limit needs no check
  // here (the thread is terminated), the memory cap does (modules compiled without it).
  const watch = data.maxMemoryPages === null ? undefined : new layer.MemoryWatch(data.maxMemoryPages);
  const trace = data.trace
    ? (event: TraceEvent): void => { post(traceMessage(event)); watch?.check(); }
    : watch === undefined ? undefined : (): void => watch.check();
  const wasi = new WASI({
    args: [...data.args], env: { ...data.env }, stdin: new Uint8Array(0), stdout: output, stderr: output, clock,
    ...(trace === undefined ? {} : { trace }),
  });
  const body = data.body === null ? new Uint8Array(0) : layer.sharedBodySource(data.body, pause);
  let outgoingHttp: OutgoingHttpOptions | undefined;
  if (data.outgoing !== null) {
    // The serving thread runs the fetches (fetchService) for this thread, which blocks on them.
    const inner = layer.sharedMemoryHttpClient((message) => post({ type: "fetch", message }), data.outgoing.signal);
    outgoingHttp = {
      allow: data.outgoing.allow,
      ...(data.outgoing.maxRequestBodyBytes === undefined ? {} : { maxRequestBodyBytes: data.outgoing.maxRequestBodyBytes }),
      client: { start: (r) => inner.start(r), epoch: () => inner.epoch(), wait: (seen, t) => { pause(); inner.wait(seen, t); } },
    };
  }
  await layer.handleHttpRequest(component, wasi, data.request, body, {
    respond: (status, headers) => post({ type: "respond", status, headers: [...headers] }),
    body: (chunk) => post({ type: "body", chunk }),
    finish: (trailers) => post({ type: "finish", trailers: trailers === null ? null : [...trailers] }),
    fail: (code) => post({ type: "fail", code }),
  }, { ...(outgoingHttp === undefined ? {} : { outgoingHttp }), ...(watch === undefined ? {} : { memoryWatch: watch }) });
}

// One request at a time (the pool gives a worker a request only once the last one is done); each
// gets its own instance, so nothing of a request's guest survives into the next.
parentPort!.on("message", (job: HttpWorkerJob) => void main(job).then(() => post({ type: "done" }), (e: unknown) => {
  const err = e instanceof Error ? e : new Error(String(e));
  // A trap's class is kept by name: the serving thread answers 502 for it, 500 for a ModuleError,
  // and for a LimitError by its kind.
  post({
    type: "error", name: err instanceof WebAssembly.RuntimeError ? "RuntimeError" : err.name, message: err.message,
    ...(err instanceof LimitError ? { kind: err.kind } : {}),
  });
}));
