/**
 * A minimal reader (and one rewriter) of a wasm binary's sections: enough to learn the signature
 * of each imported function without compiling the module (the JS API does not expose import
 * types), and to cap the maximum size of the module's memory before it is compiled.
 */

/** One imported function and its type. */
export interface FunctionImport {
  module: string;
  name: string;
  params: string[];
  results: string[];
}

const VALTYPES: Record<number, string> = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" };

class Reader {
  pos = 0;
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  byte(): number {
    if (this.pos >= this.#bytes.length) throw new RangeError("unexpected end of module");
    return this.#bytes[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new RangeError("bad LEB128");
    }
  }
  name(): string {
    const len = this.u32();
    const start = this.pos;
    this.pos += len;
    if (this.pos > this.#bytes.length) throw new RangeError("unexpected end of module");
    return new TextDecoder().decode(this.#bytes.subarray(start, this.pos));
  }
  limits(): { flags: number; min: number; max: number | null } {
    const flags = this.u32();
    const min = this.u32();
    const max = (flags & 1) !== 0 ? this.u32() : null;
    return { flags, min, max };
  }
}

/**
 * The function imports of a module given as bytes, with their signatures. Returns null when the
 * bytes cannot be read this way (the engine's own validation then reports the problem).
 */
export function functionImports(bytes: Uint8Array): FunctionImport[] | null {
  try {
    const r = new Reader(bytes);
    r.pos = 8;
    const types: { params: string[]; results: string[] }[] = [];
    const out: FunctionImport[] = [];
    while (r.pos < bytes.length) {
      const id = r.byte();
      const size = r.u32();
      const end = r.pos + size;
      if (id === 1) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          if (r.byte() !== 0x60) return null;
          const params = Array.from({ length: r.u32() }, () => VALTYPES[r.byte()] ?? "?");
          const results = Array.from({ length: r.u32() }, () => VALTYPES[r.byte()] ?? "?");
          types.push({ params, results });
        }
      } else if (id === 2) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const module = r.name();
          const name = r.name();
          const kind = r.byte();
          if (kind === 0) {
            const t = types[r.u32()];
            if (t === undefined) return null;
            out.push({ module, name, params: t.params, results: t.results });
          } else if (kind === 1) { r.byte(); r.limits(); }
          else if (kind === 2) r.limits();
          else if (kind === 3) { r.byte(); r.byte(); }
          else r.u32();
        }
        return out;
      }
      r.pos = end;
    }
    return out;
  } catch {
    return null;
  }
}

/** `n` as unsigned LEB128 bytes. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/**
 * Rewrite the module's own memory so that it can never grow past `maxPages` (64 KiB each): its
 * `memory.grow` then fails like an exhausted machine's. Returns the new bytes, or the input when
 * there is no memory section.
 * @throws RangeError when the memory's initial size already exceeds `maxPages`, or the memory is
 * 64-bit or shared with flags this rewriter does not handle.
 */
export function capMemory(bytes: Uint8Array, maxPages: number): Uint8Array {
  const r = new Reader(bytes);
  r.pos = 8;
  while (r.pos < bytes.length) {
    const sectionStart = r.pos;
    const id = r.byte();
    const size = r.u32();
    const bodyStart = r.pos;
    const end = bodyStart + size;
    if (id !== 5) { r.pos = end; continue; }
    const count = r.u32();
    const body: number[] = [...leb(count)];
    for (let i = 0; i < count; i++) {
      const { flags, min, max } = r.limits();
      if ((flags & ~3) !== 0) throw new RangeError("cannot cap a 64-bit memory");
      if (min > maxPages) throw new RangeError(`the module's memory starts at ${min} pages, above the limit of ${maxPages}`);
      const cap = max === null ? maxPages : Math.min(max, maxPages);
      body.push(flags | 1, ...leb(min), ...leb(cap));
    }
    const section = [5, ...leb(body.length), ...body];
    const out = new Uint8Array(sectionStart + section.length + (bytes.length - end));
    out.set(bytes.subarray(0, sectionStart), 0);
    out.set(section, sectionStart);
    out.set(bytes.subarray(end), sectionStart + section.length);
    return out;
  }
  return bytes;
}
