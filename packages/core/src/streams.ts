import { has } from "./check-options.js";
import type { InputStream, OutputStream } from "./host.js";
import { utf8 } from "./memory.js";

/** What `stdin` may be given as: a stream, all of its bytes, an iterator of chunks, or a pull function. */
export type InputSource =
  | InputStream
  | Uint8Array
  | string
  | Iterable<Uint8Array | string>
  | (() => Uint8Array | string | null | undefined);

/** What `stdout`/`stderr` may be given as: a stream or a function receiving each chunk (a view: copy to keep). */
export type OutputSink = OutputStream | ((chunk: Uint8Array) => void);

/**
 * An input stream over a sequence of chunks pulled on demand. End of stream when the source
 * returns null/undefined (or the iterator ends). Chunks are never read ahead of the guest.
 */
class PullInput implements InputStream {
  #chunk: Uint8Array = new Uint8Array(0);
  #offset = 0;
  #done = false;
  readonly #next: () => Uint8Array | string | null | undefined;
  constructor(next: () => Uint8Array | string | null | undefined) {
    this.#next = next;
  }

  #fill(): boolean {
    while (this.#offset >= this.#chunk.length) {
      if (this.#done) return false;
      const c = this.#next();
      if (c === null || c === undefined) { this.#done = true; return false; }
      this.#chunk = typeof c === "string" ? utf8(c) : c;
      this.#offset = 0;
    }
    return true;
  }

  read(into: Uint8Array): number {
    if (!this.#fill()) return 0;
    const n = Math.min(into.length, this.#chunk.length - this.#offset);
    into.set(this.#chunk.subarray(this.#offset, this.#offset + n));
    this.#offset += n;
    return n;
  }

  poll(): boolean {
    return true;
  }
}

/**
 * Normalise any `InputSource` to an `InputStream`. Anything else is a TypeError here (`new WASI()`
 * names the option before it gets this far).
 */
export function toInputStream(src: InputSource): InputStream {
  if (has(src, "read")) return src as InputStream;
  // One chunk: not iterated, which would give characters or numbers.
  if (typeof src === "string" || src instanceof Uint8Array) return toInputStream([src]);
  if (typeof src === "function") return new PullInput(src);
  const it = (src as Iterable<Uint8Array | string>)[Symbol.iterator]();
  return new PullInput(() => {
    const r = it.next();
    return r.done === true ? null : r.value;
  });
}

/** Normalise any `OutputSink` to an `OutputStream`. */
export function toOutputStream(sink: OutputSink): OutputStream {
  return typeof sink === "function" ? { write: sink } : sink;
}

/**
 * Collects output bytes in one buffer that grows geometrically (no quadratic concatenation).
 * `text()` decodes the whole output at once, so a UTF-8 character split across writes is intact.
 */
export class OutputCollector implements OutputStream {
  #buf = new Uint8Array(1024);
  #len = 0;

  write(bytes: Uint8Array): void {
    const need = this.#len + bytes.length;
    if (need > this.#buf.length) {
      let cap = this.#buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.#buf.subarray(0, this.#len));
      this.#buf = next;
    }
    this.#buf.set(bytes, this.#len);
    this.#len = need;
  }

  /** Number of bytes collected so far. */
  get length(): number {
    return this.#len;
  }

  /** Everything written, as a view of the internal buffer: valid until the next write or `clear()`. */
  view(): Uint8Array {
    return this.#buf.subarray(0, this.#len);
  }

  /** Forget what was collected (the buffer is kept for reuse). */
  clear(): void {
    this.#len = 0;
  }

  /** A copy of everything written. */
  bytes(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }

  /** Everything written, decoded as UTF-8 (invalid sequences become U+FFFD). */
  text(): string {
    return new TextDecoder().decode(this.#buf.subarray(0, this.#len));
  }
}

/**
 * An output that hands text to `onText` as it arrives, decoding UTF-8 across chunk boundaries
 * (a character split between two writes is never garbled). Invalid bytes become U+FFFD.
 */
export class TextOutput implements OutputStream {
  readonly #decoder = new TextDecoder();
  readonly #onText: (text: string) => void;
  constructor(onText: (text: string) => void) {
    this.#onText = onText;
  }

  write(bytes: Uint8Array): void {
    // TextDecoder refuses views of shared memory; guest memory may be shared.
    const view = bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
    const text = this.#decoder.decode(view, { stream: true });
    if (text.length > 0) this.#onText(text);
  }

  /**
   * Emit what is left of an incomplete character (as U+FFFD). Call it once after the run; it is
   * deliberately not `flush()`, which the core calls before every blocking read.
   */
  end(): void {
    const text = this.#decoder.decode();
    if (text.length > 0) this.#onText(text);
  }
}
