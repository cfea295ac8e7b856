/**
 * The stdin ring buffer of SAB mode: one SharedArrayBuffer, written by the page, read by the
 * guest's worker (single producer, single consumer).
 *
 * Layout: four Int32 slots, then `capacity` data bytes (a power of two, so positions can wrap at
 * 2^32 and still index the ring with `% capacity`).
 * - `WRITTEN`, `READ`: total bytes written and read, modulo 2^32 (unread = `(WRITTEN - READ) >>> 0`).
 * - `CLOSED`: 1 once the page closed stdin (end of file after the unread bytes).
 * - `SEQ`: bumped after every write and the close. The reader waits on it rather than on
 *   `WRITTEN`, so a close between its check and its wait still wakes it.
 */
export const WRITTEN = 0;
export const READ = 1;
export const CLOSED = 2;
export const SEQ = 3;
export const HEADER_BYTES = 16;
/** Default ring size: 64 KiB, also the most a page can have queued ahead of the guest. */
export const RING_CAPACITY = 65536;

/** A new ring of `capacity` bytes (a power of two). */
export function createRing(capacity = RING_CAPACITY): SharedArrayBuffer {
  if (capacity <= 0 || (capacity & (capacity - 1)) !== 0) throw new RangeError("ring capacity must be a power of two");
  return new SharedArrayBuffer(HEADER_BYTES + capacity);
}

/** The header and data views of a ring. */
export function ringViews(buffer: SharedArrayBuffer): { header: Int32Array; data: Uint8Array } {
  return { header: new Int32Array(buffer, 0, 4), data: new Uint8Array(buffer, HEADER_BYTES) };
}
