import { Advice, FileType, Rights } from "../abi/constants.js";
import { FDSTAT, PRESTAT } from "../abi/layout.js";
import type { Context } from "../context.js";
import { WasiError } from "../errors.js";
import { streamFileType, type Descriptor } from "../fd-table.js";
import type { FileStat } from "../host.js";
import { utf8 } from "../memory.js";
import { checkFileSize, MAX_OFFSET } from "./file-limits.js";
import { FDFLAGS_ALL, timeUpdates, writeFilestat } from "./stat.js";

/** The filestat of any descriptor; a stream reports a zero-sized object of its stream type. */
export function descriptorStat(d: Descriptor): FileStat {
  if (d.kind !== "stream") return d.handle.stat();
  return { filetype: streamFileType(d) as FileStat["filetype"], dev: 0n, ino: 0n, nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n };
}

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** Descriptor metadata, flags, rights, sync, preopens, close and renumber. */
export const fdMeta = (function fdMeta(ctx: Context) {
  const { mem, fds } = ctx;

  /** The name of the preopen at `fd`, UTF-8 encoded; anything but a preopen is `BADF`. */
  function preopenName(fd: number): Uint8Array {
    const d = fds.peek(fd);
    if (d === undefined || d.kind !== "directory" || d.preopen === null) throw new WasiError("BADF");
    return utf8(d.preopen);
  }

  return {
    /** Close a descriptor (close). Any descriptor, stdio and preopens included. */
    fd_close(fd: number): void {
      fds.close(fd);
    },
    /** Move `from` onto `to`, closing `to` first if open (dup2 + close). */
    fd_renumber(from: number, to: number): void {
      fds.renumber(from, to);
    },
    // Parenthesized: compiled with fdMeta as the module loads, not at libc's first call (bench/analysis.md).
    /** Type, flags and rights of a descriptor (fstat-like). */
    fd_fdstat_get: (function fd_fdstat_get(fd: number, ptr: number): void {
      const d = fds.get(fd, 0);
      // Everything written out here rather than by helpers (streamFileType, a writer of the
      // layout): libc calls this at start-up (isatty on stdout), where every extra function
      // costs its first compile. A TTY stream is a character device, a pipe unknown.
      const type = d.kind === "stream"
        ? (d.input?.isTTY === true || d.output?.isTTY === true ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN)
        : d.kind === "file" ? d.handle.stat().filetype : FileType.DIRECTORY;
      ptr >>>= 0;
      mem.check(ptr, FDSTAT.size);
      const dv = mem.dv;
      dv.setUint8(ptr + FDSTAT.filetype, type);
      dv.setUint8(ptr + 1, 0);
      dv.setUint16(ptr + FDSTAT.flags, d.fdflags, true);
      dv.setUint32(ptr + 4, 0, true);
      dv.setBigUint64(ptr + FDSTAT.rightsBase, BigInt(d.rightsBase), true);
      dv.setBigUint64(ptr + FDSTAT.rightsInheriting, BigInt(d.rightsInheriting), true);
    }),
    /**
     * Set fdflags (fcntl F_SETFL). APPEND changes where writes go; the sync flags and NONBLOCK are
     * recorded and reported back (host writes are already synchronous).
     */
    fd_fdstat_set_flags(fd: number, flags: number): void {
      const d = fds.get(fd, Rights.FD_FDSTAT_SET_FLAGS);
      if ((flags & ~FDFLAGS_ALL) !== 0) throw new WasiError("INVAL");
      d.fdflags = flags;
    },
    /** Narrow a descriptor's rights. Asking for a right it does not have is `NOTCAPABLE`. */
    fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint): void {
      const d = fds.get(fd, 0);
      const b = BigInt.asUintN(64, base);
      const i = BigInt.asUintN(64, inheriting);
      if ((b & ~BigInt(d.rightsBase)) !== 0n || (i & ~BigInt(d.rightsInheriting)) !== 0n) {
        throw new WasiError("NOTCAPABLE");
      }
      d.rightsBase = Number(b);
      d.rightsInheriting = Number(i);
    },
    /** Metadata of an open descriptor (fstat). */
    fd_filestat_get(fd: number, ptr: number): void {
      const d = fds.get(fd, Rights.FD_FILESTAT_GET);
      ptr >>>= 0;
      mem.check(ptr, 64);
      writeFilestat(mem, ptr, descriptorStat(d));
    },
    /** Truncate or extend a file (ftruncate): negative (as i64) is `INVAL`, past the handle's limit `FBIG`. */
    fd_filestat_set_size(fd: number, size: bigint): void {
      const f = fds.file(fd, Rights.FD_FILESTAT_SET_SIZE);
      const s = BigInt.asUintN(64, size);
      if (s > MAX_OFFSET) throw new WasiError("INVAL");
      checkFileSize(f.handle, s);
      f.handle.setSize(s);
    },
    /** Set access/modification times in ns (futimens), with the `*_NOW` flags. */
    fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number): void {
      const d = fds.get(fd, Rights.FD_FILESTAT_SET_TIMES);
      const [a, m] = timeUpdates(ctx, atim, mtim, flags);
      if (d.kind === "stream") throw new WasiError("BADF");
      d.handle.setTimes(a, m);
    },
    /** Advice about access patterns (posix_fadvise): validated, then there is nothing to do. */
    fd_advise(fd: number, offset: bigint, len: bigint, advice: number): void {
      fds.file(fd, Rights.FD_ADVISE);
      if (advice < Advice.NORMAL || advice > Advice.NOREUSE) throw new WasiError("INVAL");
      if (BigInt.asIntN(64, offset) < 0n || BigInt.asIntN(64, len) < 0n) throw new WasiError("INVAL");
    },
    /**
     * Make sure `[offset, offset+len)` is allocated (posix_fallocate): may grow, never shrinks. As
     * on Linux, a negative offset or a length <= 0 is `INVAL`, an end past the limit `FBIG`.
     */
    fd_allocate(fd: number, offset: bigint, len: bigint): void {
      const f = fds.file(fd, Rights.FD_ALLOCATE);
      const o = BigInt.asIntN(64, offset);
      const l = BigInt.asIntN(64, len);
      if (o < 0n || l <= 0n) throw new WasiError("INVAL");
      checkFileSize(f.handle, o + l);
      if (f.handle.allocate !== undefined) f.handle.allocate(o, l);
      else if (f.handle.stat().size < o + l) f.handle.setSize(o + l);
    },
    /** Flush data and metadata (fsync). */
    fd_sync(fd: number): void {
      const d = fds.get(fd, Rights.FD_SYNC);
      if (d.kind === "stream") d.output?.flush?.();
      else d.handle.sync?.();
    },
    /** Flush data (fdatasync). */
    fd_datasync(fd: number): void {
      const d = fds.get(fd, Rights.FD_DATASYNC);
      if (d.kind === "stream") d.output?.flush?.();
      else if (d.kind === "file") (d.handle.datasync ?? d.handle.sync)?.call(d.handle);
      else d.handle.sync?.();
    },
    /** Describe a preopened directory: tag 0 and the length of its name. Not a preopen: `BADF`. */
    fd_prestat_get(fd: number, ptr: number): void {
      const name = preopenName(fd);
      ptr >>>= 0;
      mem.check(ptr, PRESTAT.size);
      mem.setU32(ptr + PRESTAT.tag, 0);
      mem.setU32(ptr + PRESTAT.nameLen, name.length);
    },
    /** Copy a preopen's name (not NUL-terminated). A buffer too small for it is `NAMETOOLONG`. */
    fd_prestat_dir_name(fd: number, ptr: number, len: number): void {
      const name = preopenName(fd);
      if ((len >>> 0) < name.length) throw new WasiError("NAMETOOLONG");
      mem.write(ptr >>> 0, name);
    },
  };
});
