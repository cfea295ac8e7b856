/**
 * @anywasi/node — anywasi on Node.js and Deno. Also re-exports all of `@anywasi/core`.
 * @module
 */
export * from "@anywasi/core";
export { NodeFS, type NodeFSOptions } from "./node-fs.js";
export { WASI, createNodeWASI, type NodeCompatOptions, type NodeWASI, type NodeWASIOptions, type HostDir } from "./wasi.js";
export { run, TimeLimitError, type NodeRunOptions } from "./run.js";
export { createHttpClient, type ClosableHttpClient, type NodeOutgoingHttpOptions } from "./outgoing-http.js";
export { diskTranspileCache, loadGuest, isComponentBytes, type Guest } from "./component.js";
export { ProcessStdin } from "./stdin.js";
export { processOutput, writeAll } from "./stdout.js";
export { nodeClock } from "./clock.js";
export { readTree } from "./tree.js";
export { workerRunner, type WorkerRunnerOptions } from "./gateway-runner.js";
export { listen, toNodeListener, type ListenOptions } from "./http-adapter.js";
export { BufferedOutput, type BufferMode } from "./buffered-output.js";
