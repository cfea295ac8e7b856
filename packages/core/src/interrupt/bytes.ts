import { ModuleError } from "../errors.js";

/** Cursor over a wasm binary; every read past the end is a `ModuleError`. */
export class ByteReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new ModuleError("cannot instrument: unexpected end of module");
    return this.bytes[this.pos++]!;
  }

  /** An unsigned LEB128 of up to 32 bits. */
  u32(): number {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      if (shift >= 28) throw new ModuleError("cannot instrument: bad LEB128");
    }
  }

  /** Step over any LEB128 (signed or not, up to 64 bits): immediates we keep as they are. */
  skipLeb(): void {
    for (let i = 0; i < 10; i++) if ((this.byte() & 0x80) === 0) return;
    throw new ModuleError("cannot instrument: bad LEB128");
  }

  skip(n: number): void {
    if (this.pos + n > this.bytes.length) throw new ModuleError("cannot instrument: unexpected end of module");
    this.pos += n;
  }
}

/** Growable output buffer. */
export class ByteWriter {
  #buf = new Uint8Array(1024);
  length = 0;

  #room(n: number): void {
    if (this.length + n <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.length + n));
    next.set(this.#buf.subarray(0, this.length));
    this.#buf = next;
  }

  byte(b: number): void {
    this.#room(1);
    this.#buf[this.length++] = b;
  }

  bytes(b: Uint8Array): void {
    this.#room(b.length);
    this.#buf.set(b, this.length);
    this.length += b.length;
  }

  u32(n: number): void {
    do {
      let b = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) b |= 0x80;
      this.byte(b);
    } while (n > 0);
  }

  /** A signed LEB128 of a 32-bit value. */
  s32(n: number): void {
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
        this.byte(b);
        return;
      }
      this.byte(b | 0x80);
    }
  }

  /** A length-prefixed name. */
  name(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u32(b.length);
    this.bytes(b);
  }

  view(): Uint8Array {
    return this.#buf.subarray(0, this.length);
  }
}
