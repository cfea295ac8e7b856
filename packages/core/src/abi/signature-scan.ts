/**
 * The good-path check of a module's import signatures: one walk over the raw bytes of the type and
 * import sections that compares each known preview1 import's type bytes with the ones preview1
 * defines, building no strings and no arrays. `loadModule()` runs it on every module; only when it
 * cannot confirm every signature does the detailed reader (`functionImports()` in wasm-binary.ts)
 * run, which finds the first wrong import and names it, so the error message is the same as when
 * the detailed reader ran on every module (it cost a dozen first-run functions and a TextDecoder
 * per name in every `loadModule()`).
 *
 * The names come from the compiled module (`WebAssembly.Module.imports()`, in import-section
 * order), not from the bytes: turning each name's bytes into a string in JavaScript was half of
 * the scan's instructions (bench/analysis.md, "Row 1 set-up, 2026-12-07 (afternoon)").
 */

import { SIGNATURES, returnsErrno, type Preview1Name } from "./signatures.js";

/** A module's imports as `WebAssembly.Module.imports()` lists them, in import-section order. */
export type ModuleImports = ReturnType<typeof WebAssembly.Module.imports>;

const I32 = 0x7f;
const I64 = 0x7e;

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * True when every function import of `"wasi_snapshot_preview1"` whose name is in `known` has
 * exactly the signature preview1 defines. `imports` is `WebAssembly.Module.imports()` of the module
 * compiled from `bytes`. False when one does not, and whenever the bytes cannot be read the way
 * `functionImports()` reads them or do not list the same imports (its result then decides).
 */
export const signaturesMatch = (function signaturesMatch(bytes: Uint8Array, imports: ModuleImports, known: ReadonlySet<string>): boolean {
  let pos = 8;
  // Read as wasm-binary.ts's Reader does (same bounds, same LEB128 limit), so that both walks see
  // the same entries; -1 ends the scan as "cannot confirm".
  const u32 = (): number => {
    let result = 0;
    for (let shift = 0; shift <= 35; shift += 7) {
      if (pos >= bytes.length) return -1;
      const b = bytes[pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
    }
    return -1;
  };
  const types: number[] = [];
  while (pos < bytes.length) {
    const id = bytes[pos++]!;
    const size = u32();
    if (size < 0) return false;
    const end = pos + size;
    if (id === 1) {
      const n = u32();
      for (let i = 0; i < n; i++) {
        // Each type's offset, at its form byte; the param and result lists are skipped.
        types.push(pos);
        if (bytes[pos++] !== 0x60) return false;
        for (let list = 0; list < 2; list++) {
          const count = u32();
          if (count < 0) return false;
          pos += count;
        }
      }
      if (n < 0 || pos > bytes.length) return false;
    } else if (id === 2) {
      const n = u32();
      if (n !== imports.length) return false;
      for (let i = 0; i < n; i++) {
        // The module and field names, skipped: imports[i] has them.
        for (let s = 0; s < 2; s++) {
          const len = u32();
          if (len < 0) return false;
          pos += len;
        }
        if (pos >= bytes.length) return false;
        const kind = bytes[pos++]!;
        const imp = imports[i]!;
        if (kind === 0) {
          const t = types[u32()];
          if (t === undefined || imp.kind !== "function") return false;
          if (imp.module === "wasi_snapshot_preview1" && known.has(imp.name) && !typeIs(bytes, t, imp.name as Preview1Name)) return false;
        } else if (kind === 1) { pos++; if (!limits()) return false; }
        else if (kind === 2) { if (!limits()) return false; }
        else if (kind === 3) pos += 2;
        else if (u32() < 0) return false;
      }
      return pos <= bytes.length;
    }
    pos = end;
  }
  return imports.length === 0;

  function limits(): boolean {
    const flags = u32();
    if (flags < 0 || u32() < 0) return false;
    return (flags & 1) === 0 || u32() >= 0;
  }
});

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** Whether the type at `at` (its 0x60 form byte) is `name`'s preview1 signature. */
const typeIs = (function typeIs(bytes: Uint8Array, at: number, name: Preview1Name): boolean {
  const params = SIGNATURES[name];
  let pos = at + 1;
  if (bytes[pos++] !== params.length) return false;
  for (const p of params) if (bytes[pos++] !== (p === "i64" ? I64 : I32)) return false;
  return returnsErrno(name) ? bytes[pos] === 1 && bytes[pos + 1] === I32 : bytes[pos] === 0;
});
