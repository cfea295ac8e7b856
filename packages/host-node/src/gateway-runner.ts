import { TimeLimitError as GatewayTimeLimit, readAll, type GuestRunner } from "@anywasi/gateway";
import { TimeLimitError, run } from "./run.js";

/**
 * A gateway runner that runs each guest in its own `worker_threads` worker, so that it can be
 * killed: at the time limit, when the gateway aborts it (output limit, client gone), whatever the
 * guest is doing. The request body is read whole first (a worker's stdin is bytes). Output
 * reaches the gateway as the guest writes it, so responses stream.
 *
 * Memory: the worker runs the module it is given. `serve()` compiles a module given as bytes with
 * its `maxMemoryPages` cap, so give it bytes (as `anywasi serve` does); a precompiled module
 * keeps the limits it was built with.
 *
 * A `wasi:http` component never reaches a runner, this one or any other: `serve()` sends a
 * component's bytes to its own component path, which instantiates the handler per request on the
 * serving thread (the time limit is checked at every interface call and clock read, and cuts a
 * timer wait; a handler looping without any interface call is not stopped there). A job carries
 * a core `WebAssembly.Module` and CGI stdio; a handler in a worker would need the request and
 * response bridged across threads instead, which the gateway does not have.
 */
export function workerRunner(): GuestRunner {
  return {
    kills: true,
    async run(job) {
      if (!(job.stdin instanceof ReadableStream)) throw new TypeError("workerRunner needs stdin as a ReadableStream");
      if (job.preopens !== undefined) throw new TypeError("workerRunner cannot share preopened handles with a worker: use files");
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
        });
        return result.exitCode;
      } catch (e) {
        if (e instanceof TimeLimitError && job.timeoutMs !== null) throw new GatewayTimeLimit(job.timeoutMs);
        throw e;
      }
    },
  };
}
