// Runs one guest for run({ worker: true }): the caller can terminate this thread at any moment.
import { LimitError, instantiate } from "@anywasi/core";
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerGuest } from "./component.js";
import type { WorkerMessage } from "./run.js";
import { outgoingForRun, type NodeOutgoingHttpOptions } from "./outgoing-http.js";
import { traceMessage } from "./trace-message.js";
import { processOutput } from "./stdout.js";
import { createNodeWASI, type NodeWASIOptions } from "./wasi.js";

const data = workerData as {
  guest: WorkerGuest;
  options: NodeWASIOptions;
  stdin: "inherit" | string | Uint8Array;
  forward: { stdout: boolean; stderr: boolean };
  /** `outgoingHttp` of run() without a client: this thread makes the client (it ends with the thread). */
  outgoingHttp: Omit<NodeOutgoingHttpOptions, "client"> | undefined;
  /** run()'s `trace` is on the calling thread: post every event there. */
  trace: boolean;
};
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const forward = (type: "stdout" | "stderr") => (chunk: Uint8Array) => post({ type, chunk: chunk.slice() });

/** Start the guest over `wasi`; resolves to its exit code. "running" tells the caller to start its clock. */
async function start(guest: WorkerGuest, wasi: ReturnType<typeof createNodeWASI>["wasi"]): Promise<number> {
  if (guest.kind === "module") {
    // Posted before instantiation: a start function is guest code and counts against the limit.
    post({ type: "running" });
    return wasi.start(await instantiate(guest.module, wasi.getImportObject()));
  }
  // The component arrives transpiled and compiled (loadComponentForWorker): only the glue is
  // imported here, from its source.
  const layer = await import("@anywasi/core/component");
  const component = await layer.Component.fromTransferable(guest.component);
  const http = await outgoingForRun(data.outgoingHttp);
  post({ type: "running" });
  try {
    return await layer.startComponent(component, wasi, http.options);
  } finally {
    http.close();
  }
}

let env: ReturnType<typeof createNodeWASI> | undefined;
try {
  env = createNodeWASI({
    ...data.options,
    stdin: data.stdin,
    // Unbuffered: this thread may be terminated at any moment (a time limit), and a block buffer
    // would take the guest's last output with it.
    stdout: data.forward.stdout ? forward("stdout") : processOutput(1, false),
    stderr: data.forward.stderr ? forward("stderr") : processOutput(2, false),
    ...(data.trace ? { trace: (event) => post(traceMessage(event)) } : {}),
  });
  post({ type: "exit", code: await start(data.guest, env.wasi) });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({ type: "error", name: err.name, message: err.message, ...(err instanceof LimitError ? { kind: err.kind } : {}) });
} finally {
  env?.close();
}
