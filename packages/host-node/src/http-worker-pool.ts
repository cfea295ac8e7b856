import type { TransferableComponent } from "@anywasi/core/component";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { HttpWorkerData } from "./http-component-protocol.js";

/**
 * The worker threads of one `wasi:http` component (http-component-worker.ts). A worker loads the
 * component layer and the glue once and then answers requests one after another, each with a
 * fresh instance, so only instantiation and the handler are on a request's path. A worker that
 * ended its request cleanly comes back here; one that was stopped (time limit, client gone, a
 * limit of the sink, a crash) is terminated and never reused, so a guest stopped mid-way leaves
 * nothing behind. One spare is kept started ahead, so a burst does not wait for a thread's start.
 *
 * Idle workers never keep the process alive (`unref`); a taken one does until it is given back.
 */
export class HttpWorkerPool {
  readonly #component: TransferableComponent;
  readonly #idle: Worker[] = [];
  /** Most idle workers kept; more are terminated when given back. */
  readonly #keep: number;

  /**
   * @param component the handler as it crosses threads (`HttpComponent.transferable`).
   * @param keep most idle workers kept between requests (default: the machine's parallelism).
   */
  constructor(component: TransferableComponent, keep = availableParallelism()) {
    this.#component = component;
    this.#keep = Math.max(1, keep);
  }

  /** A worker for one request: an idle one, or a new one; a spare is started when none is left. */
  take(): Worker {
    const worker = this.#idle.pop() ?? this.#start();
    if (this.#idle.length === 0) this.#idle.push(this.#start());
    worker.ref();
    return worker;
  }

  /** `worker` answered its request to the end and may answer another. */
  give(worker: Worker): void {
    if (this.#idle.length >= this.#keep) {
      void worker.terminate();
      return;
    }
    worker.unref();
    this.#idle.push(worker);
  }

  #start(): Worker {
    const data: HttpWorkerData = { component: this.#component };
    const worker = new Worker(new URL("./http-component-worker.js", import.meta.url), {
      // An embedder started with `--input-type=module -e` would pass that flag on, and the worker
      // would refuse its own file.
      execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")),
      workerData: data,
    });
    // An idle worker that dies (out of memory, a failed load) is dropped; a taken one's death is
    // its request's error (the runner listens for it).
    worker.once("exit", () => {
      const i = this.#idle.indexOf(worker);
      if (i >= 0) this.#idle.splice(i, 1);
    });
    worker.on("error", () => {});
    worker.unref();
    return worker;
  }
}
