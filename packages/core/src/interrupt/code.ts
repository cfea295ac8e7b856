/**
 * The instruction walker of the instrumenter: copies a function body or a constant expression,
 * shifting function indices (`call`, `return_call`, `ref.func`) past the added import and
 * inserting the interruption check after each `loop` header. Every immediate of every opcode it
 * accepts is decoded, so it never loses its place; an opcode it does not know is a `ModuleError`.
 */
import { ModuleError } from "../errors.js";
import type { ByteReader, ByteWriter } from "./bytes.js";

/** What the walker needs to know about the rewrite. */
export interface Rewrite {
  /** Function indices at or above this move up by one (the added import sits here). */
  readonly firstShifted: number;
  /** The bytes of the check, inserted at function entries and loop headers. */
  readonly check: Uint8Array;
}

// Immediate shapes of the one-byte opcodes.
const NONE = 0, BLOCK = 1, IDX = 2, IDX2 = 3, BR_TABLE = 4, MEMARG = 5, F32 = 6, F64 = 7, CALL = 8,
  SELECT_T = 9, TRY_TABLE = 10, PREFIX_FC = 11, PREFIX_FD = 12, PREFIX_FE = 13, BAD = 255;

const SHAPE = new Uint8Array(256).fill(BAD);
const set = (from: number, to: number, shape: number): void => { SHAPE.fill(shape, from, to + 1); };
set(0x00, 0x01, NONE); // unreachable nop
set(0x02, 0x04, BLOCK); // block loop if
set(0x05, 0x05, NONE); // else
set(0x06, 0x06, BLOCK); // try (legacy exceptions)
set(0x07, 0x09, IDX); // catch throw rethrow
set(0x0a, 0x0b, NONE); // throw_ref end
set(0x0c, 0x0d, IDX); // br br_if
set(0x0e, 0x0e, BR_TABLE);
set(0x0f, 0x0f, NONE); // return
set(0x10, 0x10, CALL);
set(0x11, 0x11, IDX2); // call_indirect type table
set(0x12, 0x12, CALL); // return_call
set(0x13, 0x13, IDX2); // return_call_indirect
set(0x14, 0x15, IDX); // call_ref return_call_ref
set(0x18, 0x18, IDX); // delegate
set(0x19, 0x19, NONE); // catch_all
set(0x1a, 0x1b, NONE); // drop select
set(0x1c, 0x1c, SELECT_T);
set(0x1f, 0x1f, TRY_TABLE);
set(0x20, 0x26, IDX); // local.* global.* table.get table.set
set(0x28, 0x3e, MEMARG); // loads and stores
set(0x3f, 0x40, IDX); // memory.size memory.grow
set(0x41, 0x42, IDX); // i32.const i64.const (signed LEB, stepped over)
set(0x43, 0x43, F32);
set(0x44, 0x44, F64);
set(0x45, 0xc4, NONE); // numeric, sign extension
set(0xd0, 0xd0, IDX); // ref.null heaptype
set(0xd1, 0xd1, NONE); // ref.is_null
set(0xd3, 0xd4, NONE); // ref.eq ref.as_non_null
set(0xd5, 0xd6, IDX); // br_on_null br_on_non_null
set(0xfc, 0xfc, PREFIX_FC);
set(0xfd, 0xfd, PREFIX_FD);
set(0xfe, 0xfe, PREFIX_FE);
const REF_FUNC = 0xd2;

/** Value types of the MVP, SIMD, reference types and exceptions (GC reference types are refused). */
const VALTYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f, 0x69]);

/** Read a value type, refusing the ones (GC references) whose encoding we do not decode. */
export function valtype(r: ByteReader): number {
  const t = r.byte();
  if (!VALTYPES.has(t)) throw new ModuleError(`cannot instrument: unsupported value type 0x${t.toString(16)} (GC types are not supported)`);
  return t;
}

function memarg(r: ByteReader): void {
  const align = r.u32();
  if ((align & 0x40) !== 0) r.skipLeb(); // multi-memory: a memory index
  r.skipLeb(); // offset (64-bit with memory64)
}

function blocktype(r: ByteReader): void {
  const b = r.bytes[r.pos];
  if (b === 0x40 || (b !== undefined && VALTYPES.has(b))) { r.pos++; return; }
  if (b === 0x63 || b === 0x64) valtype(r); // refused with its message
  r.skipLeb(); // a type index (s33)
}

function writeFunc(w: ByteWriter, index: number, rw: Rewrite): void {
  w.u32(index >= rw.firstShifted ? index + 1 : index);
}

function prefixFC(r: ByteReader): void {
  const op = r.u32();
  if (op <= 7) return; // saturating truncation
  if (op === 9 || op === 11 || op === 13 || (op >= 15 && op <= 17)) { r.skipLeb(); return; }
  if (op === 8 || op === 10 || op === 12 || op === 14) { r.skipLeb(); r.skipLeb(); return; }
  throw new ModuleError(`cannot instrument: unknown instruction 0xfc ${op}`);
}

function prefixFD(r: ByteReader): void {
  const op = r.u32();
  if (op <= 11 || op === 92 || op === 93) memarg(r); // v128 loads/stores, load*_zero
  else if (op === 12 || op === 13) r.skip(16); // v128.const, i8x16.shuffle
  else if (op >= 21 && op <= 34) r.skip(1); // extract/replace lane
  else if (op >= 84 && op <= 91) { memarg(r); r.skip(1); } // load/store lane
  else if (op > 0x113) throw new ModuleError(`cannot instrument: unknown instruction 0xfd ${op}`);
}

function prefixFE(r: ByteReader): void {
  const op = r.u32();
  if (op <= 2 || (op >= 0x10 && op <= 0x4e)) memarg(r);
  else if (op === 3) r.skip(1); // atomic.fence
  else throw new ModuleError(`cannot instrument: unknown instruction 0xfe ${op}`);
}

/**
 * Copy instructions from `r` to `w` until `end` (a function body's end), or, when `end` is null,
 * through the `end` that closes a constant expression. Returns whether the code has a loop or a
 * call: code without either only branches forward, so it ends within its own length.
 */
export function rewriteCode(r: ByteReader, w: ByteWriter, end: number | null, rw: Rewrite): boolean {
  const src = r.bytes;
  let unbounded = false;
  while (end === null || r.pos < end) {
    const start = r.pos;
    const op = r.byte();
    const shape = SHAPE[op]!;
    if (shape === CALL || op === 0x11 || op === 0x13 || op === 0x14 || op === 0x15) unbounded = true;
    if (shape === CALL || op === REF_FUNC) {
      w.byte(op);
      writeFunc(w, r.u32(), rw);
      continue;
    }
    switch (shape) {
      case NONE: break;
      case BLOCK: blocktype(r); break;
      case IDX: r.skipLeb(); break;
      case IDX2: r.skipLeb(); r.skipLeb(); break;
      case BR_TABLE: for (let n = r.u32() + 1; n > 0; n--) r.skipLeb(); break;
      case MEMARG: memarg(r); break;
      case F32: r.skip(4); break;
      case F64: r.skip(8); break;
      case SELECT_T: for (let n = r.u32(); n > 0; n--) valtype(r); break;
      case TRY_TABLE:
        blocktype(r);
        for (let n = r.u32(); n > 0; n--) {
          const kind = r.byte();
          if (kind > 3) throw new ModuleError(`cannot instrument: bad catch clause ${kind}`);
          if (kind < 2) r.skipLeb(); // the tag of catch / catch_ref
          r.skipLeb(); // the label
        }
        break;
      case PREFIX_FC: prefixFC(r); break;
      case PREFIX_FD: prefixFD(r); break;
      case PREFIX_FE: prefixFE(r); break;
      default: throw new ModuleError(`cannot instrument: unknown instruction 0x${op.toString(16)}`);
    }
    w.bytes(src.subarray(start, r.pos));
    if (op === 0x03) {
      w.bytes(rw.check);
      unbounded = true;
    } else if (op === 0x0b && end === null) return unbounded;
  }
  if (r.pos !== end) throw new ModuleError("cannot instrument: a function body overruns its size");
  return unbounded;
}
