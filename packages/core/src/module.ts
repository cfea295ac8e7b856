import { ModuleError } from "./errors.js";
import { PREVIEW1_FUNCTIONS } from "./imports.js";

/** A WebAssembly module given as compiled, or as the bytes of a `.wasm` file. */
export type ModuleSource = WebAssembly.Module | ArrayBufferView | ArrayBuffer;

const known = new Set<string>(PREVIEW1_FUNCTIONS);

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
  let module: WebAssembly.Module;
  if (source instanceof WebAssembly.Module) {
    if (options.maxMemoryPages !== undefined) throw new ModuleError("maxMemoryPages needs the module's bytes, not a precompiled WebAssembly.Module");
    module = source;
  } else {
    const bytes = source instanceof ArrayBuffer
      ? new Uint8Array(source)
      : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
      throw new ModuleError("not a WebAssembly module (the file does not start with \\0asm)");
    }
    const version = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24);
    if (version === 0x1000d) {
      throw new ModuleError("this is a WebAssembly component, not a core module: run it with run(), or load it with loadComponent() of @anywasi/core/component");
    }
    if (version !== 1) throw new ModuleError(`unsupported WebAssembly binary version ${version} (expected 1)`);
    // The binary readers are loaded on first use (module-bytes.ts says why).
    const { compileBytes } = await import("./module-bytes.js");
    module = await compileBytes(bytes, options.maxMemoryPages);
  }
  for (const imp of WebAssembly.Module.imports(module)) {
    // The interruption check of a module instrumented by `@anywasi/core/interrupt`: the runner supplies it.
    if (imp.module === "anywasi:interrupt" && imp.name === "check" && imp.kind === "function") continue;
    if (imp.module !== "wasi_snapshot_preview1" || !known.has(imp.name) || imp.kind !== "function") {
      throw new ModuleError(`the module imports ${imp.kind} "${imp.module}"."${imp.name}", which anywasi does not provide`);
    }
  }
  return module;
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
