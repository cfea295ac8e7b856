import { WasiError, type InputStream } from "@anywasi/core";
import type { Worker } from "node:worker_threads";
import { isTerminal, startWorker } from "./lazy-builtins.js";
import { CHUNK, EMPTY, EOF, ERROR, LEN, REQUEST, STATUS } from "./stdin-protocol.js";

/**
 * The process's stdin as a blocking, pollable stream. A reader thread is started the first time the
 * guest reads or polls stdin (a guest that never does leaves stdin untouched for the embedder); it
 * hands over one chunk (at most 64 KiB) per request, and reads pipes and terminals without blocking
 * in read(2), so that neither it nor an idle stdin ever keeps the process alive after the guest
 * ends. A pipe or terminal on descriptors 0-2 is switched to non-blocking mode (as `process.stdin`
 * does), and libuv may read up to one buffer ahead of the guest there.
 */
export class ProcessStdin implements InputStream {
  readonly isTTY: boolean;
  private ctl: Int32Array | null = null;
  private data: Uint8Array | null = null;
  private worker: Worker | null = null;
  private offset = 0;

  /** @param fd the host descriptor to read (default 0). */
  constructor(private readonly fd = 0) {
    this.isTTY = isTerminal(fd);
  }

  private start(): Int32Array {
    if (this.ctl !== null) return this.ctl;
    const state = new SharedArrayBuffer(16);
    const data = new SharedArrayBuffer(CHUNK);
    this.ctl = new Int32Array(state);
    this.data = new Uint8Array(data);
    this.worker = startWorker(new URL("./stdin-worker.js", import.meta.url), {
      workerData: { state, data, fd: this.fd },
      // An embedder started with `--input-type=module -e` would pass that flag on, and the
      // thread would refuse its own file.
      execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")),
    });
    this.worker.unref();
    // Read errors arrive through STATUS. A thread that could not even start cannot say so (this
    // thread is blocked in the guest meanwhile); its 'error' event, delivered after the guest
    // ended, must not crash the embedder.
    this.worker.on("error", () => {});
    this.request();
    return this.ctl;
  }

  private request(): void {
    const ctl = this.ctl!;
    Atomics.store(ctl, STATUS, EMPTY);
    Atomics.store(ctl, REQUEST, 1);
    Atomics.notify(ctl, REQUEST);
  }

  read(into: Uint8Array): number {
    const ctl = this.start();
    while (Atomics.load(ctl, STATUS) === EMPTY) Atomics.wait(ctl, STATUS, EMPTY);
    const status = Atomics.load(ctl, STATUS);
    if (status === ERROR) throw new WasiError("IO", "reading stdin failed");
    if (status === EOF) return 0;
    const len = Atomics.load(ctl, LEN);
    const n = Math.min(into.length, len - this.offset);
    into.set(this.data!.subarray(this.offset, this.offset + n));
    this.offset += n;
    if (this.offset >= len) {
      this.offset = 0;
      this.request();
    }
    return n;
  }

  poll(timeoutNs: bigint | null): boolean {
    const ctl = this.start();
    if (Atomics.load(ctl, STATUS) !== EMPTY) return true;
    if (timeoutNs === 0n) return false;
    Atomics.wait(ctl, STATUS, EMPTY, timeoutNs === null ? undefined : Number(timeoutNs) / 1e6);
    return Atomics.load(ctl, STATUS) !== EMPTY;
  }

  /** Stop the reader thread (asynchronously; it never delays the process's exit). */
  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}

