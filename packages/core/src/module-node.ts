import { load } from "./module-load.js";
import type { LoadOptions, ModuleSource } from "./module.js";

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
 *
 * (The `node` entry's copy of module.ts's `loadModule`: the same function, its checks imported
 * statically. See node.ts.)
 */
export async function loadModule(source: ModuleSource, options: LoadOptions = {}): Promise<WebAssembly.Module> {
  return load(source, options);
}
