import { FdFlags, Rights, Whence } from "../abi/constants.js";
import { IOVEC } from "../abi/layout.js";
import type { Context } from "../context.js";
import { toErrno, WasiError } from "../errors.js";
import type { FileDescriptor } from "../fd-table.js";
import { DEFAULT_MAX_FILE_SIZE, MAX_OFFSET, transferRoom } from "./file-limits.js";

// The iovec layout as module constants: a property load of IOVEC is an inline-cache call in the
// unoptimised code that runs a cold guest's first thousands of writes.
const { size: IOV_SIZE, buf: IOV_BUF, len: IOV_LEN } = IOVEC;

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** `fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`, `fd_seek`, `fd_tell`: data transfer. */
export const fdIo = (function fdIo(ctx: Context) {
  const { mem, fds } = ctx;

  /**
   * Positional read or write through the iovecs; stops at the first short transfer. The range is
   * checked against what the handle can represent first (`transferRoom`), so the host never sees
   * an offset it would misread. A number offset whose range ends within `f.limit` (the common
   * case) goes through the handle's `readAt`/`writeAt` with no bigint and no view of guest
   * memory: `transferRoom` would allow all of it.
   */
  function transfer(f: FileDescriptor, iovs: number, count: number, length: number, offset: number | bigint, write: boolean): number {
    const h = f.handle;
    const fast = typeof offset === "number" && offset + length <= f.limit;
    let room = fast ? length : transferRoom(h, BigInt(offset), length, write);
    let total = 0;
    for (let i = 0; i < count && room > 0; i++) {
      const p = iovs + i * IOV_SIZE;
      const len = Math.min(mem.dv.getUint32(p + IOV_LEN, true), room);
      if (len === 0) continue;
      const buf = mem.dv.getUint32(p + IOV_BUF, true);
      let n: number;
      if (fast) n = write ? h.writeAt!(mem.u8, buf, len, offset + total) : h.readAt!(mem.u8, buf, len, offset + total);
      else {
        const view = mem.u8.subarray(buf, buf + len);
        const at = BigInt(offset) + BigInt(total);
        n = write ? h.write(view, at) : h.read(view, at);
      }
      total += n;
      room -= n;
      if (n < len) break;
    }
    return total;
  }

  /**
   * Write the iovecs at the end of the file. With the host's own `append`, all of them go in one
   * atomic step (gathered into one buffer when there are several), so concurrent appenders never
   * tear this write; without it, the core writes at the current size. With `moveCursor`, the cursor
   * ends at the end of the file, as after `write(2)` on an `O_APPEND` descriptor.
   */
  function append(f: FileDescriptor, iovs: number, count: number, total: number, moveCursor: boolean): number {
    const h = f.handle;
    if (h.append === undefined) {
      const at = h.stat().size;
      const n = transfer(f, iovs, count, total, at, true);
      if (moveCursor) f.position = at + BigInt(n);
      return n;
    }
    let n = 0;
    if (total > 0) {
      const dv = mem.dv;
      let bytes: Uint8Array | null = null;
      let at = 0;
      for (let i = 0; i < count; i++) {
        const p = iovs + i * IOV_SIZE;
        const len = dv.getUint32(p + IOV_LEN, true);
        if (len === 0) continue;
        const buf = dv.getUint32(p + IOV_BUF, true);
        const view = mem.u8.subarray(buf, buf + len);
        // The only non-empty buffer (the usual case) goes as it is, without a copy.
        if (len === total) {
          bytes = view;
          break;
        }
        (bytes ??= new Uint8Array(total)).set(view, at);
        at += len;
      }
      n = h.append(bytes!);
    }
    if (moveCursor) f.position = h.stat().size;
    return n;
  }

  /**
   * A transfer at the cursor, which then moves on by what was transferred: a number add while the
   * sum is exact (the double compare is), else bigint arithmetic, back to a number when the
   * result allows (after an append).
   */
  function atCursor(d: FileDescriptor, iovs: number, count: number, length: number, write: boolean): number {
    const at = d.position;
    const n = transfer(d, iovs, count, length, at, write);
    d.position = typeof at === "number" && at + n <= Number.MAX_SAFE_INTEGER ? at + n : cursor(BigInt(at) + BigInt(n));
    return n;
  }

  /** A cursor as `FileDescriptor.position` prefers it: a number while that is exact. */
  function cursor(position: bigint): number | bigint {
    return position <= DEFAULT_MAX_FILE_SIZE ? Number(position) : position;
  }

  /** The offset of `fd_pread`/`fd_pwrite`: `INVAL` past `MAX_OFFSET`, a number where exact (the fast path). */
  function offsetArg(offset: bigint): number | bigint {
    const o = BigInt.asUintN(64, offset);
    if (o > MAX_OFFSET) throw new WasiError("INVAL");
    return cursor(o);
  }

  // What the next call of `rw` is: `op` 0 is `fd_read`, 1 `fd_write`, 2 `fd_pread`, 3 `fd_pwrite`
  // (bit 0: a write; bit 1: at `offset`, the cursor unmoved). Set by the three calls other than
  // `fd_write` for the one call that follows, read and reset by `rw` before anything else: `rw`
  // keeps `fd_write`'s four parameters, because V8 compiles one more import wrapper, at each
  // instantiation, for a JS import of another arity (0.33 M instructions; bench/analysis.md, row 3).
  let nextOp = 1;
  let nextOffset = 0n;

  // Parenthesized: compiled with fdIo as the module loads, not at the guest's first write (bench/analysis.md).
  /**
   * readv, writev, preadv and pwritev (see `nextOp`). Every buffer and the 4-byte result at
   * `resultPtr` are checked before any side effect. Returns the errno.
   *
   * Called as it is, this is `fd_write`, the import a guest calls most: one function that calls no
   * other on a stream's path. Its lookup and bounds checks are `FdTable.get`'s and
   * `GuestMemory.check`'s, inline. Each function called there became hot on its own, and its
   * optimizing compile competed with the guest for the CPU: 4,096 writes took 7.0 ms with seven
   * such compiles and 4.8 ms with one, by median (bench/analysis.md, row 3).
   */
  const rw = (function fd_write(fd: number, iovs: number, iovsLen: number, resultPtr: number): number {
    const op = nextOp;
    nextOp = 1;
    try {
      const write = (op & 1) !== 0;
      const rights = write ? Rights.FD_WRITE : Rights.FD_READ;
      let d = fds.peek(fd);
      if (op > 1) d = fds.file(fd, rights | Rights.FD_SEEK);
      // `get` for all but a stream with the right (and for the error).
      else if (d?.kind !== "stream" || (d.rightsBase & rights) === 0) d = fds.get(fd, rights, true);
      iovs >>>= 0; iovsLen >>>= 0; resultPtr >>>= 0;
      // The iovec array and the result, then every buffer: the first check brings the views up
      // to date if the memory grew, and nothing in between can grow it again.
      let end = Math.max(iovs + iovsLen * IOV_SIZE, resultPtr + 4);
      if (end > mem.u8.length) mem.check(0, end);
      let length = 0;
      for (let i = 0; i < iovsLen; i++) {
        const p = iovs + i * IOV_SIZE;
        const len = mem.dv.getUint32(p + IOV_LEN, true);
        end = Math.max(end, mem.dv.getUint32(p + IOV_BUF, true) + len);
        length += len;
      }
      if (end > mem.u8.length) mem.check(0, end);
      let total = 0;
      if (d.kind !== "stream") {
        const appends = write && (d.fdflags & FdFlags.APPEND) !== 0;
        // As on Linux, an O_APPEND file appends even for pwrite; the offset is checked all the same.
        const at = op > 1 ? offsetArg(nextOffset) : d.position;
        total = appends ? append(d, iovs, iovsLen, length, op < 2) : op > 1 ? transfer(d, iovs, iovsLen, length, at, write) : atCursor(d, iovs, iovsLen, length, write);
      } else if (write) {
        const out = d.output;
        if (out === null) throw new WasiError("BADF");
        const dv = mem.dv;
        for (let i = 0; i < iovsLen; i++) {
          const p = iovs + i * IOV_SIZE;
          const len = dv.getUint32(p + IOV_LEN, true);
          if (len === 0) continue;
          out.write(mem.view(dv.getUint32(p + IOV_BUF, true), len));
          total += len;
        }
      } else {
        // A stream blocks for its first bytes, then fills later buffers only with what is ready.
        // Output is flushed before blocking so that a prompt is visible.
        const input = d.input;
        if (input === null) throw new WasiError("BADF");
        fds.flush();
        for (let i = 0; i < iovsLen; i++) {
          const p = iovs + i * IOV_SIZE;
          const len = mem.dv.getUint32(p + IOV_LEN, true);
          if (len === 0) continue;
          if (total > 0 && input.poll !== undefined && !input.poll(0n)) break;
          const buf = mem.dv.getUint32(p + IOV_BUF, true);
          const n = input.read(mem.u8.subarray(buf, buf + len));
          total += n;
          if (n < len) break;
        }
      }
      // Checked above. A host's stream or file cannot grow the guest's memory.
      mem.dv.setUint32(resultPtr, total, true);
      return 0;
    } catch (e) {
      return toErrno(e);
    }
  });

  return {
    /** Read into scatter buffers (readv), at the cursor of a file, which moves on. */
    fd_read: (fd: number, iovs: number, iovsLen: number, nreadPtr: number): number => (nextOp = 0, rw(fd, iovs, iovsLen, nreadPtr)),
    /** Gather write (writev). `O_APPEND` files always write at their end, whatever the cursor. */
    fd_write: rw,
    /** Read at an offset without moving the cursor (preadv). Streams give `SPIPE`. */
    fd_pread: (fd: number, iovs: number, iovsLen: number, offset: bigint, nreadPtr: number): number => (nextOp = 2, nextOffset = offset, rw(fd, iovs, iovsLen, nreadPtr)),
    /** Write at an offset without moving the cursor (pwritev). As on Linux, an `O_APPEND` file still appends. */
    fd_pwrite: (fd: number, iovs: number, iovsLen: number, offset: bigint, nwrittenPtr: number): number => (nextOp = 3, nextOffset = offset, rw(fd, iovs, iovsLen, nwrittenPtr)),

    /** Move the cursor (lseek). Negative results give `INVAL`; streams give `SPIPE`. */
    fd_seek(fd: number, offset: bigint, whence: number, newOffsetPtr: number): void {
      newOffsetPtr >>>= 0;
      const rights = whence === Whence.CUR && offset === 0n ? Rights.FD_TELL : Rights.FD_SEEK;
      const f = fds.file(fd, rights);
      mem.check(newOffsetPtr, 8);
      let base: bigint;
      if (whence === Whence.SET) base = 0n;
      else if (whence === Whence.CUR) base = BigInt(f.position);
      else if (whence === Whence.END) base = f.handle.stat().size;
      else throw new WasiError("INVAL");
      const target = base + BigInt.asIntN(64, offset);
      if (target < 0n || target > MAX_OFFSET) throw new WasiError("INVAL");
      f.position = cursor(target);
      mem.setU64(newOffsetPtr, target);
    },

    /** The cursor's position (lseek(fd, 0, SEEK_CUR)). */
    fd_tell(fd: number, offsetPtr: number): void {
      const f = fds.file(fd, Rights.FD_TELL);
      mem.setU64(offsetPtr >>> 0, BigInt(f.position));
    },
  };
});
