import { load } from "./module-load.js";
export { instantiate } from "./module-load.js";
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
