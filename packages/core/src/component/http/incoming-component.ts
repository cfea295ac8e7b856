import { hasJSPI } from "../../suspend.js";
import { ModuleError } from "../../errors.js";
import { internals, type WASI } from "../../wasi.js";
import { loadGlue, type TransferableComponent } from "../component.js";
import { buildImports, PROVIDED_INTERFACES, type ComponentImportOptions, type ComponentImports } from "../imports.js";
import { prepareComponent } from "../prepare.js";
import type { TranspileCache } from "../transpile.js";
import type { MemoryWatch } from "../memory-watch.js";
import { bytesSource, type BodySource } from "./body.js";
import type { HttpRequestHead, HttpResponseSink } from "./types.js";

/**
 * The `wasi:http` interfaces an incoming handler imports. Now part of `PROVIDED_INTERFACES` too
 * (commands may send requests); kept for the hosts that list them.
 */
export const HTTP_INTERFACES: readonly string[] = ["wasi:http/types", "wasi:http/outgoing-handler"];

/** Options of `loadHttpComponent()`. */
export interface HttpComponentLoadOptions {
  /** Most 64 KiB pages any core module may grow its memory to (`memory.grow` fails past it). */
  maxMemoryPages?: number;
  /** Where to keep transpile results between processes. Always cached in memory too. */
  transpileCache?: TranspileCache;
  /**
   * Run the handler through JSPI glue (engines with `WebAssembly.Suspending`: Chromium, Deno,
   * workerd): `handle` runs through `WebAssembly.promising`, and while the guest waits (a timer,
   * request bytes not yet arrived, an outgoing response) it is suspended and the thread stays
   * free. Default false (synchronous glue).
   */
  jspi?: boolean;
}

type Handler = (request: unknown, outparam: unknown) => void | Promise<void>;
interface Glue {
  instantiate(
    getCoreModule: (name: string) => WebAssembly.Module, imports: ComponentImports,
    instantiateCore?: (module: WebAssembly.Module, imports?: WebAssembly.Imports) => Promise<WebAssembly.Instance>,
  ): Promise<Record<string, { handle?: Handler } | undefined>>;
}

/** A component exporting `wasi:http/incoming-handler`, transpiled and compiled once; instantiated per request. */
export class HttpComponent {
  /** Interfaces it imports (versions dropped). */
  readonly imports: readonly string[];
  /**
   * The page cap its core modules were compiled with (`loadHttpComponent`'s `maxMemoryPages`), or
   * null: a memory of such a component never passes it, so no run-time check is needed up to it.
   */
  readonly compiledMemoryCap: number | null;
  /** True when it runs through JSPI glue (`HttpComponentLoadOptions.jspi`): `handle` returns a promise, waits suspend. */
  readonly jspi: boolean;
  readonly #modules: ReadonlyMap<string, WebAssembly.Module>;
  readonly #glue: Glue;
  readonly #glueSource: Uint8Array | undefined;
  /** @internal Use `loadHttpComponent()`. `glueSource` (the glue's text) lets it cross threads. */
  constructor(
    imports: readonly string[], modules: ReadonlyMap<string, WebAssembly.Module>, glue: Glue, glueSource?: Uint8Array,
    compiledMemoryCap: number | null = null, jspi = false,
  ) {
    this.compiledMemoryCap = compiledMemoryCap;
    this.jspi = jspi;
    this.imports = imports;
    this.#modules = modules;
    this.#glue = glue;
    this.#glueSource = glueSource;
  }

  /**
   * What another thread needs to instantiate `c` without transpiling or compiling: the compiled
   * core modules (a `WebAssembly.Module` crosses `postMessage`) and the glue's source text, which
   * `HttpComponent.fromTransferable()` imports from memory there (no file).
   * @throws TypeError when `c` was not made by `loadHttpComponent()` (its glue source is unknown).
   */
  static transferable(c: HttpComponent): TransferableComponent {
    if (c.#glueSource === undefined) throw new TypeError("this component was not made by loadHttpComponent() and cannot cross threads");
    return { imports: c.imports, modules: new Map(c.#modules), glue: c.#glueSource, ...(c.jspi ? { jspi: true } : {}) };
  }

  /** The `HttpComponent` that `HttpComponent.transferable()` described (on any thread). */
  static async fromTransferable(t: TransferableComponent): Promise<HttpComponent> {
    return new HttpComponent(t.imports, t.modules, await loadGlue<Glue>(t.glue), t.glue, null, t.jspi === true);
  }

  /** @internal A fresh instance's `handle` (its core instances noted in `watch`). */
  static async instantiate(c: HttpComponent, imports: ComponentImports, watch?: MemoryWatch): Promise<Handler> {
    let exports: Awaited<ReturnType<Glue["instantiate"]>>;
    try {
      const getCoreModule = (name: string): WebAssembly.Module => c.#modules.get(name)!;
      exports = await (watch === undefined ? c.#glue.instantiate(getCoreModule, imports) : c.#glue.instantiate(getCoreModule, imports, watch.instantiateCore));
    } catch (e) {
      if (e instanceof WebAssembly.LinkError) throw new ModuleError(`cannot link the component: ${e.message}`, { cause: e });
      throw e;
    }
    const key = Object.keys(exports).find((k) => k.startsWith("wasi:http/incoming-handler@")) ?? "incomingHandler";
    const handle = exports[key]?.handle;
    if (typeof handle !== "function") throw new ModuleError("the component does not export wasi:http/incoming-handler");
    return handle;
  }
}

/** True when a transpiled component's exports include `wasi:http/incoming-handler`. */
export function exportsIncomingHandler(exports: readonly string[]): boolean {
  return exports.some((e) => e.startsWith("wasi:http/incoming-handler@") || e === "incomingHandler");
}

/**
 * Check, transpile (cached by content hash) and compile a `wasi:http/incoming-handler` component.
 * @throws ModuleError when the bytes are not a component, are malformed, import an interface
 * anywasi does not provide (named), do not export `wasi:http/incoming-handler`, or break the
 * memory limit.
 */
export async function loadHttpComponent(source: ArrayBufferView | ArrayBuffer, options: HttpComponentLoadOptions = {}): Promise<HttpComponent> {
  const jspi = options.jspi === true;
  if (jspi && !hasJSPI()) throw new Error("this engine has no JSPI (WebAssembly.Suspending): load the component without jspi");
  const p = await prepareComponent(source, options, jspi, [...PROVIDED_INTERFACES, ...HTTP_INTERFACES], (exports) =>
    exportsIncomingHandler(exports) ? null : "the component does not export wasi:http/incoming-handler");
  return new HttpComponent(p.imports, p.modules, await loadGlue<Glue>(p.glue), p.glue, options.maxMemoryPages ?? null, jspi);
}

/**
 * Answer one request with a FRESH instance of `component` over `wasi`'s environment (arguments,
 * environment, stdio, clock, random, limits and trace hook; a `WASI` serves one request). `body`
 * is the whole request body (bytes) or a `BodySource`. The guest's answer goes to `sink` as it
 * is made. Resolves when `handle` has returned; rejects with a trap's `WebAssembly.RuntimeError`,
 * a `ModuleError` when the component cannot be linked, or what `sink` or the trace hook threw (a
 * limit), or a `LimitError` of kind "memory" when `options.memoryWatch` finds it over its cap as
 * `handle` returns. A handler that returns without setting its response is not an error here: check
 * whether `sink.respond` or `sink.fail` was called. `options.outgoingHttp` lets the handler send
 * requests (`wasi:http/outgoing-handler`; denied without it); those still in flight when `handle`
 * returns are cancelled.
 */
export async function handleHttpRequest(
  component: HttpComponent, wasi: WASI, request: HttpRequestHead, body: Uint8Array | BodySource, sink: HttpResponseSink,
  options: ComponentImportOptions = {},
): Promise<void> {
  const ctx = internals(wasi).ctx;
  let close = (): void => {};
  try {
    const source = body instanceof Uint8Array ? bytesSource(body) : body;
    const built = buildImports(wasi, options, { request, source, sink }, component.jspi);
    close = built.close;
    const { http } = built;
    const handle = await HttpComponent.instantiate(component, built.imports, options.memoryWatch);
    try {
      // JSPI glue: a promise, settled when the guest ends (suspended meanwhile while it waited).
      await handle(http.request(), http.outparam());
    } catch (e) {
      if (e instanceof TypeError || e instanceof RangeError) {
        throw new WebAssembly.RuntimeError(`the component misused a resource handle or value: ${e.message}`, { cause: e });
      }
      throw e;
    }
    // A guest that grew past a watched cap since its last WASI call fails here.
    options.memoryWatch?.check();
  } finally {
    close();
    ctx.fds.closeAll();
  }
}
