// Collects output chunks into one Uint8Array without quadratic copying.
export class ByteSink {
  #buf = new Uint8Array(256);
  #len = 0;

  /** Appends a copy of `chunk` (which may be a view of guest memory). */
  push(chunk) {
    const n = chunk.byteLength;
    if (this.#len + n > this.#buf.length) {
      let cap = this.#buf.length * 2;
      while (cap < this.#len + n) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.#buf.subarray(0, this.#len));
      this.#buf = next;
    }
    this.#buf.set(chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, n), this.#len);
    this.#len += n;
  }

  get length() {
    return this.#len;
  }

  /** The collected bytes, in a fresh buffer of exactly the right size (transferable). */
  bytes() {
    return this.#buf.slice(0, this.#len);
  }
}
