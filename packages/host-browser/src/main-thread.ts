import { LimitError, MemFS, ModuleError, OutputCollector, WASI, instantiate, loadModule, type DirectoryHandle, type TraceEvent } from "@anywasi/core";
import { getSuspendingImportObject, hasJSPI, startAsync } from "@anywasi/core/jspi";
import { isComponentHeader } from "./load-guest.js";
import { loadSource } from "./source.js";
import type { GuestSource, MainThreadOptions, MainThreadResult } from "./types.js";

/** The module, instrumented with interruption checks when a time limit needs them. */
async function prepare(source: GuestSource, timeoutMs: number | undefined): Promise<{ module: WebAssembly.Module; interrupt: WebAssembly.Imports }> {
  if (timeoutMs === undefined) return { module: await loadSource(source), interrupt: {} };
  // Loaded only for a time limit: the instrumenter is not part of the page's main bundle.
  const { instrument, interruptImports, isInstrumented } = await import("@anywasi/core/interrupt");
  let module: WebAssembly.Module;
  if (source instanceof WebAssembly.Module) {
    if (!isInstrumented(source)) throw new ModuleError("timeoutMs on the main thread needs the module's bytes or URL, or a module instrumented by @anywasi/core/interrupt");
    module = await loadModule(source);
  } else {
    const bytes = typeof source === "string" || source instanceof URL
      ? new Uint8Array(await (await fetchOk(new URL(source, globalThis.location?.href).href)).arrayBuffer())
      : new Uint8Array(source instanceof ArrayBuffer ? source : source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength));
    module = await loadModule(instrument(bytes));
  }
  const started = performance.now();
  const check = (): void => {
    if (performance.now() - started > timeoutMs) throw new LimitError("time", `the guest ran past its time limit of ${timeoutMs} ms`);
  };
  return { module, interrupt: interruptImports(check) };
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status}`);
  return response;
}

/**
 * Run a short WASI command on the calling thread (no worker), with in-memory filesystems. With
 * JSPI the guest is suspended while it sleeps or waits for input, so the page stays responsive;
 * without it, a sleep spins the thread until it is over. No thread can be killed here: with
 * `timeoutMs` the module is instrumented with interruption checks at loop headers and function
 * entries, and the guest ends with a `LimitError` shortly after the limit (the page is blocked
 * until then); without it, a guest that never ends cannot be stopped. Use `spawn()` for anything
 * untrusted or long.
 * @throws ModuleError when the module cannot run (or cannot be instrumented); the trap's
 * `WebAssembly.RuntimeError` (after output was delivered); `LimitError` (kind "time") past
 * `timeoutMs`.
 */
export async function runOnMainThread(source: GuestSource, options: MainThreadOptions = {}): Promise<MainThreadResult> {
  // Bytes first (fetched once), to tell a component by its header.
  if (typeof source === "string" || source instanceof URL) {
    source = new Uint8Array(await (await fetchOk(new URL(source, globalThis.location?.href).href)).arrayBuffer());
  }
  const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : source instanceof Uint8Array ? source : null;
  const component = bytes !== null && isComponentHeader(bytes) ? bytes : null;
  const { module, interrupt } = component !== null ? { module: null, interrupt: {} } : await prepare(source, options.timeoutMs);
  const preopens: Record<string, DirectoryHandle> = {};
  const root = options.files !== undefined ? MemFS.from(options.files) : null;
  if (root !== null) preopens["/"] = root.root;
  for (const [path, tree] of Object.entries(options.dirs ?? {})) preopens[path] = MemFS.from(tree).root;
  const out = new OutputCollector();
  const err = new OutputCollector();
  const wasi = new WASI({
    ...(options.args === undefined ? {} : { args: options.args }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    preopens,
    stdout: options.stdout ?? out,
    stderr: options.stderr ?? err,
    ...(options.trace === undefined && (component === null || options.timeoutMs === undefined) ? {} : { trace: traceFor(component, options) }),
  });
  if (component !== null) {
    // Loaded only now; through JSPI glue where the engine has JSPI, as a module is.
    const { runComponentGuest } = await import("./component-guest.js");
    const mode = hasJSPI() ? "jspi" : "none";
    const exitCode = await runComponentGuest(component, wasi, undefined, undefined, mode === "jspi");
    return { exitCode, stdout: out.bytes(), stderr: err.bytes(), files: root?.toObject() ?? {}, mode };
  }
  let exitCode: number;
  const mode = hasJSPI() ? "jspi" : "none";
  if (mode === "jspi") {
    // The core types the suspending imports for its own globals; DOM's WebAssembly.Imports has no Suspending.
    const imports = { ...getSuspendingImportObject(wasi), ...interrupt } as unknown as WebAssembly.Imports;
    exitCode = await startAsync(wasi, await instantiate(module!, imports));
  } else {
    exitCode = wasi.start(await instantiate(module!, { ...wasi.getImportObject(), ...interrupt }));
  }
  return { exitCode, stdout: out.bytes(), stderr: err.bytes(), files: root?.toObject() ?? {}, mode };
}

/**
 * The trace hook: the caller's, and for a component with a time limit a check after every WASI
 * call (its core modules cannot be instrumented here, so a component spinning without WASI calls
 * is not stopped).
 */
function traceFor(component: Uint8Array | null, options: MainThreadOptions): (event: TraceEvent) => void {
  const trace = options.trace;
  const limit = component === null ? undefined : options.timeoutMs;
  if (limit === undefined) return trace!;
  const started = performance.now();
  return (event) => {
    trace?.(event);
    if (performance.now() - started > limit) throw new LimitError("time", `the guest ran past its time limit of ${limit} ms`);
  };
}
