/**
 * `@anywasi/node/esbuild` — an esbuild plugin that precompiles WASI 0.2 components at build time
 * (`import component from "./x.component.wasm"`), for Cloudflare Workers. See docs/workers.md.
 * @module
 */
export { anywasiEsbuild, type ComponentPluginOptions, type EsbuildPluginLike } from "./bundler-plugins.js";
export { precompileComponent, type GlueKind, type PrecompileOptions, type PrecompiledFiles } from "./precompile.js";
