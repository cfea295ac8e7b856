/**
 * The core's entry under the `node` export condition (Node, Deno, and bundlers targeting them):
 * every export of the default entry, with `loadModule` and `instantiate` whose chunk is part of
 * the static module graph. The default entry loads it with `import()` as it loads (module.ts says
 * why); in Node the first `import()` of a file costs about 3 ms (its loader reads files with
 * `fs/promises`, loaded then) and would run beside a guest's set-up, and bytes matter less here
 * than in a browser, so this entry pays the load up front.
 * @module
 */
export * from "./exports.js";
export { loadModule, instantiate } from "./module-node.js";
export type { LoadOptions, ModuleSource } from "./module.js";
