/**
 * @anywasi/core — a complete WASI preview1 runtime for every JavaScript engine. Guests that wait
 * without blocking the thread (JSPI) are the other entry, {@link jspi | @anywasi/core/jspi}.
 * @module @anywasi/core
 */
export * from "./exports.js";
export { loadModule, instantiate, type LoadOptions, type ModuleSource } from "./module.js";
