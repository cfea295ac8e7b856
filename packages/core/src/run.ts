import type { Component, ComponentLoadOptions } from "./component/component.js";
import type { LoadOptions, ModuleSource } from "./module.js";
import type { WASIOptions } from "./wasi.js";

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
  // The body is loaded on first use (run-impl.ts says why).
  const impl = await import("./run-impl.js");
  return impl.run(source, options);
}
