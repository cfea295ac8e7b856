import type { Component, ComponentLoadOptions } from "./component/component.js";
import { isComponent } from "./component/detect.js";
import { loadModule, instantiate, type LoadOptions, type ModuleSource } from "./module.js";
import { OutputCollector } from "./streams.js";
import { WASI, type WASIOptions } from "./wasi.js";

/**
 * Options of `run()`: those of `new WASI()` and of `loadModule()`; for a component also
 * `transpileCache` (see `@anywasi/core/component`).
 */
export type RunOptions = WASIOptions & LoadOptions & ComponentLoadOptions;

/** What a finished run gives back. */
export interface RunResult {
  /** The guest's exit code. */
  exitCode: number;
  /** Everything written to stdout, when no `stdout` option was given (else empty). */
  stdout: Uint8Array;
  /** Everything written to stderr, when no `stderr` option was given (else empty). */
  stderr: Uint8Array;
}

/**
 * Compile (if needed), instantiate and run a WASI command in one call: a preview1 module, or a
 * WASI 0.2 command component (bytes, or a `Component` from `loadComponent()`), which loads the
 * component layer `@anywasi/core/component` on first use.
 * @throws ModuleError when the module cannot be run; a trap's `WebAssembly.RuntimeError` after
 * output was flushed.
 */
export async function run(source: ModuleSource | Component, options: RunOptions = {}): Promise<RunResult> {
  const component = componentOf(source);
  const module = component === null ? await loadModule(source as ModuleSource, options) : null;
  const out = new OutputCollector();
  const err = new OutputCollector();
  // The WASI options are the same object: new WASI() does not look at maxMemoryPages.
  const wasi = new WASI({ ...options, stdout: options.stdout ?? out, stderr: options.stderr ?? err });
  let exitCode: number;
  if (module !== null) exitCode = wasi.start(await instantiate(module, wasi.getImportObject()));
  else {
    const layer = await import("./component/index.js");
    const c = component instanceof layer.Component ? component : await layer.loadComponent(component as Uint8Array, options);
    exitCode = await layer.startComponent(c, wasi);
  }
  return { exitCode, stdout: out.bytes(), stderr: err.bytes() };
}

/** The component in `source` (its bytes, or a loaded one), or null for a core module. */
export function componentOf(source: ModuleSource | Component): Uint8Array | Component | null {
  if (source instanceof WebAssembly.Module) return null;
  if (source instanceof ArrayBuffer) return isComponent(new Uint8Array(source)) ? new Uint8Array(source) : null;
  if (ArrayBuffer.isView(source)) {
    const bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    return isComponent(bytes) ? bytes : null;
  }
  return source;
}
