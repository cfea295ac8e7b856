// The shape of a component transpiled at build time (no dependency: run() tests it before
// loading the component layer).

/**
 * A WASI 0.2 component transpiled at build time: the default export of the entry module that
 * `anywasi transpile` (or the `@anywasi/node/esbuild` and `@anywasi/node/vite` plugins) writes.
 * Its core modules were imported as `.wasm` files, so the platform compiled them. `run()` takes a
 * command (exporting `wasi:cli/run`), `serve()` a component exporting `wasi:http/incoming-handler`.
 */
export interface PrecompiledComponent {
  /** Marks the object as a precompiled component (`run()` tells it from a `WebAssembly.Module` by this). */
  readonly kind: "anywasi-precompiled-component";
  /** Interfaces the component imports, as jco's glue names them (`wasi:cli/stdout`). */
  readonly imports: readonly string[];
  /** Its exports (`run`, `wasi:cli/run@0.2.x`; for a handler `wasi:http/incoming-handler@0.2.x`). */
  readonly exports: readonly string[];
  /**
   * jco's synchronous glue `instantiate()` (`instantiation: "async"` mode; `instantiateCore`
   * defaults to `WebAssembly.instantiate`, and the component layer passes its own to watch the
   * memories). Absent when transpiled with `--glue jspi`.
   */
  readonly instantiate?: GlueInstantiate;
  /**
   * The JSPI glue's `instantiate()` (`anywasi transpile --glue jspi|both`; by default a wasi:http
   * handler has both): `serve()` uses it where `WebAssembly.Suspending` exists, so the handler is
   * suspended while it waits and request and response bodies stream.
   */
  readonly instantiateJspi?: GlueInstantiate;
  /** Core module file name → module. */
  readonly coreModules: Readonly<Record<string, WebAssembly.Module>>;
}

/** jco's glue function `instantiate()`. */
export type GlueInstantiate = (
  getCoreModule: (name: string) => WebAssembly.Module,
  imports: Record<string, Record<string, unknown>>,
  instantiateCore?: (module: WebAssembly.Module, imports?: WebAssembly.Imports) => Promise<WebAssembly.Instance>,
) => Promise<Record<string, unknown>>;

/** True when `x` is a `PrecompiledComponent`. */
export function isPrecompiledComponent(x: unknown): x is PrecompiledComponent {
  return typeof x === "object" && x !== null && (x as { kind?: unknown }).kind === "anywasi-precompiled-component";
}
