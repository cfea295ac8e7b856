// Runs one guest for run({ worker: true }): the caller can terminate this thread at any moment.
import { instantiate } from "@anywasi/core";
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerMessage } from "./run.js";
import { processOutput } from "./stdout.js";
import { createNodeWASI, type NodeWASIOptions } from "./wasi.js";

const data = workerData as {
  module: WebAssembly.Module;
  options: NodeWASIOptions;
  stdin: "inherit" | string | Uint8Array;
  forward: { stdout: boolean; stderr: boolean };
};
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const forward = (type: "stdout" | "stderr") => (chunk: Uint8Array) => post({ type, chunk: chunk.slice() });

const { wasi, close } = createNodeWASI({
  ...data.options,
  stdin: data.stdin,
  // Unbuffered: this thread may be terminated at any moment (a time limit), and a block buffer
  // would take the guest's last output with it.
  stdout: data.forward.stdout ? forward("stdout") : processOutput(1, false),
  stderr: data.forward.stderr ? forward("stderr") : processOutput(2, false),
});
try {
  const instance = await instantiate(data.module, wasi.getImportObject());
  post({ type: "exit", code: wasi.start(instance) });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({ type: "error", name: err.name, message: err.message });
} finally {
  close();
}
