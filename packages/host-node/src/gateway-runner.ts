import type { GuestRunner } from "@anywasi/gateway";
import { runHttpInWorker } from "./http-component-runner.js";
import { TimeLimitError, run } from "./run.js";

/** Options of `workerRunner()`. */
export interface WorkerRunnerOptions {
  /**
   * Most worker threads one `wasi:http` component has at once (busy and idle together); a request
   * beyond them waits for one to finish, its time limit running. Default: twice the machine's
   * parallelism (`os.availableParallelism()`), at least 4. Each worker is a V8 isolate with its
   * own warm copy of the handler's glue, so more workers than cores add memory, not throughput.
   */
  httpWorkers?: number;
}

/**
 * A gateway runner that runs each guest in its own `worker_threads` worker, so that it can be
 * killed: at the time limit, when the gateway aborts it (output limit, client gone), whatever the
 * guest is doing. The request body is read whole first (a worker's stdin is bytes). Output
 * reaches the gateway as the guest writes it, so responses stream. `trace` is called on this
 * thread with the worker's events, in the order of the guest's calls and output.
 *
 * Memory: the worker runs the module it is given. `serve()` compiles a module given as bytes with
 * its `maxMemoryPages` cap, so give it bytes (as `anywasi serve` does); a precompiled module
 * keeps the limits it was built with.
 *
 * A `wasi:http` component served with this runner (`http`) runs each request's fresh instance in
 * a worker of the component's pool (a worker stopped mid-request is never reused): the request
 * body streams in while the handler reads it, the response streams out whenever the
 * handler waits (a timer, request bytes, an outgoing response), concurrent requests run side by
 * side (up to `options.httpWorkers` workers of one component; more wait for one), and the time
 * limit terminates the thread. See docs/components.md.
 * @throws RangeError when `options.httpWorkers` is not a whole number of at least 1.
 */
export function workerRunner(options: WorkerRunnerOptions = {}): GuestRunner {
  const { httpWorkers } = options;
  if (httpWorkers !== undefined && !(Number.isInteger(httpWorkers) && httpWorkers >= 1)) {
    throw new RangeError(`httpWorkers must be a whole number of at least 1, got ${httpWorkers}`);
  }
  return {
    kills: true,
    http: (job) => runHttpInWorker(job, httpWorkers),
    async run(job) {
      if (!(job.stdin instanceof ReadableStream)) throw new TypeError("workerRunner needs stdin as a ReadableStream");
      if (job.preopens !== undefined) throw new TypeError("workerRunner cannot share preopened handles with a worker: use files");
      // Imported here, not by the package: the gateway's code would cost every preview1 run its memory.
      const { TimeLimitError: GatewayTimeLimit, readAll } = await import("@anywasi/gateway");
      const stdin = await readAll(job.stdin, job.signal);
      try {
        const result = await run(job.module, {
          worker: true,
          args: job.args,
          env: job.env,
          memfs: job.files,
          stdin,
          stdout: (chunk) => job.stdout(chunk),
          stderr: (chunk) => job.stderr(chunk),
          signal: job.signal,
          ...(job.timeoutMs !== null ? { timeoutMs: job.timeoutMs } : {}),
          // Called here as the worker's events arrive, in order with its output.
          ...(job.trace !== undefined ? { trace: job.trace } : {}),
        });
        return result.exitCode;
      } catch (e) {
        if (e instanceof TimeLimitError && job.timeoutMs !== null) throw new GatewayTimeLimit(job.timeoutMs);
        throw e;
      }
    },
  };
}
