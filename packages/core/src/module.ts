import { ModuleError } from "./errors.js";

/** A WebAssembly module given as compiled, or as the bytes of a `.wasm` file. */
export type ModuleSource = WebAssembly.Module | ArrayBufferView | ArrayBuffer;

/** Options of `loadModule()`. */
export interface LoadOptions {
  /**
   * Most 64 KiB pages the guest's memory may ever have; past it `memory.grow` fails inside the
   * guest. Needs the module as bytes (a precompiled module's limits cannot be changed).
   */
  maxMemoryPages?: number;
}

/**
 * Compile `source` (or take it as is when already compiled) and check that anywasi can run it:
 * every import is a `wasi_snapshot_preview1` function we provide, with the right signature (checked
 * when bytes are given; a precompiled module's import types cannot be read in JavaScript).
 * @throws ModuleError naming the problem: not wasm, wrong version, malformed, an unknown import or
 * an import with the wrong signature.
 *
 * Given bytes, the module's start function (if any) is turned into an export that `WASI.start()`
 * and `initialize()` call first, once the guest's memory is known, so its WASI calls work. With a
 * precompiled module such a call fails instantiation with a `ModuleError` instead.
 */
export async function loadModule(source: ModuleSource, options: LoadOptions = {}): Promise<WebAssembly.Module> {
  // The checks and binary readers are loaded on first use (module-load.ts says why).
  const { load } = await import("./module-load.js");
  return load(source, options);
}

/**
 * Instantiate `module` with `imports`, turning a link failure (an import with the wrong signature)
 * into a `ModuleError`.
 */
export async function instantiate(module: WebAssembly.Module, imports: WebAssembly.Imports): Promise<WebAssembly.Instance> {
  try {
    return await WebAssembly.instantiate(module, imports);
  } catch (e) {
    if (e instanceof WebAssembly.LinkError) throw new ModuleError(`cannot link the module: ${e.message}`, { cause: e });
    throw e;
  }
}
