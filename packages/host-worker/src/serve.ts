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
 * Time limit: a synchronous guest cannot be interrupted in a Worker, so `timeoutMs` is checked at
 * every syscall and while the guest is suspended; a guest that spins without syscalls is stopped
 * by the platform's CPU-time limit instead (the client then gets Cloudflare's error page).
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
