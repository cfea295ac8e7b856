/**
 * A module's start function runs inside instantiation, before its exports (its memory among them)
 * can be reached from JavaScript: a WASI call made there could not see the guest's memory. So a
 * module given as bytes is rewritten before compilation: its start section is removed and the
 * start function exported as `START_EXPORT`, which `WASI.start()`/`initialize()` call once the
 * memory is attached, before `_start`/`_initialize`.
 */

import { leb } from "./wasm-binary.js";

/** Name under which a deferred start function is exported. A colon keeps it out of C's and Rust's way. */
export const START_EXPORT = "anywasi:start";

function u32(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  for (let shift = 0; shift <= 28; shift += 7) {
    const b = bytes[pos++];
    if (b === undefined) throw new RangeError("unexpected end of module");
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
  }
  throw new RangeError("bad LEB128");
}

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * `bytes` with the start function turned into the export `START_EXPORT`; the input itself when
 * the module has no start section, or when it cannot be read this way (the engine's validation
 * then reports the problem).
 */
export const deferStart = (function deferStart(bytes: Uint8Array): Uint8Array {
  // Most modules have none: a walk over the section headers finds that, and the rewriter (a
  // tenth of loadModule()'s own first-use compilation, bench/analysis.md) is compiled only for
  // the modules that have one.
  if (!hasStart(bytes)) return bytes;
  try {
    return rewrite(bytes);
  } catch {
    return bytes;
  }
});

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * Whether the section headers, read as rewrite() reads them, include a start section; true too
 * when they cannot be read that way (rewrite() then decides).
 */
const hasStart = (function hasStart(bytes: Uint8Array): boolean {
  for (let pos = 8; pos < bytes.length;) {
    if (bytes[pos] === 8) return true;
    let size = 0;
    let shift = 0;
    let b: number | undefined;
    do {
      b = bytes[++pos];
      if (b === undefined || shift > 28) return true;
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    pos += 1 + size;
  }
  return false;
});

function rewrite(bytes: Uint8Array): Uint8Array {
  let exports: { start: number; body: number; end: number } | null = null;
  let start: { start: number; end: number; func: number } | null = null;
  for (let pos = 8; pos < bytes.length;) {
    const id = bytes[pos]!;
    const [size, body] = u32(bytes, pos + 1);
    const end = body + size;
    if (end > bytes.length) return bytes;
    if (id === 7) exports = { start: pos, body, end };
    if (id === 8) start = { start: pos, end, func: u32(bytes, body)[0] };
    pos = end;
  }
  if (start === null) return bytes;
  const name = new TextEncoder().encode(START_EXPORT);
  const entry = [...leb(name.length), ...name, 0, ...leb(start.func)];
  const parts: Uint8Array[] = [];
  if (exports === null) {
    // Export (7) comes right before start (8) in section order: the new one takes its place.
    parts.push(bytes.subarray(0, start.start), section(7, [...leb(1), ...entry]), bytes.subarray(start.end));
  } else {
    const [count, rest] = u32(bytes, exports.body);
    const body = new Uint8Array([...leb(count + 1), ...bytes.subarray(rest, exports.end), ...entry]);
    parts.push(
      bytes.subarray(0, exports.start), section(7, body), bytes.subarray(exports.end, start.start),
      bytes.subarray(start.end),
    );
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

function section(id: number, body: ArrayLike<number>): Uint8Array {
  const head = [id, ...leb(body.length)];
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body as ArrayLike<number>, head.length);
  return out;
}
