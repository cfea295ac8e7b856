/**
 * Module rewriting for interruption checks (wasmtime's epoch interruption, done in the binary):
 * one imported function `anywasi:interrupt`.`check` (type `() -> i32`) and one mutable i32
 * global counter are added; every loop header and the entry of every function that has a loop or
 * a call (the others only branch forward and end within their length) decrements the counter
 * and, when it reaches zero, calls `check`, whose result is the new counter. `check` is where the
 * host reads its clock and throws to end a guest that ran past its time.
 *
 * The import goes after the existing imports, so defined functions move up by one index: `call`,
 * `return_call` and `ref.func` immediates, element segments, exports and the start function are
 * rewritten. The global goes after the existing ones (no index moves). The `name` section is
 * dropped (its function indices would be stale). The check is wrapped in `if ... end`, which
 * closes before any original instruction, so no existing branch depth changes.
 */
import { capMemory } from "../abi/wasm-binary.js";
import { ModuleError } from "../errors.js";
import { ByteReader, ByteWriter } from "./bytes.js";
import { rewriteCode, valtype, type Rewrite } from "./code.js";

/** The import module of the check. */
export const INTERRUPT_MODULE = "anywasi:interrupt";
/** The import name of the check, a function `() -> i32` returning the next counter value. */
export const INTERRUPT_NAME = "check";
/** Default number of function entries and loop iterations between two calls of `check`. */
export const DEFAULT_INTERVAL = 10_000;

interface Section {
  id: number;
  body: Uint8Array;
}

/** Where each known section sits in a module (custom sections keep their place). */
const ORDER: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 };

function sections(bytes: Uint8Array): Section[] {
  const r = new ByteReader(bytes);
  r.pos = 8;
  const out: Section[] = [];
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    r.skip(size);
    out.push({ id, body: bytes.subarray(start, start + size) });
  }
  return out;
}

function customName(body: Uint8Array): string {
  const r = new ByteReader(body);
  const len = r.u32();
  return new TextDecoder().decode(body.subarray(r.pos, r.pos + len));
}

/** Put `section` where its id belongs (replacing one of the same id). */
function place(list: Section[], section: Section): void {
  const at = list.findIndex((s) => s.id === section.id);
  if (at >= 0) { list[at] = section; return; }
  const rank = ORDER[section.id]!;
  const before = list.findIndex((s) => s.id !== 0 && ORDER[s.id]! > rank);
  if (before < 0) list.push(section);
  else list.splice(before, 0, section);
}

function limits(r: ByteReader): void {
  const flags = r.u32();
  r.skipLeb();
  if ((flags & 1) !== 0) r.skipLeb();
}

/** The import section with the check appended, and the counts of imported functions and globals. */
function rewriteImports(body: Uint8Array | undefined, checkType: number): { body: Uint8Array; funcs: number; globals: number; already: boolean } {
  const w = new ByteWriter();
  let funcs = 0;
  let globals = 0;
  let already = false;
  let count = 0;
  let rest: Uint8Array = new Uint8Array(0);
  if (body !== undefined) {
    const r = new ByteReader(body);
    count = r.u32();
    const from = r.pos;
    for (let i = 0; i < count; i++) {
      const mod = r.u32(); r.skip(mod); const modEnd = r.pos;
      const nameLen = r.u32(); r.skip(nameLen);
      if (new TextDecoder().decode(body.subarray(modEnd - mod, modEnd)) === INTERRUPT_MODULE) already = true;
      const kind = r.byte();
      if (kind === 0) { r.u32(); funcs++; }
      else if (kind === 1) { valtype(r); limits(r); }
      else if (kind === 2) limits(r);
      else if (kind === 3) { valtype(r); r.byte(); globals++; }
      else if (kind === 4) { r.byte(); r.u32(); }
      else throw new ModuleError(`cannot instrument: unknown import kind ${kind}`);
    }
    rest = body.subarray(from);
  }
  w.u32(count + 1);
  w.bytes(rest);
  w.name(INTERRUPT_MODULE);
  w.name(INTERRUPT_NAME);
  w.byte(0);
  w.u32(checkType);
  return { body: w.view().slice(), funcs, globals, already };
}

/** The type section with `() -> i32` appended; returns the new type's index. */
function rewriteTypes(body: Uint8Array | undefined): { body: Uint8Array; index: number } {
  const w = new ByteWriter();
  let count = 0;
  let rest: Uint8Array = new Uint8Array(0);
  if (body !== undefined) {
    const r = new ByteReader(body);
    count = r.u32();
    rest = body.subarray(r.pos);
    // GC's recursive and sub types would need a real type decoder: refuse them.
    for (let i = 0; i < count; i++) {
      if (r.byte() !== 0x60) throw new ModuleError("cannot instrument: GC type definitions are not supported");
      for (let n = r.u32(); n > 0; n--) valtype(r);
      for (let n = r.u32(); n > 0; n--) valtype(r);
    }
  }
  w.u32(count + 1);
  w.bytes(rest);
  w.bytes(new Uint8Array([0x60, 0x00, 0x01, 0x7f]));
  return { body: w.view().slice(), index: count };
}

function rewriteGlobals(body: Uint8Array | undefined, importedGlobals: number, interval: number, rw: Rewrite): { body: Uint8Array; index: number } {
  const w = new ByteWriter();
  let count = 0;
  const r = body === undefined ? null : new ByteReader(body);
  if (r !== null) count = r.u32();
  w.u32(count + 1);
  for (let i = 0; i < count; i++) {
    w.byte(valtype(r!));
    w.byte(r!.byte());
    rewriteCode(r!, w, null, rw);
  }
  w.bytes(new Uint8Array([0x7f, 0x01, 0x41]));
  w.s32(interval);
  w.byte(0x0b);
  return { body: w.view().slice(), index: importedGlobals + count };
}

function rewriteExports(body: Uint8Array, rw: Rewrite): Uint8Array {
  const r = new ByteReader(body);
  const w = new ByteWriter();
  const count = r.u32();
  w.u32(count);
  for (let i = 0; i < count; i++) {
    const start = r.pos;
    r.skip(r.u32());
    const kind = r.byte();
    w.bytes(body.subarray(start, r.pos));
    const index = r.u32();
    w.u32(kind === 0 && index >= rw.firstShifted ? index + 1 : index);
  }
  return w.view().slice();
}

function rewriteStart(body: Uint8Array, rw: Rewrite): Uint8Array {
  const w = new ByteWriter();
  const f = new ByteReader(body).u32();
  w.u32(f >= rw.firstShifted ? f + 1 : f);
  return w.view().slice();
}

function funcIndices(r: ByteReader, w: ByteWriter, rw: Rewrite): void {
  const n = r.u32();
  w.u32(n);
  for (let i = 0; i < n; i++) {
    const f = r.u32();
    w.u32(f >= rw.firstShifted ? f + 1 : f);
  }
}

function exprs(r: ByteReader, w: ByteWriter, rw: Rewrite): void {
  const n = r.u32();
  w.u32(n);
  for (let i = 0; i < n; i++) rewriteCode(r, w, null, rw);
}

function rewriteElements(body: Uint8Array, rw: Rewrite): Uint8Array {
  const r = new ByteReader(body);
  const w = new ByteWriter();
  const count = r.u32();
  w.u32(count);
  for (let i = 0; i < count; i++) {
    const flags = r.u32();
    if (flags > 7) throw new ModuleError(`cannot instrument: unknown element segment kind ${flags}`);
    w.u32(flags);
    if (flags === 2 || flags === 6) w.u32(r.u32()); // table index
    if ((flags & 1) === 0) rewriteCode(r, w, null, rw); // active: the offset
    if ((flags & 3) !== 0) w.byte((flags & 4) !== 0 ? valtype(r) : r.byte()); // reftype or elemkind
    if ((flags & 4) !== 0) exprs(r, w, rw);
    else funcIndices(r, w, rw);
  }
  return w.view().slice();
}

function rewriteFunctions(body: Uint8Array, rw: Rewrite): Uint8Array {
  const r = new ByteReader(body);
  const w = new ByteWriter();
  const count = r.u32();
  w.u32(count);
  const head = new ByteWriter();
  const code = new ByteWriter();
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    const end = r.pos + size;
    head.length = 0;
    code.length = 0;
    const locals = r.u32();
    head.u32(locals);
    for (let j = 0; j < locals; j++) {
      head.u32(r.u32());
      head.byte(valtype(r));
    }
    // A function with neither loop nor call ends within its own length: no entry check needed.
    const entry = rewriteCode(r, code, end, rw) ? rw.check.length : 0;
    w.u32(head.length + entry + code.length);
    w.bytes(head.view());
    if (entry > 0) w.bytes(rw.check);
    w.bytes(code.view());
  }
  return w.view().slice();
}

/** The instruction sequence of the check, for a counter at `global` and the import at `func`. */
function checkSequence(global: number, func: number): Uint8Array {
  const w = new ByteWriter();
  w.byte(0x23); w.u32(global); // global.get
  w.byte(0x41); w.byte(0x01); // i32.const 1
  w.byte(0x6b); // i32.sub
  w.byte(0x24); w.u32(global); // global.set
  w.byte(0x23); w.u32(global); // global.get
  w.byte(0x45); // i32.eqz
  w.byte(0x04); w.byte(0x40); // if
  w.byte(0x10); w.u32(func); // call check
  w.byte(0x24); w.u32(global); // global.set
  w.byte(0x0b); // end
  return w.view().slice();
}

/** Options of `instrument()`. */
export interface InstrumentOptions {
  /** Initial counter: function entries and loop iterations before the first `check`. Default 10 000. */
  interval?: number;
  /**
   * Also cap the module's own memory at this many 64 KiB pages (its `memory.grow` fails past
   * it), as `loadModule`'s option does: for modules that will be precompiled (Workers).
   */
  maxMemoryPages?: number;
}

/**
 * Add interruption checks to a module (see the file comment). A module that already imports
 * `anywasi:interrupt` is returned unchanged.
 * @param bytes a WebAssembly module (version 1 binary).
 * @returns the instrumented module's bytes.
 * @throws ModuleError when the bytes are not a module or use an encoding the instrumenter does
 * not decode (GC types, unknown opcodes), or when the memory starts above `maxMemoryPages`.
 */
export function instrument(bytes: Uint8Array, options: InstrumentOptions = {}): Uint8Array {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d || bytes[4] !== 1) {
    throw new ModuleError("cannot instrument: not a WebAssembly module (version 1)");
  }
  const interval = options.interval ?? DEFAULT_INTERVAL;
  if (!Number.isInteger(interval) || interval < 1 || interval > 0x7fffffff) throw new RangeError("interval must be a whole number from 1 to 2^31-1");
  if (options.maxMemoryPages !== undefined) {
    try {
      bytes = capMemory(bytes, options.maxMemoryPages);
    } catch (e) {
      throw new ModuleError(`memory limit: ${(e as Error).message}`, { cause: e });
    }
  }
  const list = sections(bytes).filter((s) => s.id !== 0 || customName(s.body) !== "name");
  const find = (id: number) => list.find((s) => s.id === id)?.body;

  const types = rewriteTypes(find(1));
  const imports = rewriteImports(find(2), types.index);
  if (imports.already) return bytes; // (capped, if asked)
  const rwNoCheck: Rewrite = { firstShifted: imports.funcs, check: new Uint8Array(0) };
  const globals = rewriteGlobals(find(6), imports.globals, interval, rwNoCheck);
  const rw: Rewrite = { firstShifted: imports.funcs, check: checkSequence(globals.index, imports.funcs) };

  place(list, { id: 1, body: types.body });
  place(list, { id: 2, body: imports.body });
  place(list, { id: 6, body: globals.body });
  for (const s of list) {
    if (s.id === 7) s.body = rewriteExports(s.body, rw);
    else if (s.id === 8) s.body = rewriteStart(s.body, rw);
    else if (s.id === 9) s.body = rewriteElements(s.body, rw);
    else if (s.id === 10) s.body = rewriteFunctions(s.body, rw);
  }

  const out = new ByteWriter();
  out.bytes(bytes.subarray(0, 8));
  for (const s of list) {
    out.byte(s.id);
    out.u32(s.body.length);
    out.bytes(s.body);
  }
  return out.view().slice();
}
