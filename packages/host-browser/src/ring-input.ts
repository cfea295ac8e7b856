import type { InputStream } from "@anywasi/core";
import { CLOSED, READ, SEQ, WRITTEN, ringViews } from "./ring-layout.js";

/**
 * stdin in SAB mode, in the guest's worker: reads block in `Atomics.wait` until the page writes
 * or closes (no CPU is spent waiting), and `worker.terminate()` interrupts them for `kill()`.
 */
export class RingInput implements InputStream {
  private readonly header: Int32Array;
  private readonly data: Uint8Array;

  constructor(buffer: SharedArrayBuffer) {
    ({ header: this.header, data: this.data } = ringViews(buffer));
  }

  private unread(): number {
    return (Atomics.load(this.header, WRITTEN) - Atomics.load(this.header, READ)) >>> 0;
  }

  private ready(): boolean {
    return this.unread() > 0 || Atomics.load(this.header, CLOSED) === 1;
  }

  read(into: Uint8Array): number {
    if (into.length === 0) return 0;
    for (;;) {
      const seq = Atomics.load(this.header, SEQ);
      if (this.ready()) break;
      Atomics.wait(this.header, SEQ, seq);
    }
    const n = Math.min(into.length, this.unread());
    if (n === 0) return 0; // closed and drained
    const cap = this.data.length;
    const r = Atomics.load(this.header, READ);
    const at = (r >>> 0) % cap;
    const first = Math.min(n, cap - at);
    into.set(this.data.subarray(at, at + first));
    if (first < n) into.set(this.data.subarray(0, n - first), first);
    Atomics.store(this.header, READ, (r + n) | 0);
    // Wakes a page waiting for room (Atomics.waitAsync on READ).
    Atomics.notify(this.header, READ);
    return n;
  }

  poll(timeoutNs: bigint | null): boolean {
    const seq = Atomics.load(this.header, SEQ);
    if (this.ready()) return true;
    if (timeoutNs === 0n) return false;
    Atomics.wait(this.header, SEQ, seq, timeoutNs === null ? Infinity : Number(timeoutNs) / 1e6);
    return this.ready();
  }
}
