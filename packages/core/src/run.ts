import { loadModule, instantiate, type LoadOptions, type ModuleSource } from "./module.js";
import { OutputCollector } from "./streams.js";
import { WASI, type WASIOptions } from "./wasi.js";

/** Options of `run()`: those of `new WASI()` and of `loadModule()`. */
export type RunOptions = WASIOptions & LoadOptions;

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
 * Compile (if needed), instantiate and run a WASI command in one call.
 * @throws ModuleError when the module cannot be run; a trap's `WebAssembly.RuntimeError` after
 * output was flushed.
 */
export async function run(source: ModuleSource, options: RunOptions = {}): Promise<RunResult> {
  const module = await loadModule(source, options);
  const out = new OutputCollector();
  const err = new OutputCollector();
  // The WASI options are the same object: new WASI() does not look at maxMemoryPages.
  const wasi = new WASI({ ...options, stdout: options.stdout ?? out, stderr: options.stderr ?? err });
  const instance = await instantiate(module, wasi.getImportObject());
  const exitCode = wasi.start(instance);
  return { exitCode, stdout: out.bytes(), stderr: err.bytes() };
}
