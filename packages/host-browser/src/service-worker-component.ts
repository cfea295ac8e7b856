// A wasi:http component transpiled at build time, made into the core's `HttpComponent` inside a
// Service Worker. Nothing here may use `import()`: a module Service Worker rejects it (and a
// classic one has no modules), which is why the glue must come in as a static import and why the
// component is never transpiled here.
import { ModuleError } from "@anywasi/core";
import { hasJSPI } from "@anywasi/core/jspi";
import { HTTP_INTERFACES, HttpComponent, PROVIDED_INTERFACES, exportsIncomingHandler } from "@anywasi/core/component";

/**
 * One core module of a precompiled component: compiled already (a bundler's `?module` import), or
 * where to get its bytes: a URL (a bundler's `?url` import, resolved against the Service Worker
 * script's URL) or the bytes themselves.
 */
export type CoreModuleSource = WebAssembly.Module | string | URL | ArrayBuffer | ArrayBufferView;

/**
 * A component exporting `wasi:http/incoming-handler`, transpiled at build time: the default export
 * of the entry module (`index.js`) that `anywasi transpile` or the `@anywasi/node/vite` and
 * `@anywasi/node/esbuild` plugins write. In a browser bundle the core modules are usually
 * imported as URLs (`anywasi transpile --wasm-suffix ?url`, or `anywasiVite({ wasmImportSuffix:
 * "?url" })`): they are fetched and compiled when the Service Worker first serves a request.
 */
export interface PrecompiledHttpComponent {
  /** Marks a precompiled component (the same object `@anywasi/worker` takes). */
  readonly kind: "anywasi-precompiled-component";
  /** Interfaces the component imports, as jco's glue names them. */
  readonly imports: readonly string[];
  /** Its exports; one must be `wasi:http/incoming-handler@0.2.x`. */
  readonly exports: readonly string[];
  /** jco's synchronous glue `instantiate()` (instantiation mode, async); absent with `anywasi transpile --glue jspi`. */
  readonly instantiate?: GlueInstantiate;
  /**
   * The JSPI glue's `instantiate()` (written by default for a wasi:http handler): used where
   * `WebAssembly.Suspending` exists, so the handler is suspended while it waits (its response
   * streams, requests run side by side).
   */
  readonly instantiateJspi?: GlueInstantiate;
  /** Core module file name (`component.core.wasm`) → the module or where to get it. */
  readonly coreModules: Readonly<Record<string, CoreModuleSource>>;
}

/** jco's glue function `instantiate()`. */
export type GlueInstantiate = (
  getCoreModule: (name: string) => WebAssembly.Module,
  imports: Record<string, Record<string, unknown>>,
  instantiateCore?: (module: WebAssembly.Module, imports?: WebAssembly.Imports) => Promise<WebAssembly.Instance>,
) => Promise<Record<string, unknown>>;

/** True when `x` looks like a `PrecompiledHttpComponent` (the `kind` marker). */
export function isPrecompiledHttpComponent(x: unknown): x is PrecompiledHttpComponent {
  return typeof x === "object" && x !== null && (x as { kind?: unknown }).kind === "anywasi-precompiled-component";
}

/** `fetch`, resolving a relative URL against the script's own location (a Service Worker's `self.location`). */
async function compileFrom(url: string | URL): Promise<WebAssembly.Module> {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const target = base === undefined ? new URL(url) : new URL(url, base);
  const response = await fetch(target);
  if (!response.ok) throw new ModuleError(`cannot fetch the core module ${target.href}: HTTP ${response.status}`);
  // compileStreaming needs `application/wasm`; a server that sends another type still works.
  const type = response.headers.get("content-type")?.split(";")[0]?.trim() ?? "";
  if (type === "application/wasm") return WebAssembly.compileStreaming(response);
  try {
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch (e) {
    // Often an HTML page (a single-page app's fallback) where the .wasm file should be: say so.
    throw new ModuleError(`${target.href} (served as ${type || "no type"}) is not WebAssembly: ${(e as Error).message}`, { cause: e });
  }
}

async function compileCore(name: string, source: CoreModuleSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  try {
    if (typeof source === "string" || source instanceof URL) return await compileFrom(source);
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    return await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (e) {
    if (e instanceof ModuleError) throw e;
    throw new ModuleError(`cannot compile the core module ${name}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * The core's `HttpComponent` for a precompiled one: the checks of `loadHttpComponent()` (the
 * interfaces it imports, the incoming-handler export), then every core module compiled (fetched
 * first when given as a URL). No transpile and no `import()`. Made once per object (per Service
 * Worker start): every handler of the same component shares it; a failed load is tried again.
 * With `jspi` (default true), the JSPI glue is used when the component has it and the engine has
 * JSPI (`WebAssembly.Suspending`); otherwise the synchronous glue.
 * @throws ModuleError when the component imports an interface anywasi does not provide (named),
 * does not export `wasi:http/incoming-handler`, or a core module cannot be fetched or compiled.
 */
export function httpComponentFromPrecompiled(p: PrecompiledHttpComponent, jspi = true): Promise<HttpComponent> {
  const useJspi = jspi && p.instantiateJspi !== undefined && hasJSPI();
  const memo = useJspi ? compiledJspi : compiled;
  // Several handlers of one component (different prefixes or limits) share its compiled modules.
  let made = memo.get(p);
  if (made === undefined) {
    made = make(p, useJspi);
    memo.set(p, made);
    // A failed load is not kept: the next call (a later request) tries again.
    made.catch(() => memo.delete(p));
  }
  return made;
}

const compiled = new WeakMap<PrecompiledHttpComponent, Promise<HttpComponent>>();
const compiledJspi = new WeakMap<PrecompiledHttpComponent, Promise<HttpComponent>>();

async function make(p: PrecompiledHttpComponent, jspi: boolean): Promise<HttpComponent> {
  const provided = new Set([...PROVIDED_INTERFACES, ...HTTP_INTERFACES]);
  for (const name of p.imports) {
    if (!provided.has(name.replace(/@.*$/, ""))) throw new ModuleError(`the component imports "${name}", which anywasi does not provide`);
  }
  if (!exportsIncomingHandler(p.exports)) {
    throw new ModuleError("the component does not export wasi:http/incoming-handler");
  }
  const instantiate = jspi ? p.instantiateJspi : p.instantiate;
  if (instantiate === undefined) {
    throw new ModuleError("the component was transpiled with only the JSPI glue (--glue jspi), and JSPI is off or missing here: transpile with --glue both");
  }
  const entries = await Promise.all(Object.entries(p.coreModules).map(async ([name, src]) => [name, await compileCore(name, src)] as const));
  // The glue's `instantiate` is the shape HttpComponent instantiates.
  return new HttpComponent(p.imports, new Map(entries), { instantiate } as unknown as ConstructorParameters<typeof HttpComponent>[2], undefined, null, jspi);
}
