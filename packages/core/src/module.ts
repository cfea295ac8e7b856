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
  return (await import("./module-load.js")).load(source, options);
}

/**
 * Instantiate `module` with `imports`, turning a link failure (an import with the wrong signature)
 * into a `ModuleError`.
 */
export async function instantiate(module: WebAssembly.Module, imports: WebAssembly.Imports): Promise<WebAssembly.Instance> {
  return (await import("./module-load.js")).instantiate(module, imports);
}

/*
 * The bodies of both (module-load.ts) are a chunk of their own, kept out of the core's entry and
 * its size budget. Its load starts as the core loads, not at the first `loadModule()`: a page
 * then fetches and compiles it while it loads, not inside a guest's set-up. Nobody awaits this
 * promise: each call above makes its own `import()` (answered from the module map once loaded),
 * because a promise shared between callers is one that workerd ties to whichever request made it.
 * A failed load is reported by the call; the handler only keeps it from being an unhandled
 * rejection at import.
 */
import("./module-load.js").catch(() => {});
