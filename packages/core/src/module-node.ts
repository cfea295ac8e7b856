import { instantiate as instantiateIn, load } from "./module-load.js";
import type { LoadOptions, ModuleSource } from "./module.js";

/**
 * `loadModule` of the default entry (module.ts states its contract: what is checked, the start
 * function, precompiled modules), with its checks imported statically for the `node` entry
 * (node.ts says why).
 * @throws ModuleError naming the problem, as the default entry's `loadModule`.
 */
export async function loadModule(source: ModuleSource, options: LoadOptions = {}): Promise<WebAssembly.Module> {
  return load(source, options);
}

/**
 * `instantiate` of the default entry (module.ts states its contract), done synchronously inside.
 * The asynchronous form does the same work on the same thread but answers through a task, so the
 * event loop runs whatever is due first, a garbage collection V8 scheduled during the imports
 * among it (about 1 ms inside an @anywasi/node set-up; bench/analysis.md, "Row 1, 2026-12-08,
 * later"). Node has no size limit on a synchronous `WebAssembly.Instance`.
 * @throws ModuleError on a link failure (an import with the wrong signature).
 */
export async function instantiate(module: WebAssembly.Module, imports: WebAssembly.Imports): Promise<WebAssembly.Instance> {
  return instantiateIn(module, imports, true);
}
