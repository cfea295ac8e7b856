import { ModuleError, WasiError } from "./errors.js";

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/**
 * Bounds-checked access to the guest's linear memory. Views are cached and rebuilt only when the
 * memory has grown (a non-shared buffer detaches on `memory.grow`; a shared one keeps its old,
 * shorter length), so a hot syscall allocates nothing. Every out-of-bounds access throws
 * `WasiError("FAULT")`; none ever reaches the host as a `RangeError`.
 */
export class GuestMemory {
  #memory: WebAssembly.Memory | null = null;
  /** Byte view of the whole memory. Rebuilt by `refresh()`. */
  u8: Uint8Array = new Uint8Array(0);
  /** DataView of the whole memory (little-endian accessors). Rebuilt by `refresh()`. */
  dv: DataView = new DataView(new ArrayBuffer(0));
  /** True when the memory is backed by a SharedArrayBuffer. */
  shared = false;
  // The last view `view()` made, of `#viewLen` bytes at `#viewAt` of `u8` (-1: none, as after
  // `refresh()` rebuilt `u8`).
  #viewAt = -1;
  #viewLen = -1;
  #view!: Uint8Array;

  /**
   * Attach the instance's exported memory (`refresh(memory)`), or rebuild the views if the
   * underlying buffer changed (after `memory.grow`). One method, not an `attach` calling this:
   * `start()` runs it once, and each function first run there costs a lazy compile.
   */
  refresh(memory = this.#memory): void {
    // Not an errno: a call this early is the module's start function run by an instantiation the
    // core could not rewrite (a precompiled module), and an EFAULT there would lose output silently.
    if (memory === null) {
      throw new ModuleError("a start function called WASI before the memory was known: give loadModule() the module's bytes, not a WebAssembly.Module");
    }
    this.#memory = memory;
    const buffer = memory.buffer;
    if (this.u8.buffer !== buffer || this.u8.length !== buffer.byteLength) {
      this.u8 = new Uint8Array(buffer);
      this.dv = new DataView(buffer);
      this.#viewAt = -1;
      this.shared = !(buffer instanceof ArrayBuffer);
    }
  }

  /**
   * Check that `[ptr, ptr+len)` lies inside memory; throws `FAULT` otherwise. `length`, not
   * `byteLength` (the same for bytes): V8 11 (Node 20) inlines a typed array's `length` but calls
   * a builtin for its `byteLength`, ~6 ns on every check (bench/analysis.md, row 6).
   */
  check(ptr: number, len: number): void {
    const end = ptr + len;
    if (end > this.u8.length) {
      this.refresh();
      if (end > this.u8.length) throw new WasiError("FAULT");
    }
  }

  setU32(ptr: number, v: number): void { this.check(ptr, 4); this.dv.setUint32(ptr, v, true); }
  setU64(ptr: number, v: bigint): void { this.check(ptr, 8); this.dv.setBigUint64(ptr, v, true); }

  /**
   * A view (not a copy) of `[ptr, ptr+len)`, valid until the memory grows. The same range asked
   * for again (a guest writing block after block from one buffer, filling one buffer with random
   * bytes) gets the same view object, not a new one: a `subarray` costs more than the rest of a
   * small write or `random_get`, most of all in the unoptimised code a cold guest runs. Only over
   * the same memory buffer (`refresh()` forgets the view when it rebuilds `u8`). Callers hand views
   * to hosts only for the length of one call (`OutputStream.write`, `Random.fill`).
   *
   * Unchecked: the caller has `check()`ed the range first (which also brings `u8` up to date).
   * `fd_write` checks every buffer before writing any, and a second check here was one call more
   * per write in the code a short guest runs cold (bench/analysis.md, row 3).
   */
  view(ptr: number, len: number): Uint8Array {
    if (ptr !== this.#viewAt || len !== this.#viewLen) {
      this.#view = this.u8.subarray(ptr, ptr + len);
      this.#viewAt = ptr;
      this.#viewLen = len;
    }
    return this.#view;
  }

  /** A copy of `[ptr, ptr+len)`; a fresh non-shared buffer, safe for web APIs that refuse shared views. */
  copy(ptr: number, len: number): Uint8Array {
    this.check(ptr, len);
    return this.u8.slice(ptr, ptr + len);
  }

  /** Decode `[ptr, ptr+len)` as UTF-8. Invalid UTF-8 throws `ILSEQ`. */
  string(ptr: number, len: number): string {
    this.check(ptr, len);
    const bytes = this.shared ? this.u8.slice(ptr, ptr + len) : this.u8.subarray(ptr, ptr + len);
    try {
      return decoder.decode(bytes);
    } catch {
      throw new WasiError("ILSEQ");
    }
  }

  /** Copy `bytes` to `ptr`. */
  write(ptr: number, bytes: Uint8Array): void {
    this.check(ptr, bytes.length);
    this.u8.set(bytes, ptr);
  }

}

/** UTF-8 encode, shared by everything that measures or copies strings into the guest. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
