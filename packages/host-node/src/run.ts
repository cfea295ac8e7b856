import {
  LimitError, checkOutputSink, instantiate, loadModule,
  type LimitKind, type LoadOptions, type ModuleSource, type RunResult, type TraceEvent,
} from "@anywasi/core";
import { startWorker } from "./lazy-builtins.js";
import type { TranspileCache } from "@anywasi/core/component";
import { isComponentBytes, loadComponentForWorker, loadGuest, type WorkerGuest } from "./component.js";
import { createNodeWASI, type NodeWASIOptions } from "./wasi.js";
import { checkOutgoingHttp, outgoingForRun, type NodeOutgoingHttpOptions } from "./outgoing-http.js";
import { traceEventOf, type TraceMessage } from "./trace-message.js";
import { rebuildError } from "./worker-error.js";

/** Options of `run()` on Node. */
export interface NodeRunOptions extends NodeWASIOptions, LoadOptions {
  /**
   * Run the guest (a preview1 module or a WASI 0.2 component) in a `worker_threads` worker, so
   * that it can be time-limited and killed without harming the caller. Then `stdin` must be
   * `"inherit"`, a string or bytes, and output sinks must be `"inherit"` or functions (they
   * receive copies, asynchronously). `trace` is called on this thread with the worker's events
   * as they arrive (the same events as without a worker, in the order of the calls and of the
   * forwarded output; a throw stops the worker and rejects with it). `clock`, `random` and
   * `preopens` handles cannot cross threads and are refused. A component is transpiled (cached)
   * and compiled on the calling thread and handed to the worker compiled.
   */
  worker?: boolean;
  /**
   * Wall-clock limit in ms (worker mode only), counted from when the guest starts running in its
   * worker (after the worker has started and loaded it): past it the worker is terminated and
   * `run` rejects with `TimeLimitError`. Output written before is delivered.
   */
  timeoutMs?: number;
  /** Worker mode only: aborting kills the guest and `run` rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** For a component: where transpile results persist (e.g. `diskTranspileCache()`); always cached in memory. */
  transpileCache?: TranspileCache;
  /**
   * For a component: the origins it may send HTTP requests to (`wasi:http/outgoing-handler`), e.g.
   * `{ allow: ["https://api.example.com", "http://127.0.0.1:*"] }`. Default: none, every request
   * fails with `HTTP-request-denied`. With `worker: true`, give `allow` only: the worker makes its
   * own client (a `TypeError` otherwise). See docs/components.md.
   */
  outgoingHttp?: NodeOutgoingHttpOptions;
}

/** The guest ran past its time limit and was killed. */
export class TimeLimitError extends LimitError {
  constructor(ms: number) {
    super("time", `the guest ran past its time limit of ${ms} ms and was killed`);
    this.name = "TimeLimitError";
  }
}

/**
 * Run a WASI command (a preview1 module or a WASI 0.2 command component) on Node. Without
 * `stdout`/`stderr` options the output goes to the process's; a given function or `OutputStream`
 * (an `OutputCollector`, say) receives it instead. `stdout` and `stderr` of the result are empty:
 * output is never held back to be returned.
 * @throws ModuleError when the module cannot be run; the guest's trap error; `TimeLimitError`;
 *   `signal.reason`; Error when a `dirs` path is missing, unreadable or not a directory (one line
 *   naming it); TypeError when `timeoutMs` or `signal` is given without `worker: true`, or an
 *   option cannot cross into a worker.
 */
export async function run(source: ModuleSource, options: NodeRunOptions = {}): Promise<RunResult> {
  const { worker, timeoutMs, signal, maxMemoryPages, transpileCache, outgoingHttp, ...wasiOptions } = options;
  // The allow-list crosses into a worker, which makes its own client; a given client cannot.
  if (worker === true && outgoingHttp?.client !== undefined) throw new TypeError("outgoingHttp.client cannot be used with worker: true (give the allow-list only)");
  const load: LoadOptions = maxMemoryPages === undefined ? {} : { maxMemoryPages };
  if (worker !== true && (timeoutMs !== undefined || signal !== undefined)) {
    throw new TypeError("timeoutMs and signal need worker: true (a synchronous guest cannot be interrupted on this thread)");
  }
  // Checked before loading: a component's first transpile takes seconds.
  if (worker === true) checkWorkerOptions(wasiOptions, signal);
  if (!(source instanceof WebAssembly.Module)) {
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    if (isComponentBytes(bytes)) {
      const componentLoad = { ...load, ...(transpileCache === undefined ? {} : { transpileCache }) };
      if (worker === true) {
        // A malformed allow entry or body cap fails here, not in the worker.
        if (outgoingHttp !== undefined) await checkOutgoingHttp(outgoingHttp);
        return runInWorker(await loadComponentForWorker(bytes, componentLoad), wasiOptions, timeoutMs, signal, outgoingHttp);
      }
      const guest = await loadGuest(bytes, componentLoad);
      const http = await outgoingForRun(outgoingHttp);
      const { wasi, close } = createNodeWASI(wasiOptions);
      try {
        return { exitCode: await guest.start(wasi, http.options), stdout: new Uint8Array(0), stderr: new Uint8Array(0) };
      } finally {
        close();
        http.close();
      }
    }
  }
  const module = await loadModule(source, load);
  if (worker === true) return runInWorker({ kind: "module", module }, wasiOptions, timeoutMs, signal);
  const { wasi, close } = createNodeWASI(wasiOptions);
  try {
    const instance = await instantiate(module, wasi.getImportObject());
    const exitCode = wasi.start(instance);
    return { exitCode, stdout: new Uint8Array(0), stderr: new Uint8Array(0) };
  } finally {
    close();
  }
}

/** Messages from the guest worker ("running": the guest is loaded and starts; the time limit counts from here). */
export type WorkerMessage =
  | { type: "stdout" | "stderr"; chunk: Uint8Array }
  | TraceMessage
  | { type: "running" }
  | { type: "exit"; code: number }
  | { type: "error"; name: string; message: string; kind?: LimitKind };

/** @throws TypeError for options that cannot cross into a worker; `signal.reason` when already aborted. */
function checkWorkerOptions(options: NodeWASIOptions, signal: AbortSignal | undefined): void {
  const { stdout, stderr, stdin, trace, clock, random, preopens } = options;
  if (clock !== undefined || random !== undefined || preopens !== undefined) {
    throw new TypeError("clock, random and preopens cannot be used with worker: true");
  }
  if (trace !== undefined && typeof trace !== "function") throw new TypeError("trace must be a function");
  if (stdin !== undefined && stdin !== "inherit" && typeof stdin !== "string" && !(stdin instanceof Uint8Array)) {
    throw new TypeError("with worker: true, stdin must be \"inherit\", a string or bytes");
  }
  // Checked here: these sinks stay on this thread, where the core never sees them.
  if (stdout !== "inherit") checkOutputSink("stdout", stdout);
  if (stderr !== "inherit") checkOutputSink("stderr", stderr);
  signal?.throwIfAborted();
}

async function runInWorker(
  guest: WorkerGuest, options: NodeWASIOptions, timeoutMs: number | undefined, signal: AbortSignal | undefined,
  outgoingHttp?: Omit<NodeOutgoingHttpOptions, "client">,
): Promise<RunResult> {
  // clock, random and preopens were refused by checkWorkerOptions; trace stays on this thread.
  const { stdout, stderr, stdin, trace, ...plain } = options;
  // Loading a component may have taken a while: an abort meanwhile wins.
  signal?.throwIfAborted();
  const sinks = { stdout, stderr };
  const worker = startWorker(new URL("./guest-worker.js", import.meta.url), {
    // An embedder started with `--input-type=module -e` would pass that flag on, and the worker
    // would refuse its own file.
    execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")),
    workerData: {
      guest, options: plain, stdin: stdin ?? "inherit", outgoingHttp, trace: trace !== undefined,
      forward: { stdout: stdout !== undefined && stdout !== "inherit", stderr: stderr !== undefined && stderr !== "inherit" },
    },
  });
  return new Promise<RunResult>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const onAbort = () => finish(() => reject(signal!.reason));
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      f();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "stdout" || m.type === "stderr") {
        const sink = sinks[m.type];
        if (typeof sink === "function") sink(m.chunk);
        else if (sink !== undefined && sink !== "inherit") sink.write(m.chunk);
      } else if (m.type === "trace") {
        if (done) return;
        try {
          (trace as (event: TraceEvent) => void)(traceEventOf(m));
        } catch (e) {
          finish(() => reject(e));
        }
      } else if (m.type === "running") {
        // From here, not from the spawn: a loaded machine may take a while to start a worker, and
        // that must not eat the guest's time (nor its output before the limit).
        if (timeoutMs !== undefined && !done) timer = setTimeout(() => finish(() => reject(new TimeLimitError(timeoutMs))), timeoutMs);
      } else if (m.type === "exit") {
        finish(() => resolve({ exitCode: m.code, stdout: new Uint8Array(0), stderr: new Uint8Array(0) }));
      } else if (m.type === "error") {
        finish(() => reject(rebuildError(m)));
      }
    });
    worker.on("error", (e) => finish(() => reject(e)));
    worker.on("exit", (code) => finish(() => reject(new Error(`the guest worker stopped unexpectedly (code ${code})`))));
  });
}
