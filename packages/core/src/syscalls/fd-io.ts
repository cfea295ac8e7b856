import { FdFlags, Rights, Whence } from "../abi/constants.js";
import { IOVEC } from "../abi/layout.js";
import type { Context } from "../context.js";
import { WasiError } from "../errors.js";
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
   * Validate the iovec array and every buffer in it before any side effect; returns their total
   * length (exact: at most 2^32 buffers of less than 2^32 bytes each).
   */
  function checkIovs(iovs: number, count: number): number {
    mem.check(iovs, count * IOV_SIZE);
    // The first check brought the views up to date; the others cannot change them.
    const dv = mem.dv;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const p = iovs + i * IOV_SIZE;
      const len = dv.getUint32(p + IOV_LEN, true);
      mem.check(dv.getUint32(p + IOV_BUF, true), len);
      total += len;
    }
    return total;
  }

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

  return {
    /**
     * Read into scatter buffers (readv). Files read at the cursor and advance it; a stream blocks
     * for its first bytes and then fills later buffers only with what is ready. Output streams
     * are flushed before blocking so a prompt is visible.
     */
    fd_read(fd: number, iovs: number, iovsLen: number, nreadPtr: number): void {
      const d = fds.get(fd, Rights.FD_READ, true);
      iovs >>>= 0; iovsLen >>>= 0; nreadPtr >>>= 0;
      const length = checkIovs(iovs, iovsLen);
      mem.check(nreadPtr, 4);
      let total = 0;
      if (d.kind === "file") {
        total = atCursor(d, iovs, iovsLen, length, false);
      } else {
        const input = d.input;
        if (input === null) throw new WasiError("BADF");
        ctx.fds.flush();
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
      mem.setU32(nreadPtr, total);
    },

    // Parenthesized: compiled with fdIo as the module loads, not at the guest's first write (bench/analysis.md).
    /** Gather write (writev). `O_APPEND` files always write at their end, whatever the cursor. */
    fd_write: (function fd_write(fd: number, iovs: number, iovsLen: number, nwrittenPtr: number): void {
      const d = fds.get(fd, Rights.FD_WRITE, true);
      iovs >>>= 0; iovsLen >>>= 0; nwrittenPtr >>>= 0;
      const length = checkIovs(iovs, iovsLen);
      mem.check(nwrittenPtr, 4);
      let total = 0;
      if (d.kind === "stream") {
        const out = d.output;
        if (out === null) throw new WasiError("BADF");
        // `mem.dv` changes only when a check finds memory grown, which none in this loop can (every
        // buffer was checked above): one property load, not two per buffer.
        const dv = mem.dv;
        for (let i = 0; i < iovsLen; i++) {
          const p = iovs + i * IOV_SIZE;
          const len = dv.getUint32(p + IOV_LEN, true);
          if (len === 0) continue;
          out.write(mem.view(dv.getUint32(p + IOV_BUF, true), len));
          total += len;
        }
      } else {
        total = (d.fdflags & FdFlags.APPEND) !== 0 ? append(d, iovs, iovsLen, length, true) : atCursor(d, iovs, iovsLen, length, true);
      }
      mem.setU32(nwrittenPtr, total);
    }),

    /** Read at an offset without moving the cursor (preadv). Streams give `SPIPE`. */
    fd_pread(fd: number, iovs: number, iovsLen: number, offset: bigint, nreadPtr: number): void {
      const f = fds.file(fd, Rights.FD_READ | Rights.FD_SEEK);
      iovs >>>= 0; iovsLen >>>= 0; nreadPtr >>>= 0;
      const length = checkIovs(iovs, iovsLen);
      mem.check(nreadPtr, 4);
      const n = transfer(f, iovs, iovsLen, length, offsetArg(offset), false);
      mem.setU32(nreadPtr, n);
    },

    /**
     * Write at an offset without moving the cursor (pwritev). As on Linux, an `O_APPEND` file
     * still appends.
     */
    fd_pwrite(fd: number, iovs: number, iovsLen: number, offset: bigint, nwrittenPtr: number): void {
      const f = fds.file(fd, Rights.FD_WRITE | Rights.FD_SEEK);
      iovs >>>= 0; iovsLen >>>= 0; nwrittenPtr >>>= 0;
      const length = checkIovs(iovs, iovsLen);
      mem.check(nwrittenPtr, 4);
      const at = offsetArg(offset);
      const n = (f.fdflags & FdFlags.APPEND) !== 0 ? append(f, iovs, iovsLen, length, false) : transfer(f, iovs, iovsLen, length, at, true);
      mem.setU32(nwrittenPtr, n);
    },

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
