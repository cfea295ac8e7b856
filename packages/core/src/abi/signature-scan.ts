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

/**
 * What the walk over the bytes found, in import-section order: for a function import the offset
 * of its type (its 0x60 form byte), for any other import -1. Null when the bytes cannot be read
 * the way `functionImports()` reads them (the detailed reader then decides).
 */
export type ImportTypes = number[] | null;

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * The walk over the type and import sections, which needs no compiled module: `loadModule()` runs
 * it while the engine compiles, and `typesMatch()` then checks its result against the names the
 * engine lists. Never throws.
 */
export const importTypes = (function importTypes(bytes: Uint8Array): ImportTypes {
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
  const found: number[] = [];
  while (pos < bytes.length) {
    const id = bytes[pos++]!;
    const size = u32();
    if (size < 0) return null;
    const end = pos + size;
    if (id === 1) {
      const n = u32();
      for (let i = 0; i < n; i++) {
        // Each type's offset, at its form byte; the param and result lists are skipped.
        types.push(pos);
        if (bytes[pos++] !== 0x60) return null;
        for (let list = 0; list < 2; list++) {
          const count = u32();
          if (count < 0) return null;
          pos += count;
        }
      }
      if (n < 0 || pos > bytes.length) return null;
    } else if (id === 2) {
      const n = u32();
      if (n < 0) return null;
      for (let i = 0; i < n; i++) {
        // The module and field names, skipped: the engine's list has them.
        for (let s = 0; s < 2; s++) {
          const len = u32();
          if (len < 0) return null;
          pos += len;
        }
        if (pos >= bytes.length) return null;
        const kind = bytes[pos++]!;
        if (kind === 0) {
          const t = types[u32()];
          if (t === undefined) return null;
          found.push(t);
          continue;
        }
        found.push(-1);
        if (kind === 1) { pos++; if (!limits()) return null; }
        else if (kind === 2) { if (!limits()) return null; }
        else if (kind === 3) pos += 2;
        else if (u32() < 0) return null;
      }
      return pos <= bytes.length ? found : null;
    }
    pos = end;
  }
  return found;

  function limits(): boolean {
    const flags = u32();
    if (flags < 0 || u32() < 0) return false;
    return (flags & 1) === 0 || u32() >= 0;
  }
});

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * True when every function import of `"wasi_snapshot_preview1"` whose name is in `known` has
 * exactly the signature preview1 defines. `found` is `importTypes(bytes)` and `imports` is
 * `WebAssembly.Module.imports()` of the module compiled from `bytes`. False when one does not, and
 * whenever the walk could not read the bytes or does not list the same imports (the detailed
 * reader then decides).
 */
export const typesMatch = (function typesMatch(bytes: Uint8Array, found: ImportTypes, imports: ModuleImports, known: ReadonlySet<string>): boolean {
  if (found === null || found.length !== imports.length) return false;
  for (let i = 0; i < found.length; i++) {
    const t = found[i]!;
    const imp = imports[i]!;
    if ((t >= 0) !== (imp.kind === "function")) return false;
    if (t >= 0 && imp.module === "wasi_snapshot_preview1" && known.has(imp.name) && !typeIs(bytes, t, imp.name as Preview1Name)) return false;
  }
  return true;
});

/**
 * Both steps at once: true when every function import of `"wasi_snapshot_preview1"` whose name is
 * in `known` has exactly the signature preview1 defines. `imports` is
 * `WebAssembly.Module.imports()` of the module compiled from `bytes`.
 */
export function signaturesMatch(bytes: Uint8Array, imports: ModuleImports, known: ReadonlySet<string>): boolean {
  return typesMatch(bytes, importTypes(bytes), imports, known);
}

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** Whether the type at `at` (its 0x60 form byte) is `name`'s preview1 signature. */
const typeIs = (function typeIs(bytes: Uint8Array, at: number, name: Preview1Name): boolean {
  const params = SIGNATURES[name];
  let pos = at + 1;
  if (bytes[pos++] !== params.length) return false;
  for (const p of params) if (bytes[pos++] !== (p === "i64" ? I64 : I32)) return false;
  return returnsErrno(name) ? bytes[pos] === 1 && bytes[pos + 1] === I32 : bytes[pos] === 0;
});
