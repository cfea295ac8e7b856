/*
 * Everything both entries of the core export but `loadModule` and `instantiate`: index.ts (the
 * default entry) takes those from module.ts, node.ts from module-node.ts, and neither entry
 * evaluates the other's module.
 */
export { WASI, type WASIOptions } from "./wasi.js";
export { run, type RunOptions, type RunResult } from "./run.js";
// Types only: the component layer itself is `@anywasi/core/component`, loaded when a component runs.
export type { Component, ComponentLoadOptions } from "./component/component.js";
export type { TranspileCache } from "./component/transpile.js";
export { WasiError, ProcExit, ModuleError, LimitError, type LimitKind } from "./errors.js";
export { Errno, errnoName, type ErrnoName, type ErrnoCode } from "./abi/errno.js";
export * from "./abi/constants.js";
export { Layout } from "./abi/layout.js";
export type {
  Clock, Random, InputStream, OutputStream, FileStat, DirEntry, OpenFileOptions, TimeUpdate,
  FileHandle, DirectoryHandle,
} from "./host.js";
export { systemClock, cryptoRandom, blockingSleep } from "./defaults.js";
export {
  OutputCollector, TextOutput, toInputStream, toOutputStream, type InputSource, type OutputSink,
} from "./streams.js";
export { checkOutputSink } from "./check-options.js";
export { PREVIEW1_FUNCTIONS, type Preview1Name, type TraceHook, type ImportFunction } from "./imports.js";
export { MemFS, type MemFSTree, type MemFSTreeEntry, type MemFSOptions } from "./memfs/index.js";
export type { TraceEvent } from "./trace.js";
