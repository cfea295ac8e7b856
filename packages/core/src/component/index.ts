/**
 * `@anywasi/core/component` — run WASI 0.2 command components over the same environment, sandbox
 * and limits as preview1 guests. jco-transpile (the canonical ABI) is loaded only when a component
 * is loaded. See docs/components.md.
 * @module @anywasi/core/component
 */
export { Component, loadComponent, startComponent, type ComponentLoadOptions, type TransferableComponent } from "./component.js";
export { isComponent } from "./detect.js";
export type { AbortSignalLike } from "./bridge.js";
export { MemoryWatch } from "./memory-watch.js";
export { capMemory } from "../abi/wasm-binary.js";
export { componentImports, PROVIDED_INTERFACES, type ComponentImports, type ComponentImportOptions, type DirectoryCall } from "./imports.js";
export { errorCode, type ErrorCode } from "./error-code.js";
export { transpile, type TranspileCache, type Transpiled } from "./transpile.js";
export * from "./http/index.js";
