import { WasiError, type InputStream } from "@anywasi/core";

/** Bytes the page may have queued ahead of the guest before `push` stops resolving at once. */
const HIGH_WATER = 65536;

/**
 * stdin in JSPI mode, in the guest's worker: chunks posted by the page queue up here. The guest
 * never blocks the worker: the core's suspending `fd_read`/`poll_oneoff` await `waitAsync()`
 * first, so `read` is only called when a chunk (or the end) is there.
 */
export class QueueInput implements InputStream {
  private readonly chunks: Uint8Array[] = [];
  private offset = 0;
  private queued = 0;
  private closed = false;
  private readers: (() => void)[] = [];
  private writers: (() => void)[] = [];

  /** Queue `chunk` (kept, not copied); resolves once less than 64 KiB is waiting. */
  push(chunk: Uint8Array): Promise<void> {
    if (this.closed || chunk.length === 0) return Promise.resolve();
    this.chunks.push(chunk);
    this.queued += chunk.length;
    this.wakeReaders();
    if (this.queued < HIGH_WATER) return Promise.resolve();
    return new Promise((resolve) => this.writers.push(resolve));
  }

  /** End of file once the queued bytes are read. */
  close(): void {
    this.closed = true;
    this.wakeReaders();
  }

  read(into: Uint8Array): number {
    const chunk = this.chunks[0];
    if (chunk === undefined) {
      if (this.closed) return 0;
      // Only reachable by a read that did not go through the suspending import (it cannot block).
      throw new WasiError("AGAIN", "stdin has no data yet and this thread cannot block");
    }
    const n = Math.min(into.length, chunk.length - this.offset);
    into.set(chunk.subarray(this.offset, this.offset + n));
    this.offset += n;
    this.queued -= n;
    if (this.offset === chunk.length) {
      this.chunks.shift();
      this.offset = 0;
    }
    if (this.queued < HIGH_WATER) {
      const writers = this.writers;
      this.writers = [];
      for (const w of writers) w();
    }
    return n;
  }

  /** Never blocks (this thread must stay free under JSPI): reports the current state. */
  poll(): boolean {
    return this.chunks.length > 0 || this.closed;
  }

  waitAsync(): Promise<void> {
    if (this.poll()) return Promise.resolve();
    return new Promise((resolve) => this.readers.push(resolve));
  }

  private wakeReaders(): void {
    const readers = this.readers;
    this.readers = [];
    for (const r of readers) r();
  }
}
