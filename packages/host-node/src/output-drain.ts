import * as fs from "node:fs";
import { FAILED, FAILED_IO, FAILED_PIPE, HEAD, LOCK, RING, TAIL } from "./output-protocol.js";

const retry = new Int32Array(new SharedArrayBuffer(4));

/**
 * Write out everything in the ring to `fd` (shared by the guest thread and the drain thread).
 * Returns false without writing when the other thread holds the lock. A non-blocking descriptor's
 * EAGAIN is waited out; EPIPE or another error marks the ring failed and drops its content.
 */
export function drain(fd: number, ctl: Int32Array, data: Uint8Array): boolean {
  if (Atomics.compareExchange(ctl, LOCK, 0, 1) !== 0) return false;
  try {
    for (;;) {
      const head = Atomics.load(ctl, HEAD);
      const used = (Atomics.load(ctl, TAIL) - head) | 0;
      if (used === 0 || Atomics.load(ctl, FAILED) !== 0) return true;
      const start = head & (RING - 1);
      let n: number;
      try {
        n = fs.writeSync(fd, data, start, Math.min(used, RING - start));
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "EAGAIN") { Atomics.wait(retry, 0, 0, 1); continue; }
        Atomics.store(ctl, FAILED, code === "EPIPE" ? FAILED_PIPE : FAILED_IO);
        Atomics.store(ctl, HEAD, Atomics.load(ctl, TAIL));
        Atomics.notify(ctl, HEAD);
        return true;
      }
      Atomics.store(ctl, HEAD, (head + n) | 0);
      Atomics.notify(ctl, HEAD);
    }
  } finally {
    Atomics.store(ctl, LOCK, 0);
    Atomics.notify(ctl, LOCK);
  }
}
