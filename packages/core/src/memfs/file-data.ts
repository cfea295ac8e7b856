import { WasiError } from "../errors.js";

/**
 * Largest size of an in-memory file in bytes: 4 GiB, the largest `Uint8Array` every engine we
 * target can allocate. Writing or truncating past it throws `FBIG`.
 */
export const MAX_FILE_SIZE = 2 ** 32;
const MAX_FILE_SIZE_BIG = BigInt(MAX_FILE_SIZE);
const MIN_CAPACITY = 64;
const EMPTY = new Uint8Array(0);
/**
 * Past this size a file moves to a resizable ArrayBuffer (where the engine has them), which grows
 * in place: no copy of the whole file on each doubling, and pages never written cost no memory.
 * Smaller files stay in plain buffers, since each resizable buffer reserves address space.
 */
const IN_PLACE_FROM = 1 << 20;
const CAN_RESIZE = typeof ArrayBuffer.prototype.resize === "function";

/**
 * The bytes of a regular file: a buffer with spare capacity that doubles on growth (so appends are
 * amortised O(1)) and a separate length; large files grow in place (see `IN_PLACE_FROM`).
 *
 * Invariant: every byte of the buffer at or beyond `size` is zero. Holes left by writes beyond the
 * end and extensions by `resize` are then zero-filled for free, and shrinking pays for it once.
 */
export class FileData {
  #bytes: Uint8Array<ArrayBuffer> = EMPTY;
  #length = 0;

  /** Current size in bytes. */
  get size(): number {
    return this.#length;
  }

  /** Copy up to `into.length` bytes at `offset` into `into`; returns the count (0 at or past EOF). */
  read(into: Uint8Array, offset: bigint): number {
    if (offset < 0n) throw new WasiError("INVAL");
    // Compare as numbers (exact below the limit) so a read allocates no bigint.
    if (offset >= MAX_FILE_SIZE_BIG) return 0;
    const start = Number(offset);
    if (start >= this.#length) return 0;
    const n = Math.min(into.length, this.#length - start);
    if (n > 0) into.set(this.#bytes.subarray(start, start + n));
    return n;
  }

  /**
   * Copy all of `src` (which may be a view of guest memory) to `offset`, growing the file.
   * Returns `src.length`. Throws `FBIG` past `MAX_FILE_SIZE`, `NOSPC` if memory runs out.
   */
  write(src: Uint8Array, offset: bigint): number {
    if (offset < 0n) throw new WasiError("INVAL");
    const n = src.length;
    if (n === 0) return 0;
    if (offset > MAX_FILE_SIZE_BIG) throw new WasiError("FBIG");
    const start = Number(offset);
    const end = start + n;
    if (end > MAX_FILE_SIZE) throw new WasiError("FBIG");
    this.#reserve(end);
    this.#bytes.set(src, start);
    if (end > this.#length) this.#length = end;
    return n;
  }

  /** Truncate or zero-extend to `size` bytes. Throws `INVAL` when negative, `FBIG` when too large. */
  resize(size: bigint): void {
    if (size < 0n) throw new WasiError("INVAL");
    if (size > MAX_FILE_SIZE_BIG) throw new WasiError("FBIG");
    const n = Number(size);
    if (n > this.#length) {
      this.#reserve(n);
    } else if (n < this.#length) {
      if (n === 0) {
        this.#bytes = EMPTY;
      } else if (this.#bytes.buffer.resizable === true) {
        this.#bytes.fill(0, n, this.#length);
        if (n < this.#bytes.length >>> 2) this.#bytes.buffer.resize!(Math.max(n, IN_PLACE_FROM));
      } else if (n < this.#bytes.length >>> 2) {
        // Give most of the memory back rather than keep a mostly-zero buffer alive.
        this.#bytes = this.#allocate(n, this.#bytes.subarray(0, n));
      } else {
        this.#bytes.fill(0, n, this.#length);
      }
    }
    this.#length = n;
  }

  /** A copy of the content. */
  snapshot(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  #reserve(needed: number): void {
    const capacity = this.#bytes.length;
    if (needed <= capacity) return;
    const grown = Math.min(MAX_FILE_SIZE, Math.max(needed, capacity * 2, MIN_CAPACITY));
    const buffer = this.#bytes.buffer;
    if (buffer.resizable === true) {
      // A resize zero-fills the new bytes, which keeps the invariant.
      try {
        buffer.resize!(grown);
      } catch {
        throw new WasiError("NOSPC");
      }
      return;
    }
    if (CAN_RESIZE && grown >= IN_PLACE_FROM) {
      let resizable: Uint8Array<ArrayBuffer>;
      try {
        // Length-tracking view: it follows every later resize of the buffer.
        resizable = new Uint8Array(new ArrayBuffer(grown, { maxByteLength: MAX_FILE_SIZE }));
      } catch {
        this.#bytes = this.#allocate(grown, this.#bytes.subarray(0, this.#length));
        return;
      }
      resizable.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = resizable;
      return;
    }
    this.#bytes = this.#allocate(grown, this.#bytes.subarray(0, this.#length));
  }

  #allocate(capacity: number, keep: Uint8Array): Uint8Array<ArrayBuffer> {
    let next: Uint8Array<ArrayBuffer>;
    try {
      next = new Uint8Array(capacity);
    } catch (e) {
      // The engine could not allocate: report it to the guest as a full disk, not a host bug.
      if (e instanceof RangeError) throw new WasiError("NOSPC");
      throw e;
    }
    next.set(keep);
    return next;
  }
}
