import { FileType, Rights } from "../abi/constants.js";
import { DIRENT } from "../abi/layout.js";
import type { Context } from "../context.js";
import type { DirEntry } from "../host.js";
import { utf8 } from "../memory.js";

/** Write the `dirent` header of entry `e` (cookie `next`, name of `namlen` bytes) at `at`. */
function writeDirent(dv: DataView, at: number, next: number, e: DirEntry, namlen: number): void {
  // A cookie is an index below 2^32: two u32 stores, no bigint per entry.
  dv.setUint32(at + DIRENT.next, next, true);
  dv.setUint32(at + DIRENT.next + 4, 0, true);
  dv.setBigUint64(at + DIRENT.ino, e.ino, true);
  dv.setUint32(at + DIRENT.namlen, namlen, true);
  dv.setUint32(at + DIRENT.type, e.filetype, true);
}

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** `fd_readdir`. */
export const fdDir = (function fdDir(ctx: Context) {
  const { mem, fds } = ctx;
  return {
    /**
     * List a directory (getdents). Entry `i` of a snapshot has cookie `i + 1`; the snapshot is taken
     * when the guest starts from cookie 0, so later cookies stay valid while the guest pages
     * through it and a full listing costs one host call. `.` and `..` come first. Returns
     * `bufused == len` when the buffer filled up (possibly mid-entry).
     */
    fd_readdir(fd: number, buf: number, len: number, cookie: bigint, bufusedPtr: number): void {
      const d = fds.directory(fd, Rights.FD_READDIR);
      buf >>>= 0; len >>>= 0; bufusedPtr >>>= 0;
      mem.check(buf, len);
      mem.check(bufusedPtr, 4);
      const c = BigInt.asUintN(64, cookie);
      if (c === 0n || d.listing === null) {
        const own = d.handle.stat();
        const dot: DirEntry = { name: ".", filetype: FileType.DIRECTORY, ino: own.ino };
        const dotdot: DirEntry = { name: "..", filetype: FileType.DIRECTORY, ino: d.parentIno ?? own.ino };
        d.listing = [dot, dotdot, ...d.handle.readDirectory()];
      }
      const listing = d.listing;
      const u8 = mem.u8;
      const dv = mem.dv;
      let used = 0;
      for (let i = c > BigInt(listing.length) ? listing.length : Number(c); i < listing.length && used < len; i++) {
        const e = listing[i]!;
        const at = buf + used;
        const room = len - used;
        // The common case writes the entry straight into guest memory; ASCII names need no encoder.
        const namlen = room > DIRENT.size ? encodeName(e.name, u8, at + DIRENT.size, room - DIRENT.size) : -1;
        if (namlen >= 0) {
          writeDirent(dv, at, i + 1, e, namlen);
          used += DIRENT.size + namlen;
          continue;
        }
        // It does not fit: assemble it aside and copy what fits, so that the entry cut by the end
        // of the buffer is written partially, as the spec wants (the guest retries with more room).
        const name = utf8(e.name);
        const whole = new Uint8Array(DIRENT.size + name.length);
        writeDirent(new DataView(whole.buffer), 0, i + 1, e, name.length);
        whole.set(name, DIRENT.size);
        u8.set(whole.subarray(0, room), at);
        used = len;
      }
      mem.setU32(bufusedPtr, used);
    },
  };
});

/**
 * Write `name` as UTF-8 at `at` if it fits in `room` bytes; returns its length, or -1 when it does
 * not fit (nothing meaningful is written then).
 */
function encodeName(name: string, u8: Uint8Array, at: number, room: number): number {
  const n = name.length;
  if (n > room) return -1;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80) {
      const bytes = utf8(name);
      if (bytes.length > room) return -1;
      u8.set(bytes, at);
      return bytes.length;
    }
    u8[at + i] = c;
  }
  return n;
}
