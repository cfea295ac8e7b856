/**
 * The core's entry under the `node` export condition (Node, Deno, and bundlers targeting them):
 * every export of the default entry, with a `loadModule` that has its checks loaded already.
 * The default entry loads them on first use with `import()` (module-load.ts says why), and in
 * Node the first `import()` of a file costs about 3 ms (its loader reads files with
 * `fs/promises`, loaded then); bytes matter less here than in a browser, so this entry pays
 * the load up front, as part of the static module graph.
 * @module
 */
export * from "./index.js";
export { loadModule } from "./module-node.js";
