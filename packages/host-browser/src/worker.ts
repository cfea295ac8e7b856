/**
 * The guest's dedicated worker: exposes `GuestControl` to the page through comlink and runs one
 * guest. Loaded by `spawn()` with `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })`.
 */
import * as Comlink from "comlink";
import { runGuest } from "./guest.js";
import type { GuestControl, Outcome, OutputMessage, StartRequest } from "./protocol.js";
import { QueueInput } from "./queue-input.js";

const queue = new QueueInput();
let started = false;

/** Buffers of a tree's files, to transfer them rather than copy. */
function treeBuffers(outcome: Outcome): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const entry of Object.values(outcome.files ?? {})) {
    if (entry instanceof Uint8Array && entry.buffer instanceof ArrayBuffer) buffers.push(entry.buffer);
  }
  return buffers;
}

const control: GuestControl = {
  async start(request: StartRequest, output: MessagePort): Promise<Outcome> {
    if (started) throw new Error("this worker already ran a guest");
    started = true;
    let chunks = 0;
    const send = (fd: 1 | 2, chunk: Uint8Array): void => {
      const message: OutputMessage = [fd, chunk];
      output.postMessage(message, [chunk.buffer as ArrayBuffer]);
      chunks++;
    };
    const trace = (line: string): void => {
      const message: OutputMessage = ["trace", line];
      output.postMessage(message);
      chunks++;
    };
    const running = (): void => {
      const message: OutputMessage = ["running"];
      output.postMessage(message);
      chunks++;
    };
    const end = await runGuest(request, queue, send, trace, running);
    const outcome: Outcome = { ...end, chunks };
    output.close();
    return Comlink.transfer(outcome, treeBuffers(outcome));
  },
  stdin(chunk: Uint8Array): Promise<void> {
    return queue.push(chunk);
  },
  closeStdin(): void {
    queue.close();
  },
};

Comlink.expose(control);
