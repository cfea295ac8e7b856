// Web Worker of host `deno` (started by deno-server.mjs, one per test, with the test's own
// permissions): runs the one spec it is sent (the spec of run-spec.mjs) and posts back
// { exitCode } or { error }, with stdout/stderr as Uint8Array.
import { runSpec } from "./run-spec.mjs";

self.onmessage = async (e) => {
  self.onmessage = null;
  const result = await runSpec(e.data);
  self.postMessage(result, [result.stdout.buffer, result.stderr.buffer]);
};
