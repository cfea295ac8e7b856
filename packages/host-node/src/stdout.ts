import { WasiError, type OutputStream } from "@anywasi/core";
import { BufferedOutput } from "./buffered-output.js";
import { sharedOutput } from "./shared-output.js";
import { isTerminal } from "./lazy-builtins.js";
import * as fs from "node:fs";

const retry = new Int32Array(new SharedArrayBuffer(4));

/*
 * `writeAll`'s one-buffer list for `fs.writevSync`, reused by every call (no allocation per write).
 * `writevSync`, not `writeSync`: Node compiles a builtin's JavaScript the first time it runs, and
 * the first `writeSync` (its argument checks and error helpers) costs ~0.75 M instructions against
 * ~0.41 M for the first `writevSync`, in every process that writes (bench/analysis.md, row 1).
 * Once warm, the two cost the same per call (one `writev(2)` of one buffer against one `write(2)`).
 */
const NOTHING = new Uint8Array(0);
const one: Uint8Array[] = [NOTHING];

/**
 * Write all of `bytes` to a host descriptor, waiting out `EAGAIN` on a non-blocking pipe instead
 * of losing output.
 * @throws WasiError `PIPE` when the reader has gone away (`EPIPE`): the guest's write fails as it
 * would natively with SIGPIPE ignored (wasmtime's behaviour), so a writer into `| head` stops.
 * Other `node:fs` errors are rethrown untouched.
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  try {
    while (off < bytes.length) {
      try {
        one[0] = off === 0 ? bytes : bytes.subarray(off);
        off += fs.writevSync(fd, one);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "EAGAIN") { Atomics.wait(retry, 0, 0, 1); continue; }
        if (code === "EPIPE") throw new WasiError("PIPE", "the reader of this output has gone away");
        throw e;
      }
    }
  } finally {
    // The array must not keep the guest's memory (or a caller's buffer) alive after the write.
    one[0] = NOTHING;
  }
}

/**
 * A host descriptor (1 or 2) as a guest output stream: unbuffered, or when `buffered` batched
 * through a ring that a second thread writes out within milliseconds while the guest computes
 * (so a signal that kills the process does not take buffered output with it; see
 * shared-output.ts), written out at each newline on a terminal. A write after the reader went
 * away fails with `PIPE` (see `writeAll`).
 */
export function processOutput(fd: number, buffered: boolean): OutputStream {
  if (!buffered) return new DirectOutput(fd);
  const isTTY = isTerminal(fd);
  const shared = sharedOutput(fd, isTTY);
  if (shared !== null) return shared;
  return new BufferedOutput((b) => writeAll(fd, b), isTTY ? "line" : "full", 65536, isTTY);
}

/**
 * Unbuffered output: each write goes out at once. As `BufferedOutput` unbuffered, but with one
 * function of its own (it is on every start-up path, as stderr: each function a process runs
 * first costs a compile). A `PIPE` failure is kept and thrown again at every later write.
 */
class DirectOutput implements OutputStream {
  #failed: WasiError | null = null;
  /** A terminal: the guest's `fd_fdstat_get` reports a character device, as for stdout. */
  readonly isTTY: boolean;

  constructor(readonly fd: number) {
    this.isTTY = isTerminal(fd);
  }

  write(bytes: Uint8Array): void {
    if (this.#failed !== null) throw this.#failed;
    try {
      writeAll(this.fd, bytes);
    } catch (e) {
      if (e instanceof WasiError) this.#failed = e;
      throw e;
    }
  }
}
