import type { TransferableComponent } from "@anywasi/core/component";
import type { Worker } from "node:worker_threads";
import { nodeOs, startWorker } from "./lazy-builtins.js";
import type { HttpWorkerData } from "./http-component-protocol.js";

/** The default most workers of one component: twice the machine's parallelism, at least 4. */
export function defaultHttpWorkers(): number {
  return Math.max(4, 2 * nodeOs().availableParallelism());
}

/**
 * The worker threads of one `wasi:http` component (http-component-worker.ts). A worker loads the
 * component layer and the glue once and then answers requests one after another, each with a
 * fresh instance, so only instantiation and the handler are on a request's path. A worker that
 * ended its request cleanly comes back here; one that was stopped (time limit, client gone, a
 * limit of the sink, a crash) is terminated and never reused, so a guest stopped mid-way leaves
 * nothing behind. One spare is kept started ahead, so a burst does not wait for a thread's start.
 *
 * At most `max` workers exist at once; a request beyond them waits (first come, first served) for
 * one to be given back or dropped. Why a bound: every worker is a V8 isolate that warms up its own
 * copy of the glue and the component layer, so more workers than the cores can run only add cold
 * code and memory. Started workers are kept (idle, up to `max`) rather than ended and started
 * again under a steady load.
 *
 * Idle workers never keep the process alive (`unref`); a taken one does until it is given back.
 */
export class HttpWorkerPool {
  readonly #component: TransferableComponent;
  readonly #idle: Worker[] = [];
  readonly #waiting: { resolve: (w: Worker) => void; reject: (e: unknown) => void; signal: AbortSignal; onAbort: () => void }[] = [];
  readonly #max: number;
  /** Workers given out and not yet given back or dropped. */
  #taken = 0;

  /**
   * @param component the handler as it crosses threads (`HttpComponent.transferable`).
   * @param max most workers at once (taken and idle together; default `defaultHttpWorkers()`).
   */
  constructor(component: TransferableComponent, max = defaultHttpWorkers()) {
    this.#component = component;
    this.#max = Math.max(1, Math.floor(max));
  }

  /**
   * A worker for one request: an idle one, a new one while fewer than `max` exist, or the first
   * one given back after that. Give it back with `give()` or end it with `drop()`.
   * @throws `signal.reason` when `signal` aborts while the request waits for a worker.
   */
  take(signal: AbortSignal): Promise<Worker> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.#idle.length > 0 || this.#count() < this.#max) return Promise.resolve(this.#hand());
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve, reject, signal,
        onAbort: () => {
          const i = this.#waiting.indexOf(waiter);
          if (i >= 0) this.#waiting.splice(i, 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener("abort", waiter.onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** `worker` answered its request to the end and may answer another. */
  give(worker: Worker): void {
    this.#taken--;
    worker.unref();
    this.#idle.push(worker);
    this.#serveWaiting();
  }

  /** `worker` was stopped mid-request: it is terminated, and its place goes to a waiting request. */
  drop(worker: Worker): void {
    this.#taken--;
    void worker.terminate();
    this.#serveWaiting();
  }

  #count(): number {
    return this.#taken + this.#idle.length;
  }

  /** An idle worker or a new one, taken; and a spare started when none is left idle. */
  #hand(): Worker {
    const worker = this.#idle.pop() ?? this.#start();
    this.#taken++;
    if (this.#idle.length === 0 && this.#count() < this.#max) this.#idle.push(this.#start());
    worker.ref();
    return worker;
  }

  #serveWaiting(): void {
    while (this.#waiting.length > 0 && (this.#idle.length > 0 || this.#count() < this.#max)) {
      const w = this.#waiting.shift()!;
      w.signal.removeEventListener("abort", w.onAbort);
      w.resolve(this.#hand());
    }
  }

  #start(): Worker {
    const data: HttpWorkerData = { component: this.#component };
    const worker = startWorker(new URL("./http-component-worker.js", import.meta.url), {
      // An embedder started with `--input-type=module -e` would pass that flag on, and the worker
      // would refuse its own file.
      execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")),
      workerData: data,
    });
    // An idle worker that dies (out of memory, a failed load) is dropped and its place freed; a
    // taken one's death is its request's error (the runner listens for it and drops it).
    worker.once("exit", () => {
      const i = this.#idle.indexOf(worker);
      if (i >= 0) {
        this.#idle.splice(i, 1);
        this.#serveWaiting();
      }
    });
    worker.on("error", () => {});
    worker.unref();
    return worker;
  }
}
