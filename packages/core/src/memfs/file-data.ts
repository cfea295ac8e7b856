import { WasiError } from "../errors.js";

/**
 * Largest size of an in-memory file in bytes: 4 GiB, the largest `Uint8Array` every engine we
 * target can allocate. Writing or truncating past it throws `FBIG`.
 */
export const MAX_FILE_SIZE = 2 ** 32;
export const MAX_FILE_SIZE_BIG = BigInt(MAX_FILE_SIZE);
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
 * Granularity of the record of written bytes (see `FileData`): 1 MiB, so 4096 flags for the
 * largest file, and zeroing a chunk that one write dirtied costs at most 1 MiB.
 */
const CHUNK = 1 << 20;

/**
 * The bytes of a regular file: a buffer with spare capacity that doubles on growth (so appends are
 * amortised O(1)) and a separate length; large files grow in place (see `IN_PLACE_FROM`).
 *
 * Invariant: every byte of the buffer at or beyond `size` is zero. Holes left by writes beyond the
 * end and extensions by `resize` are then zero-filled for free. Shrinking (and moving to a new
 * buffer) touches only what writes touched: bytes below `#dirty` in the first 1 MiB and in chunks
 * flagged in `#written`. A guest that grows a file to 4 GiB and shrinks it again costs nothing;
 * each byte it writes is zeroed or copied at most once per chunk of 1 MiB.
 */
export class FileData {
  #bytes: Uint8Array<ArrayBuffer> = EMPTY;
  #length = 0;
  /** Every byte at or beyond this index is zero, whatever `size` says: only writes raise it. */
  #dirty = 0;
  /**
   * One flag per 1 MiB chunk: set when a write touched the chunk since it was last zeroed (chunk 0
   * always counts as touched). Created by the first write past the first chunk.
   */
  #written: Uint8Array | null = null;

  /** Current size in bytes. */
  get size(): number {
    return this.#length;
  }

  /**
   * Copy up to `length` bytes at `start` (>= 0, exact) into `into` at `at`; returns the count (0 at
   * or past EOF).
   */
  read(into: Uint8Array, at: number, length: number, start: number): number {
    if (start >= this.#length) return 0;
    const n = Math.min(length, this.#length - start);
    into.set(this.#bytes.subarray(start, start + n), at);
    return n;
  }

  /**
   * Copy `src[from, from + n)` (`src` may be guest memory) to `start` (>= 0, exact), growing the
   * file. Returns `n`. Throws `FBIG` past `MAX_FILE_SIZE`, `NOSPC` if memory runs out.
   */
  write(src: Uint8Array, from: number, n: number, start: number): number {
    if (n === 0) return 0;
    const end = start + n;
    if (end > MAX_FILE_SIZE) throw new WasiError("FBIG");
    this.#reserve(end);
    this.#bytes.set(src.subarray(from, from + n), start);
    if (end > this.#length) this.#length = end;
    if (end > this.#dirty) this.#dirty = end;
    if (end > CHUNK) {
      const marks = (this.#written ??= new Uint8Array(MAX_FILE_SIZE / CHUNK));
      for (let c = Math.floor(start / CHUNK), last = Math.floor((end - 1) / CHUNK); c <= last; c++) marks[c] = 1;
    }
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
      // Never shrink a resizable buffer in place: engines zero what they drop page by page, which
      // takes about a minute for 4 GiB.
      if (n === 0) {
        this.#bytes = EMPTY;
        this.#written = null;
      } else if (n < this.#bytes.length / 4) { // not `>>> 2`: a 4 GiB length is 0 as a uint32
        // Give most of the memory back rather than keep a mostly-zero buffer alive.
        const next = this.#allocate(n);
        this.#copyTo(next, n);
        this.#bytes = next;
      } else {
        // Zero every byte at or beyond the new end that a write may have touched.
        this.#touched(n, (a, b) => this.#bytes.fill(0, a, b));
      }
      // Chunks wholly beyond the new end are all zero now.
      this.#written?.fill(0, Math.ceil(n / CHUNK));
      if (this.#dirty > n) this.#dirty = n;
    }
    this.#length = n;
  }

  /** A copy of the content. */
  snapshot(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  /** The chunks below `#dirty` that may hold non-zero bytes, as `[start, end)` pairs, from `from` on. */
  #touched(from: number, visit: (start: number, end: number) => void): void {
    const to = Math.min(this.#dirty, this.#bytes.length);
    for (let c = Math.floor(from / CHUNK); c * CHUNK < to; c++) {
      if (c > 0 && this.#written?.[c] !== 1) continue;
      visit(Math.max(from, c * CHUNK), Math.min(to, (c + 1) * CHUNK));
    }
  }

  /** Copy what writes touched below `upto` into the zeroed buffer `next`. */
  #copyTo(next: Uint8Array, upto: number): void {
    this.#touched(0, (a, b) => {
      if (a < upto) next.set(this.#bytes.subarray(a, Math.min(b, upto)), a);
    });
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
    let next: Uint8Array<ArrayBuffer> | null = null;
    if (CAN_RESIZE && grown >= IN_PLACE_FROM) {
      try {
        // Length-tracking view: it follows every later resize of the buffer.
        next = new Uint8Array(new ArrayBuffer(grown, { maxByteLength: MAX_FILE_SIZE }));
      } catch {
        next = null;
      }
    }
    next ??= this.#allocate(grown);
    this.#copyTo(next, this.#length);
    this.#bytes = next;
  }

  /** A zeroed plain buffer of `capacity` bytes; `NOSPC` when the engine cannot allocate it. */
  #allocate(capacity: number): Uint8Array<ArrayBuffer> {
    try {
      return new Uint8Array(capacity);
    } catch (e) {
      // The engine could not allocate: report it to the guest as a full disk, not a host bug.
      if (e instanceof RangeError) throw new WasiError("NOSPC");
      throw e;
    }
  }
}
