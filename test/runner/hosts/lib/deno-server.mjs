// The long-lived `deno run` process of host `deno`: runs each test it is sent in a fresh Web
// Worker (deno-worker.mjs) with that test's permissions (Deno's `deno.permissions` Worker option,
// behind --unstable-worker-options; a Worker gets at most this process's own), so that a test
// pays for a Worker, not for a process: Deno's start-up and module loading happen once.
//
// Protocol, one JSON object per line. In (stdin): { id, spec, permissions, timeoutMs }. Out
// (stdout): { id, exitCode } or { id, error } with stdout/stderr in base64, or { id, timedOut }
// once the Worker ran past timeoutMs (it is then terminate()d: V8 interrupts running wasm and
// Atomics.wait). Nothing else is written to stdout.
//
// This thread holds jco-transpile's compiled generator (warm-code.mjs): V8 shares compiled wasm
// code between the isolates of a process, so component tests do not each compile it again.
import { Buffer } from "node:buffer";
import { holdGeneratorCode } from "./warm-code.mjs";

const WORKER = new URL("./deno-worker.mjs", import.meta.url);
const encoder = new TextEncoder();
const b64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

// Writes are queued so that lines never interleave.
let writing = Promise.resolve();
function answer(message) {
  const line = encoder.encode(JSON.stringify(message) + "\n");
  writing = writing.then(async () => {
    let at = 0;
    while (at < line.length) at += await Deno.stdout.write(line.subarray(at));
  });
}

function runOne({ id, spec, permissions, timeoutMs }) {
  let done = false;
  let worker;
  const finish = (result) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    worker?.terminate();
    answer({ id, ...result });
  };
  const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
  try {
    worker = new Worker(WORKER, { type: "module", deno: { permissions } });
  } catch (e) {
    finish({ error: `cannot start a Worker: ${e?.stack ?? e}` });
    return;
  }
  worker.onmessage = ({ data }) => finish({ ...data, stdout: b64(data.stdout), stderr: b64(data.stderr) });
  worker.onerror = (e) => {
    e.preventDefault();
    finish({ error: `worker error: ${e.message}` });
  };
  worker.onmessageerror = () => finish({ error: "worker sent a message that could not be read" });
  worker.postMessage(spec);
}

await holdGeneratorCode();
let buffered = "";
const decoder = new TextDecoder();
for await (const chunk of Deno.stdin.readable) {
  buffered += decoder.decode(chunk, { stream: true });
  let nl;
  while ((nl = buffered.indexOf("\n")) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    if (line.trim() !== "") runOne(JSON.parse(line));
  }
}
// stdin closed: the host is done (it closes stdin once no test is in flight).
await writing;
Deno.exit(0);
