import { SIGNATURES, formatSignature, returnsErrno } from "./abi/signatures.js";
import { deferStart } from "./abi/start-section.js";
import { importTypes, typesMatch, type ImportTypes, type ModuleImports } from "./abi/signature-scan.js";
import { capMemory, functionImports } from "./abi/wasm-binary.js";
import { compile } from "./compile.js";
import { ModuleError } from "./errors.js";
import { PREVIEW1_FUNCTIONS } from "./imports.js";
import type { LoadOptions, ModuleSource } from "./module.js";

/*
 * `loadModule()` and `instantiate()` themselves (see their doc comments in module.ts), a chunk of
 * their own in the default entry, loaded as the core loads (module.ts says how): the checks,
 * messages and binary readers stay out of the core's size budget (scripts/size.mjs).
 */

const known = new Set<string>(PREVIEW1_FUNCTIONS);

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** `loadModule()`. @throws ModuleError as documented there. */
export const load = (async function load(source: ModuleSource, options: LoadOptions): Promise<WebAssembly.Module> {
  let module: WebAssembly.Module;
  let imports: ModuleImports;
  if (source instanceof WebAssembly.Module) {
    if (options.maxMemoryPages !== undefined) throw new ModuleError("maxMemoryPages needs the module's bytes, not a precompiled WebAssembly.Module");
    module = source;
    imports = WebAssembly.Module.imports(module);
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
    const prepared = prepare(bytes, options.maxMemoryPages);
    const compiling = compile(prepared);
    // For a large module the walk over the bytes runs while the engine compiles (off this thread);
    // the names it is checked against come from the engine (signature-scan.ts says why).
    const found = importTypes(prepared);
    try {
      module = await compiling;
    } catch (e) {
      throw new ModuleError(`malformed WebAssembly module: ${(e as Error).message}`, { cause: e });
    }
    imports = WebAssembly.Module.imports(module);
    // When the fast scan cannot confirm every signature, the detailed reader names the first
    // wrong import (or finds none).
    if (!scanConfirms(prepared, found, imports)) checkSignatures(prepared);
  }
  for (const imp of imports) {
    // The interruption check of a module instrumented by `@anywasi/core/interrupt`: the runner supplies it.
    if (imp.module === "anywasi:interrupt" && imp.name === "check" && imp.kind === "function") continue;
    if (imp.module !== "wasi_snapshot_preview1" || !known.has(imp.name) || imp.kind !== "function") {
      throw new ModuleError(`the module imports ${imp.kind} "${imp.module}"."${imp.name}", which anywasi does not provide`);
    }
  }
  return module;
});

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * `bytes` (already checked to start with `\0asm` and version 1) with the memory capped at
 * `maxMemoryPages` and the start function deferred (see start-section.ts), ready to compile.
 * @throws ModuleError for a bad memory limit.
 */
const prepare = (function prepare(bytes: Uint8Array, maxMemoryPages: number | undefined): Uint8Array {
  if (maxMemoryPages !== undefined) {
    try {
      bytes = capMemory(bytes, maxMemoryPages);
    } catch (e) {
      throw new ModuleError(`memory limit: ${(e as Error).message}`, { cause: e });
    }
  }
  // A start function runs before the memory is reachable: it is run later, by WASI.start().
  return deferStart(bytes);
});

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** The fast scan (signature-scan.ts): true when it confirms every signature; false when it cannot. */
const scanConfirms = (function scanConfirms(bytes: Uint8Array, found: ImportTypes, imports: ModuleImports): boolean {
  try {
    return typesMatch(bytes, found, imports, known);
  } catch {
    return false;
  }
});

/**
 * The detailed reader (wasm-binary.ts), run only when the scan cannot confirm every signature:
 * it names the first wrong import.
 */
function checkSignatures(bytes: Uint8Array): void {
  for (const imp of functionImports(bytes) ?? []) {
    // Unknown names (even "constructor") are left to the import check that follows, which names them.
    if (imp.module !== "wasi_snapshot_preview1" || !known.has(imp.name)) continue;
    const want = SIGNATURES[imp.name as keyof typeof SIGNATURES] as readonly string[];
    const wantResults = returnsErrno(imp.name) ? ["i32"] : [];
    if (imp.params.join() !== want.join() || imp.results.join() !== wantResults.join()) {
      throw new ModuleError(
        `cannot link the module: "wasi_snapshot_preview1"."${imp.name}" is imported as ${formatSignature(imp.params, imp.results)}, ` +
        `but preview1 defines it as ${formatSignature(want, wantResults)}`,
      );
    }
  }
}

/**
 * `instantiate()` (module.ts states its contract). With `sync`, on the calling thread without
 * yielding to the event loop (the `node` entry; module-node.ts says why). Browsers keep the
 * asynchronous form: Chromium refuses a synchronous `WebAssembly.Instance` of a large module on
 * a page's thread.
 * @throws ModuleError on a link failure.
 */
export async function instantiate(module: WebAssembly.Module, imports: WebAssembly.Imports, sync = false): Promise<WebAssembly.Instance> {
  try {
    return sync ? new WebAssembly.Instance(module, imports) : await WebAssembly.instantiate(module, imports);
  } catch (e) {
    if (e instanceof WebAssembly.LinkError) throw new ModuleError(`cannot link the module: ${e.message}`, { cause: e });
    throw e;
  }
}
