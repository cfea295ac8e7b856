/**
 * @anywasi/worker — anywasi on Cloudflare Workers (workerd): run preview1 programs from
 * precompiled modules with Web Streams stdio, and serve them over HTTP as CGI programs. Also
 * re-exports the gateway's runners and errors and the core's `MemFS`, `ModuleError`, `WasiError`
 * and `LimitError`.
 * @module
 */
export { run, type WorkerRunOptions, type ByteSink } from "./run.js";
export { isPrecompiledComponent, type GlueInstantiate, type PrecompiledComponent } from "./precompiled.js";
export { serve, type WorkerServeOptions } from "./serve.js";
export { workerClock, type WorkerClock } from "./clock.js";
export {
  inThreadRunner, StreamInput, cgiEnvironment, TimeLimitError, OutputLimitError, BodyTooLargeError,
  MalformedResponseError, type Gateway, type ServeOptions, type ServeContext, type GuestJob, type GuestRunner,
} from "@anywasi/gateway";
export { MemFS, ModuleError, WasiError, LimitError, type LimitKind, type MemFSTree, type RunResult } from "@anywasi/core";
