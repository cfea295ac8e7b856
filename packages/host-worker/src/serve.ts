import { inThreadRunner, serve as serveWith, type Gateway, type ServeOptions } from "@anywasi/gateway";
import { workerClock } from "./clock.js";

/** Options of `serve()` on Workers: the gateway's, plus whether to use JSPI. */
export interface WorkerServeOptions<Env> extends Omit<ServeOptions<Env>, "runner"> {
  /**
   * Use JSPI where workerd has it (default true): the guest reads the request body as it
   * streams in and can send its response while still running. Otherwise the body is read whole
   * first and the response is sent when the guest ends.
   */
  jspi?: boolean;
}

/**
 * The CGI gateway of `@anywasi/gateway` set up for Workers: guests run in the Worker's isolate
 * with `workerClock()`, and `REMOTE_ADDR` is the `CF-Connecting-IP` header Cloudflare sets.
 *
 * ```js
 * import handler from "./handler.wasm";
 * import { serve } from "@anywasi/worker";
 * export default serve(handler, { env: (bindings) => ({ SECRET: bindings.SECRET }) });
 * ```
 *
 * Time limit: no thread can be killed in a Worker, so `timeoutMs` is checked at every syscall,
 * while the guest is suspended and at the interruption checks of a module instrumented at build
 * time (`anywasi instrument [--max-memory-pages N] in.wasm out.wasm`; Workers cannot compile at
 * run time). An uninstrumented guest that spins without syscalls is stopped only by the
 * platform's CPU-time limit (the client then gets Cloudflare's error page), and not at all under
 * local `wrangler dev`. `maxMemoryPages` (default 256 MiB) cannot cap a precompiled module's
 * `memory.grow`: a guest found over it at a syscall or check is ended (502); cap it at build time.
 *
 * `trace: true` logs every WASI call of each request (to `log`, by default `console.error`, so
 * `wrangler tail` and the dashboard show them), prefixed with the request like its stderr lines.
 */
export function serve<Env = unknown>(module: WebAssembly.Module, options: WorkerServeOptions<Env> = {}): Gateway<Env> {
  const { jspi, ...rest } = options;
  return serveWith<Env>(module, {
    remoteAddress: (request) => request.headers.get("cf-connecting-ip"),
    ...rest,
    runner: inThreadRunner({ clock: () => workerClock(), ...(jspi !== undefined ? { jspi } : {}) }),
  });
}
