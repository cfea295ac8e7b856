import { capMemory } from "../abi/wasm-binary.js";
import { compile } from "../compile.js";
import { ModuleError } from "../errors.js";
import { isComponent } from "./detect.js";
import { transpile, type JspiGlue, type TranspileCache } from "./transpile.js";

/** What `prepareComponent` needs to know: the subset of the load options both loaders share. */
export interface PrepareOptions {
  maxMemoryPages?: number | undefined;
  transpileCache?: TranspileCache | undefined;
  transpiler?: (() => Promise<unknown>) | undefined;
}

/** A checked, transpiled and compiled component, before its glue module is imported. */
export interface Prepared {
  imports: string[];
  modules: Map<string, WebAssembly.Module>;
  glue: Uint8Array;
}

/**
 * The steps every component loader takes, in the order that fails cheapest first: check the
 * bytes are a component, transpile (cached), check each import is one of `provided` (unversioned
 * names) and the exports with `exportsError` (which returns why they are wrong, or null), then
 * compile each core module under the memory cap.
 * @internal (used by `loadComponent` and `loadHttpComponent`)
 * @throws ModuleError for bytes that are not a component or are malformed, an import anywasi does
 * not provide (named), exports `exportsError` refuses, or a memory section over `maxMemoryPages`.
 */
export async function prepareComponent(
  source: ArrayBufferView | ArrayBuffer, options: PrepareOptions, jspi: JspiGlue,
  provided: readonly string[], exportsError: (exports: readonly string[]) => string | null,
): Promise<Prepared> {
  const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (!isComponent(bytes)) throw new ModuleError("not a WebAssembly component (expected \\0asm and version 0d 00 01 00)");
  const t = await transpile(bytes, options.transpileCache, options.transpiler, jspi);
  const known = new Set(provided);
  for (const name of t.imports) {
    if (!known.has(name.replace(/@.*$/, ""))) throw new ModuleError(`the component imports "${name}", which anywasi does not provide`);
  }
  const refused = exportsError(t.exports);
  if (refused !== null) throw new ModuleError(refused);
  const codes: [string, Uint8Array][] = [];
  let glue: Uint8Array | undefined;
  for (const [name, data] of t.files) {
    if (name.endsWith(".js")) { glue = data; continue; }
    if (!name.endsWith(".wasm")) continue;
    let code = data;
    if (options.maxMemoryPages !== undefined) {
      try {
        code = capMemory(data, options.maxMemoryPages);
      } catch (e) {
        throw new ModuleError(`memory limit: ${(e as Error).message}`, { cause: e });
      }
    }
    codes.push([name, code]);
  }
  // Small modules compile as they are met, large ones in the background side by side; every
  // compile is settled before a failure is reported, so none is left to reject unobserved.
  const compiled = await Promise.allSettled(codes.map(([, code]) => compile(code)));
  const modules = new Map<string, WebAssembly.Module>();
  for (const [i, r] of compiled.entries()) {
    if (r.status === "rejected") {
      const e: unknown = r.reason;
      throw new ModuleError(`malformed WebAssembly component: ${(e as Error).message}`, { cause: e });
    }
    modules.set(codes[i]![0], r.value);
  }
  if (glue === undefined) throw new ModuleError("jco-transpile produced no glue for the component");
  return { imports: t.imports, modules, glue };
}
