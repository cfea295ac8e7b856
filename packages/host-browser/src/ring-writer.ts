import { CLOSED, READ, SEQ, WRITTEN, ringViews } from "./ring-layout.js";

/** `Atomics.waitAsync` (ES2024; TypeScript's ES2022 library lacks it). */
type WaitAsync = (a: Int32Array, index: number, value: number, timeoutMs?: number) =>
  { async: false; value: string } | { async: true; value: Promise<string> };

/** How long the page waits for space before re-checking whether the reader is gone, in ms. */
const SPACE_RECHECK_MS = 100;

/**
 * The page's end of the SAB stdin ring. The page may not block, so a full ring is waited for with
 * `Atomics.waitAsync` (or a timer where the engine lacks it) on the reader's position.
 */
export class RingWriter {
  private readonly header: Int32Array;
  private readonly data: Uint8Array;
  private dead = false;

  constructor(buffer: SharedArrayBuffer) {
    ({ header: this.header, data: this.data } = ringViews(buffer));
  }

  /**
   * Copy all of `bytes` into the ring, waiting for the guest to make room as needed. Resolves
   * once every byte is in the ring; returns early (dropping the rest) after `detach()`.
   */
  async write(bytes: Uint8Array): Promise<void> {
    const cap = this.data.length;
    let off = 0;
    while (off < bytes.length && !this.dead) {
      const w = Atomics.load(this.header, WRITTEN);
      const r = Atomics.load(this.header, READ);
      const space = cap - ((w - r) >>> 0);
      if (space === 0) {
        await this.waitForRead(r);
        continue;
      }
      const n = Math.min(space, bytes.length - off);
      const at = (w >>> 0) % cap;
      const first = Math.min(n, cap - at);
      this.data.set(bytes.subarray(off, off + first), at);
      if (first < n) this.data.set(bytes.subarray(off + first, off + n), 0);
      off += n;
      Atomics.store(this.header, WRITTEN, (w + n) | 0);
      this.bump();
    }
  }

  /** End of file for the guest once it has read what is in the ring. */
  close(): void {
    Atomics.store(this.header, CLOSED, 1);
    this.bump();
  }

  /** The reader is gone (the guest ended or was killed): stop waiting for room. */
  detach(): void {
    this.dead = true;
  }

  private bump(): void {
    Atomics.add(this.header, SEQ, 1);
    Atomics.notify(this.header, SEQ);
  }

  private async waitForRead(seen: number): Promise<void> {
    const { waitAsync } = Atomics as unknown as { waitAsync?: WaitAsync };
    if (typeof waitAsync === "function") {
      const res = waitAsync(this.header, READ, seen, SPACE_RECHECK_MS);
      if (res.async) await res.value;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
