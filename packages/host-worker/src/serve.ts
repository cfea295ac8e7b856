import { inThreadRunner, serve as serveWith, serveHttpComponent, type Gateway, type ServeOptions } from "@anywasi/gateway";
import { workerClock } from "./clock.js";
import { isPrecompiledComponent, type PrecompiledComponent } from "./precompiled.js";

/** Options of `serve()` on Workers: the gateway's, plus whether to use JSPI. */
export interface WorkerServeOptions<Env> extends Omit<ServeOptions<Env>, "runner"> {
  /**
   * Use JSPI where workerd has it (default true): the guest reads the request body as it
   * streams in and can send its response while still running. Otherwise the body is read whole
   * first and the response is sent when the guest ends. For a component, JSPI also needs its
   * JSPI glue (`anywasi transpile` writes it for a wasi:http handler by default).
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
 * A component exporting `wasi:http/incoming-handler`, transpiled at build time (`anywasi
 * transpile handler.component.wasm -o build/handler`, then `import handler from
 * "../build/handler/index.js"`), is served as the gateway serves one on Node and Deno: a fresh
 * instance per request, the same responses, limits and 5xx rules. It runs synchronously on
 * `workerClock()`: the request body is read whole first (up to `maxBodyBytes`, else 413), and the
 * response is sent once the handler has returned, so a failure is always a 5xx (never a body cut
 * short, as a streamed CGI response can be on workerd). `timeoutMs` is checked at every interface
 * call and clock read (504); `maxMemoryPages` (default 4096 pages) is checked after every WASI
 * call and when the handler returns: a guest with a core memory over it is ended (502, "the
 * program exceeded its memory limit"). Capped at build time instead (`anywasi transpile
 * --max-memory-pages N`), `memory.grow` fails inside the guest past N, as on Node and Deno.
 *
 * `trace: true` logs every WASI call of each request (to `log`, by default `console.error`, so
 * `wrangler tail` and the dashboard show them), prefixed with the request like its stderr lines.
 * @throws nothing itself; a component that cannot be served (it imports what anywasi lacks, or
 * exports no `wasi:http/incoming-handler`) answers every request with a 500, its reason logged.
 */
export function serve<Env = unknown>(module: WebAssembly.Module | PrecompiledComponent, options: WorkerServeOptions<Env> = {}): Gateway<Env> {
  const { jspi, ...rest } = options;
  const shared = { remoteAddress: (request: Request) => request.headers.get("cf-connecting-ip"), ...rest };
  if (isPrecompiledComponent(module)) {
    return serveHttpComponent<Env>({
      // Imported at the first request, so a CGI Worker never evaluates the component layer.
      load: async () => (await import("./http-component.js")).httpComponentOf(module, jspi !== false),
      clock: () => workerClock(),
    }, shared);
  }
  return serveWith<Env>(module, { ...shared, runner: inThreadRunner({ clock: () => workerClock(), ...(jspi !== undefined ? { jspi } : {}) }) });
}
