import { SIGNATURES, formatSignature, returnsErrno } from "./abi/signatures.js";
import { deferStart } from "./abi/start-section.js";
import { capMemory, functionImports } from "./abi/wasm-binary.js";
import { ModuleError } from "./errors.js";
import { PREVIEW1_FUNCTIONS } from "./imports.js";

/*
 * The part of `loadModule()` that reads and rewrites a module's bytes. `loadModule()` imports it
 * on first use: the binary readers are not needed by an embedder that compiles its modules itself,
 * and the core's entry stays within its size budget (scripts/size.mjs).
 */

const known = new Set<string>(PREVIEW1_FUNCTIONS);

/**
 * Compile `bytes` (already checked to start with `\0asm` and version 1), with the memory capped at
 * `maxMemoryPages` and the start function deferred (see start-section.ts), and check the
 * signatures of its preview1 imports.
 * @throws ModuleError for a bad memory limit, a malformed module or a wrong import signature.
 */
export async function compileBytes(bytes: Uint8Array, maxMemoryPages: number | undefined): Promise<WebAssembly.Module> {
  if (maxMemoryPages !== undefined) {
    try {
      bytes = capMemory(bytes, maxMemoryPages);
    } catch (e) {
      throw new ModuleError(`memory limit: ${(e as Error).message}`, { cause: e });
    }
  }
  // A start function runs before the memory is reachable: it is run later, by WASI.start().
  bytes = deferStart(bytes);
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes);
  } catch (e) {
    throw new ModuleError(`malformed WebAssembly module: ${(e as Error).message}`, { cause: e });
  }
  checkSignatures(bytes);
  return module;
}

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
