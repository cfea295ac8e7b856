/**
 * `@anywasi/node/vite` — a Vite plugin that precompiles WASI 0.2 components at build time
 * (`import component from "./x.component.wasm"`), for Workers built with `@cloudflare/vite-plugin`.
 * See docs/workers.md.
 * @module
 */
export { anywasiVite, type ComponentPluginOptions, type VitePluginLike } from "./bundler-plugins.js";
