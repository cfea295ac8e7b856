import type { OutputStream } from "@anywasi/core";

/** Most bytes held back before they are sent. */
const BLOCK = 65536;
/** Longest a byte is held back while the guest keeps writing, in ms. */
const MAX_DELAY_MS = 30;

/**
 * Batches a guest's writes into one message per block, so a guest printing a million short lines
 * does not post a million messages to the page. A worker running a synchronous guest cannot run
 * timers, so age is checked on each write: output is sent when 64 KiB are pending, when the
 * oldest pending byte is 30 ms old, and whenever the core flushes (before waiting for input or a
 * timer, and at exit). `send` receives a fresh buffer it may transfer.
 */
export class BatchOutput implements OutputStream {
  private buf = new Uint8Array(BLOCK);
  private len = 0;
  private since = 0;

  constructor(private readonly send: (chunk: Uint8Array) => void) {}

  write(bytes: Uint8Array): void {
    if (bytes.length >= BLOCK) {
      this.flush();
      this.send(bytes.slice());
      return;
    }
    if (this.len + bytes.length > BLOCK) this.flush();
    if (this.len === 0) this.since = performance.now();
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    if (performance.now() - this.since >= MAX_DELAY_MS) this.flush();
  }

  flush(): void {
    if (this.len === 0) return;
    const chunk = this.buf.slice(0, this.len);
    this.len = 0;
    this.send(chunk);
  }
}
