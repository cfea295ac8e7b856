import { WasiError, type OutputStream } from "@anywasi/core";

/** How a `BufferedOutput` batches: not at all, up to each newline (a terminal), or in full blocks (a pipe). */
export type BufferMode = "none" | "line" | "full";

/**
 * Batches small guest writes into blocks before they reach a costly sink (a syscall per write on
 * Node, a message per write across a worker). The core flushes every output before blocking and
 * at exit, so nothing is held back while the guest waits or after it ends.
 *
 * When the sink fails with a `WasiError` (a broken pipe: `PIPE`), the block is dropped and every
 * later write fails with the same error, as writes to a closed pipe keep failing natively. A
 * `flush()` (which the core calls before blocking and at exit, where no write is there to report
 * it) remembers the error instead of throwing it.
 */
export class BufferedOutput implements OutputStream {
  private readonly buf: Uint8Array;
  private len = 0;
  private failed: WasiError | null = null;
  readonly isTTY: boolean;

  /**
   * @param sink receives each block; the block is a view of a reused buffer, so copy it to keep it.
   * @param mode batching policy.
   * @param size block size in bytes (default 64 KiB); larger writes go straight through.
   */
  constructor(
    private readonly sink: (bytes: Uint8Array) => void,
    private readonly mode: BufferMode,
    size = 65536,
    isTTY = false,
  ) {
    this.buf = new Uint8Array(mode === "none" ? 0 : size);
    this.isTTY = isTTY;
  }

  write(bytes: Uint8Array): void {
    if (this.failed !== null) throw this.failed;
    if (this.mode === "none") { this.send(bytes); return; }
    if (this.len + bytes.length > this.buf.length || bytes.length >= this.buf.length) {
      this.drain();
      // A block-sized write goes straight through: copying it first would only cost time.
      if (bytes.length >= this.buf.length) { this.send(bytes); return; }
    }
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    if (this.mode === "line" && bytes.lastIndexOf(10) !== -1) this.drain();
  }

  /** Push out the buffered block. A sink's `WasiError` is kept for the next write, not thrown. */
  flush(): void {
    try {
      this.drain();
    } catch (e) {
      if (!(e instanceof WasiError)) throw e;
    }
  }

  private drain(): void {
    if (this.len === 0) return;
    const n = this.len;
    this.len = 0;
    this.send(this.buf.subarray(0, n));
  }

  private send(bytes: Uint8Array): void {
    try {
      this.sink(bytes);
    } catch (e) {
      if (e instanceof WasiError) this.failed = e;
      throw e;
    }
  }
}
