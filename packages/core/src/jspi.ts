/**
 * @anywasi/core/jspi — guests that wait without blocking the thread, on engines with JSPI
 * (`WebAssembly.Suspending` and `WebAssembly.promising`: Chromium, Deno, workerd). A guest
 * reading stdin or sleeping is suspended instead, so a browser's main thread or a Worker's event
 * loop stays free. A separate entry, so that apps that never suspend a guest do not ship it.
 * @module jspi
 */
import { START_EXPORT } from "./abi/start-section.js";
import type { ImportFunction, Preview1Name } from "./imports.js";
import { hasJSPI, suspendingImports } from "./suspend.js";
import { exitCode, internals, type WASI } from "./wasi.js";

export { hasJSPI };

/**
 * The import object for `startAsync()`: on an engine with JSPI, `fd_read` and `poll_oneoff`
 * suspend the guest while they wait (for typed input, a stream, a timer) instead of blocking
 * the thread — so a guest can wait for input on a browser's main thread or a Worker's event loop.
 * @throws Error when the engine has no JSPI (see `hasJSPI()`).
 */
export function getSuspendingImportObject(wasi: WASI): {
  /** The `wasi_snapshot_preview1` import namespace, with the calls that may wait made suspending. */
  wasi_snapshot_preview1: Record<Preview1Name, ImportFunction>;
} {
  if (!hasJSPI()) throw new Error("this engine has no JSPI (WebAssembly.Suspending); use wasi.getImportObject() and wasi.start()");
  return { wasi_snapshot_preview1: suspendingImports(internals(wasi).ctx, wasi.wasiImport) };
}

/**
 * Like `wasi.start()`, for an instance made with `getSuspendingImportObject(wasi)`: `_start`
 * runs through `WebAssembly.promising`, so the returned promise settles when the guest ends.
 * @throws ModuleError as `start()`; Error when the engine has no JSPI.
 */
export async function startAsync(wasi: WASI, instance: WebAssembly.Instance): Promise<number> {
  const { ctx, command } = internals(wasi);
  const ex = command(instance);
  const startFunction = ex[START_EXPORT];
  const promising = WebAssembly.promising;
  if (promising === undefined) throw new Error("this engine has no JSPI (WebAssembly.promising)");
  try {
    if (typeof startFunction === "function") await promising(startFunction)();
    await promising(ex._start!)();
    return 0;
  } catch (e) {
    return exitCode(e);
  } finally {
    ctx.fds.closeAll();
  }
}
