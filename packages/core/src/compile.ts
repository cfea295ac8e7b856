/**
 * Largest module (bytes) compiled on the calling thread. V8's asynchronous compile goes through
 * background tasks and back through the event loop, and for a small module that round trip costs
 * more than the compile: bench program 1 (33 KB) compiles in 1.6 ms synchronously against 2.0 ms
 * asynchronously, a 1.5 MB SQLite in 7.3 against 7.7 ms (bench/analysis.md, "Row 1, 2026-12-08").
 * Past this size a compile would hold the event loop (or a page) for more than a few ms, so it is
 * left asynchronous; Chromium also refuses synchronous compiles over 8 MB on a page's thread.
 */
const SYNC_COMPILE_MAX = 1 << 20;

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * `bytes` compiled: on this thread up to `SYNC_COMPILE_MAX` bytes, asynchronously past it. Either
 * way a `WebAssembly.CompileError` is the promise's rejection, as from `WebAssembly.compile`.
 */
export const compile = (async function compile(bytes: Uint8Array): Promise<WebAssembly.Module> {
  return bytes.length <= SYNC_COMPILE_MAX ? new WebAssembly.Module(bytes) : WebAssembly.compile(bytes);
});
