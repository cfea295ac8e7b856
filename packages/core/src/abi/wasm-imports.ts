/**
 * A minimal reader of a wasm binary's type and import sections: enough to learn the signature of
 * each imported function without compiling the module (the JS API does not expose import types).
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
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new RangeError("unexpected end of module");
    return this.bytes[this.pos++]!;
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
    if (this.pos > this.bytes.length) throw new RangeError("unexpected end of module");
    return new TextDecoder().decode(this.bytes.subarray(start, this.pos));
  }
  limits(): void {
    const flags = this.u32();
    this.u32();
    if ((flags & 1) !== 0) this.u32();
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
