import { ModuleError, ProcExit } from "../errors.js";
import { hasJSPI } from "../suspend.js";
import { internals, type WASI } from "../wasi.js";
import { buildImports, PROVIDED_INTERFACES, type ComponentImportOptions, type ComponentImports } from "./imports.js";
import type { MemoryWatch } from "./memory-watch.js";
import { prepareComponent } from "./prepare.js";
import type { TranspileCache } from "./transpile.js";

/** Options of `loadComponent()`. */
export interface ComponentLoadOptions {
  /**
   * Most 64 KiB pages any core module of the component may grow its memory to; past it
   * `memory.grow` fails inside the guest (as `maxMemoryPages` of `loadModule`).
   */
  maxMemoryPages?: number;
  /** Where to keep transpile results between processes (the CLI keeps them on disk). Always cached in memory too. */
  transpileCache?: TranspileCache;
  /**
   * Loads jco-transpile's generator (`() => import("@bytecodealliance/jco-transpile/component")`),
   * for bundled apps (browsers), where the default import by a computed specifier cannot resolve.
   */
  transpiler?: () => Promise<unknown>;
  /**
   * Run the component through JSPI glue (engines with `WebAssembly.Suspending`: Chromium, Deno):
   * while it waits — for stdin that has not arrived, in `poll`, for a clock — the guest is
   * suspended and the thread stays free, instead of blocking it. Default false (synchronous glue).
   * `"filesystem"`: JSPI glue in which the wasi:filesystem calls that reach a directory operation
   * (`open-at`, `stat-at`, ..., `read-directory-entry`) are suspending too, for a filesystem whose
   * directory operations wait (the browser's live OPFS; see `ComponentImportOptions.directoryCall`).
   * Every call of a suspending import suspends the guest, so use it only for such a filesystem.
   */
  jspi?: boolean | "filesystem";
}

/** jco's glue module: `instantiate(getCoreModule, imports, instantiateCore?)`. */
interface Glue {
  instantiate(
    getCoreModule: (name: string) => WebAssembly.Module,
    imports: ComponentImports,
    instantiateCore?: (module: WebAssembly.Module, imports?: WebAssembly.Imports) => Promise<WebAssembly.Instance>,
  ): Promise<Record<string, { run?: () => void | Promise<void> } | undefined>>;
}

/**
 * @internal A loaded component as plain data that `postMessage` can copy to another thread (the
 * compiled core modules travel without being compiled again): see `Component.transferable()`.
 */
export interface TransferableComponent {
  imports: readonly string[];
  modules: Map<string, WebAssembly.Module>;
  /** jco's glue, as source text (UTF-8). */
  glue: Uint8Array;
  /** The glue is JSPI glue (`ComponentLoadOptions.jspi`). */
  jspi?: boolean;
  /** Its directory operations are suspending (`jspi: "filesystem"`). */
  filesystem?: boolean;
}

/**
 * A WASI 0.2 command component, checked, transpiled and compiled, ready for `startComponent()`
 * (or `run()`) any number of times.
 */
export class Component {
  /** Interfaces the component imports (versions dropped: `wasi:cli/stdout`). */
  readonly imports: readonly string[];
  /** True when it runs through JSPI glue (`ComponentLoadOptions.jspi`): waits suspend the guest. */
  readonly jspi: boolean;
  /** True when its wasi:filesystem directory operations may suspend (`ComponentLoadOptions.jspi: "filesystem"`). */
  readonly suspendingFilesystem: boolean;
  readonly #modules: ReadonlyMap<string, WebAssembly.Module>;
  readonly #glue: Glue;
  readonly #glueSource: Uint8Array | undefined;
  /** @internal Use `loadComponent()`. `glueSource` (the glue's text) lets it cross threads. */
  constructor(imports: readonly string[], modules: ReadonlyMap<string, WebAssembly.Module>, glue: Glue, glueSource?: Uint8Array, jspi: boolean | "filesystem" = false) {
    this.imports = imports;
    this.jspi = jspi !== false;
    this.suspendingFilesystem = jspi === "filesystem";
    this.#modules = modules;
    this.#glue = glue;
    this.#glueSource = glueSource;
  }

  /**
   * @internal `c` as data for another thread (a `worker_threads` worker), where
   * `Component.fromTransferable()` makes it a `Component` again without transpiling or compiling.
   * @throws TypeError when `c` was not made by `loadComponent()` (its glue source is unknown).
   */
  static transferable(c: Component): TransferableComponent {
    if (c.#glueSource === undefined) throw new TypeError("this component was not made by loadComponent() and cannot cross threads");
    return { imports: c.imports, modules: new Map(c.#modules), glue: c.#glueSource, ...(c.jspi ? { jspi: true } : {}), ...(c.suspendingFilesystem ? { filesystem: true } : {}) };
  }

  /** @internal The `Component` that `Component.transferable()` described (on any thread). */
  static async fromTransferable(t: TransferableComponent): Promise<Component> {
    return new Component(t.imports, t.modules, await loadGlue(t.glue), t.glue, t.filesystem === true ? "filesystem" : t.jspi === true);
  }

  /**
   * @internal Instantiate with the given imports (the core instances noted in `watch`); returns
   * the `wasi:cli/run` `run` function (which returns a promise when the glue is JSPI glue).
   */
  static async instantiate(c: Component, imports: ComponentImports, watch?: MemoryWatch): Promise<() => void | Promise<void>> {
    let exports: Awaited<ReturnType<Glue["instantiate"]>>;
    try {
      const getCoreModule = (name: string): WebAssembly.Module => c.#modules.get(name)!;
      exports = await (watch === undefined ? c.#glue.instantiate(getCoreModule, imports) : c.#glue.instantiate(getCoreModule, imports, watch.instantiateCore));
    } catch (e) {
      if (e instanceof WebAssembly.LinkError) throw new ModuleError(`cannot link the component: ${e.message}`, { cause: e });
      throw e;
    }
    const key = Object.keys(exports).find((k) => k.startsWith("wasi:cli/run@")) ?? "run";
    const run = exports[key]?.run;
    if (typeof run !== "function") throw new ModuleError("the component does not export wasi:cli/run: it is not a command");
    return run;
  }
}

/**
 * Check, transpile (cached by content hash) and compile a WASI 0.2 command component.
 * @throws ModuleError when the bytes are not a component, are malformed or truncated, import an
 * interface anywasi does not provide (named in the message), do not export `wasi:cli/run`, or
 * break the memory limit; Error when `jspi` is asked on an engine without JSPI.
 */
export async function loadComponent(source: ArrayBufferView | ArrayBuffer, options: ComponentLoadOptions = {}): Promise<Component> {
  const jspi = options.jspi ?? false;
  if (jspi !== false && !hasJSPI()) throw new Error("this engine has no JSPI (WebAssembly.Suspending): load the component without jspi");
  const p = await prepareComponent(source, options, jspi, PROVIDED_INTERFACES, (exports) =>
    exports.some((e) => e === "run" || e.startsWith("wasi:cli/run@")) ? null : "the component does not export wasi:cli/run: it is not a command");
  return new Component(p.imports, p.modules, await loadGlue(p.glue), p.glue, jspi);
}

/**
 * Import the glue without touching the disk: as a `data:` URL module (Node, Deno and browsers
 * allow it; Workers forbid code generation, so they need the glue precompiled at build time).
 */
/** @internal (also loads the glue of an `HttpComponent`). */
export async function loadGlue<G = Glue>(code: Uint8Array): Promise<G> {
  const url = `data:text/javascript;charset=utf-8,${encodeURIComponent(new TextDecoder().decode(code))}`;
  return (await import(/* @vite-ignore */ url)) as G;
}

/**
 * Instantiate `component` over `wasi`'s environment (its arguments, environment, stdio, preopens,
 * clock, random, limits and trace hook) and run its `wasi:cli/run`. Returns the exit code: 0 when
 * `run` returns ok, 1 when it returns err or the guest calls `exit(err)`, the code itself for
 * `exit-with-code`. Output is flushed and descriptors closed in every case, as `WASI.start()` does.
 * A `WASI` runs one guest: do not reuse it.
 * @throws ModuleError when the component cannot be linked or is not a command; a trap's
 * `WebAssembly.RuntimeError` (a misused resource handle included) after output was flushed; a
 * `LimitError` (one of kind "memory" when `options.memoryWatch` finds the guest over its cap as
 * it returns).
 *
 * `options.outgoingHttp` lets the guest send HTTP requests (`wasi:http/outgoing-handler`):
 * without it, or to an origin not allowed, a request fails with `HTTP-request-denied`. Requests
 * still in flight when the guest ends are cancelled.
 */
export async function startComponent(component: Component, wasi: WASI, options: ComponentImportOptions = {}): Promise<number> {
  if (options.directoryCall !== undefined && !component.suspendingFilesystem) {
    throw new Error("options.directoryCall needs a component loaded with jspi: \"filesystem\"");
  }
  const ctx = internals(wasi).ctx;
  const built = buildImports(wasi, options, undefined, component.jspi && options.blockingWaits !== true);
  try {
    const run = await Component.instantiate(component, built.imports, options.memoryWatch);
    let code: number;
    try {
      // JSPI glue: a promise, settled when the guest ends (it was suspended while it waited).
      await run();
      code = 0;
    } catch (e) {
      code = exitCodeOf(e);
    }
    // A guest that grew past a watched cap since its last WASI call fails here, not silently.
    options.memoryWatch?.check();
    return code;
  } finally {
    built.close();
    ctx.fds.closeAll();
  }
}

/** The exit code a failed `run` stands for, or the error rethrown. */
function exitCodeOf(e: unknown): number {
  if (e instanceof ProcExit) return e.code;
  // `run` returned `err`: jco's glue throws its own ComponentError class, whose `name` stays "Error";
  // the class name and the `payload` property it always defines identify it.
  if (e instanceof Error && (e.name === "ComponentError" || e.constructor.name === "ComponentError") && Object.hasOwn(e, "payload")) return 1;
  if (e instanceof TypeError || e instanceof RangeError) {
    // A bad handle or value from the guest surfaces in jco's glue as a TypeError (a fake resource
    // object whose methods fail, an invalid variant, invalid UTF-8) or a RangeError (a list
    // outside memory): the guest's fault, so it is a trap. The original error stays the cause.
    throw new WebAssembly.RuntimeError(`the component misused a resource handle or value: ${e.message}`, { cause: e });
  }
  throw e;
}
