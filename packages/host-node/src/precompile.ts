// Build-time transpile of a WASI 0.2 component for platforms that cannot compile wasm or evaluate
// generated code at run time (Cloudflare Workers): jco's glue becomes a plain ES module, the core
// modules plain .wasm files, and a small entry module imports both, so the platform's bundler
// turns each `.wasm` import into a precompiled `WebAssembly.Module`.
import { ModuleError } from "@anywasi/core";
import {
  capMemory, exportsIncomingHandler, HTTP_INTERFACES, isComponent, PROVIDED_INTERFACES, transpile, type TranspileCache,
} from "@anywasi/core/component";

/** Options of `precompileComponent()`. */
export interface PrecompileOptions {
  /**
   * Suffix appended to each core module's import specifier in the entry module: `""` (the
   * default) for wrangler and esbuild (`import m from "./component.core.wasm"`), `"?module"` for
   * Vite with `@cloudflare/vite-plugin`.
   */
  wasmImportSuffix?: string;
  /** Where to keep transpile results between runs (see `diskTranspileCache()`). */
  transpileCache?: TranspileCache;
  /**
   * Cap every core module's memory at this many 64 KiB pages in the written `.wasm` files, as
   * `loadComponent(bytes, { maxMemoryPages })` does before compiling on Node: `memory.grow` then
   * fails inside the guest past the cap, wherever the files are loaded. Default: not capped.
   */
  maxMemoryPages?: number;
  /**
   * Which glue to write: `"sync"` (jco's synchronous glue, `component.js`), `"jspi"` (JSPI glue,
   * `component.jspi.js`: a wasi:http handler's `handle` runs through `WebAssembly.promising` and
   * the guest is suspended while it waits, so request and response bodies stream), or `"both"`
   * (the host picks JSPI where `WebAssembly.Suspending` exists, else the synchronous glue; the
   * core modules are the same for both). Default: `"both"` for a component exporting
   * `wasi:http/incoming-handler`, `"sync"` for a command (`run()` uses the synchronous glue).
   */
  glue?: GlueKind;
}

/** Which of jco's glues a precompiled component carries (`PrecompileOptions.glue`). */
export type GlueKind = "sync" | "jspi" | "both";

/** The files of a precompiled component: file name → contents. The entry is `ENTRY`. */
export type PrecompiledFiles = Map<string, Uint8Array>;

/** The generated entry module's file name. Its default export is an `@anywasi/worker` `PrecompiledComponent`. */
export const ENTRY = "index.js";

/**
 * Transpile `bytes` (a WASI 0.2 command component, or one exporting `wasi:http/incoming-handler`)
 * with jco-transpile, with anywasi's glue fixes, into the files of a build-time precompiled
 * component: jco's glue (`component.js`), its core modules (`component.core.wasm`, ...), the
 * entry module `index.js` and its types `index.d.ts`. `run()` of `@anywasi/worker` takes a command,
 * its `serve()` an incoming handler (each checks the exports it needs).
 * @throws ModuleError when `bytes` are not a component, are malformed, or import an interface
 * anywasi does not provide (named; `wasi:http/types` and `wasi:http/outgoing-handler` only for an
 * incoming handler), or a core module's memory starts above `maxMemoryPages`.
 */
export async function precompileComponent(bytes: Uint8Array, options: PrecompileOptions = {}): Promise<PrecompiledFiles> {
  if (!isComponent(bytes)) throw new ModuleError("not a WebAssembly component (expected \\0asm and version 0d 00 01 00)");
  const t = await transpile(bytes, options.transpileCache);
  const handler = exportsIncomingHandler(t.exports);
  const glueKind = options.glue ?? (handler ? "both" : "sync");
  // The JSPI glue of the same component: the same core modules, another glue file.
  const jspiGlue = glueKind === "sync" ? undefined : await jspiGlueOf(bytes, t.files, options.transpileCache);
  // An incoming handler may also import wasi:http (its request and response types), as
  // loadHttpComponent() allows on Node and Deno.
  const provided = new Set(handler ? [...PROVIDED_INTERFACES, ...HTTP_INTERFACES] : PROVIDED_INTERFACES);
  for (const name of t.imports) {
    if (!provided.has(name.replace(/@.*$/, ""))) throw new ModuleError(`the component imports "${name}", which anywasi does not provide`);
  }
  const files: PrecompiledFiles = new Map();
  const wasm: string[] = [];
  let glue: string | undefined;
  for (const [name, data] of t.files) {
    if (name === ENTRY || name === "index.d.ts") throw new ModuleError(`jco-transpile produced a file named ${name}, which the entry module needs`);
    files.set(name, name.endsWith(".wasm") && options.maxMemoryPages !== undefined ? capped(name, data, options.maxMemoryPages) : data);
    if (name.endsWith(".wasm")) wasm.push(name);
    else if (name.endsWith(".js")) glue = name;
  }
  if (glue === undefined) throw new ModuleError("jco-transpile produced no glue for the component");
  if (glueKind === "jspi") files.delete(glue);
  if (jspiGlue !== undefined) files.set(JSPI_GLUE, jspiGlue);
  const suffix = options.wasmImportSuffix ?? "";
  const lines = [
    "// Generated by anywasi (build-time transpile of a WASI 0.2 component). Do not edit.",
    ...(glueKind === "jspi" ? [] : [`import { instantiate } from ${JSON.stringify(`./${glue}`)};`]),
    ...(jspiGlue === undefined ? [] : [`import { instantiate as instantiateJspi } from ${JSON.stringify(`./${JSPI_GLUE}`)};`]),
    ...wasm.map((name, i) => `import m${i} from ${JSON.stringify(`./${name}${suffix}`)};`),
    "export default {",
    `  kind: "anywasi-precompiled-component",`,
    `  imports: ${JSON.stringify(t.imports)},`,
    `  exports: ${JSON.stringify(t.exports)},`,
    ...(glueKind === "jspi" ? [] : ["  instantiate,"]),
    ...(jspiGlue === undefined ? [] : ["  instantiateJspi,"]),
    `  coreModules: { ${wasm.map((name, i) => `${JSON.stringify(name)}: m${i}`).join(", ")} },`,
    "};",
    "",
  ];
  files.set(ENTRY, new TextEncoder().encode(lines.join("\n")));
  files.set("index.d.ts", new TextEncoder().encode(
    "// Generated by anywasi. The default export is accepted by run() (a command) and serve() (a wasi:http handler) of @anywasi/worker, and run() of @anywasi/browser.\n"
    + "declare const component: {\n  readonly kind: \"anywasi-precompiled-component\";\n  readonly imports: readonly string[];\n"
    + "  readonly exports: readonly string[];\n"
    + (glueKind === "jspi" ? "" : "  readonly instantiate: (getCoreModule: (name: string) => WebAssembly.Module, imports: Record<string, Record<string, unknown>>) => Promise<Record<string, unknown>>;\n")
    + (jspiGlue === undefined ? "" : "  readonly instantiateJspi: (getCoreModule: (name: string) => WebAssembly.Module, imports: Record<string, Record<string, unknown>>) => Promise<Record<string, unknown>>;\n")
    + "  readonly coreModules: Readonly<Record<string, WebAssembly.Module>>;\n};\nexport default component;\n",
  ));
  return files;
}

/** The JSPI glue's file name (next to jco's `component.js`). */
const JSPI_GLUE = "component.jspi.js";

/**
 * The JSPI glue of `bytes`, whose synchronous transpile made `files`.
 * @throws ModuleError when jco made other core modules for it (the two glues must share them).
 */
async function jspiGlueOf(bytes: Uint8Array, files: ReadonlyMap<string, Uint8Array>, cache: TranspileCache | undefined): Promise<Uint8Array> {
  const j = await transpile(bytes, cache, undefined, true);
  let glue: Uint8Array | undefined;
  for (const [name, data] of j.files) {
    if (name.endsWith(".js")) { glue = data; continue; }
    const same = files.get(name);
    if (same === undefined || same.length !== data.length || same.some((x, i) => x !== data[i])) {
      throw new ModuleError(`jco-transpile made a different ${name} for the JSPI glue: transpile with one glue (--glue sync or --glue jspi)`);
    }
  }
  if (glue === undefined) throw new ModuleError("jco-transpile produced no JSPI glue for the component");
  return glue;
}

/** `data` (the core module `name`) with its memories capped at `maxPages`. */
function capped(name: string, data: Uint8Array, maxPages: number): Uint8Array {
  try {
    return capMemory(data, maxPages);
  } catch (e) {
    throw new ModuleError(`memory limit: ${name}: ${(e as Error).message}`, { cause: e });
  }
}
