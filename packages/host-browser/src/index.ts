/**
 * @anywasi/browser — anywasi in the browser: each guest in its own Web Worker with interactive
 * stdin (JSPI or a SharedArrayBuffer bridge), in-memory and OPFS-backed directories.
 * @module
 */
export { spawn, KILLED_EXIT_CODE } from "./spawn.js";
export { runOnMainThread } from "./main-thread.js";
export { capabilities, chooseMode, type BrowserCapabilities } from "./modes.js";
export { opfsDirectory, readOpfsTree } from "./opfs-load.js";
export type {
  GuestSource, WaitMode, StdinMode, SpawnOptions, Process, MainThreadOptions, MainThreadResult,
} from "./types.js";
export type { MemFSTree } from "@anywasi/core";
