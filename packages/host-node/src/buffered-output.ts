import type { OutputStream } from "@anywasi/core";

/** How a `BufferedOutput` batches: not at all, up to each newline (a terminal), or in full blocks (a pipe). */
export type BufferMode = "none" | "line" | "full";

/**
 * Batches small guest writes into blocks before they reach a costly sink (a syscall per write on
 * Node, a message per write across a worker). The core flushes every output before blocking and
 * at exit, so nothing is held back while the guest waits or after it ends.
 */
export class BufferedOutput implements OutputStream {
  private readonly buf: Uint8Array;
  private len = 0;
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
    if (this.mode === "none") { this.sink(bytes); return; }
    if (this.len + bytes.length > this.buf.length || bytes.length >= this.buf.length) {
      this.flush();
      // A block-sized write goes straight through: copying it first would only cost time.
      if (bytes.length >= this.buf.length) { this.sink(bytes); return; }
    }
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    if (this.mode === "line" && bytes.lastIndexOf(10) !== -1) this.flush();
  }

  flush(): void {
    if (this.len === 0) return;
    const n = this.len;
    this.len = 0;
    this.sink(this.buf.subarray(0, n));
  }
}
