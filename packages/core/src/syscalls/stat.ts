import { ClockId, FdFlags, FstFlags } from "../abi/constants.js";
import { FILESTAT } from "../abi/layout.js";
import type { Context } from "../context.js";
import { WasiError } from "../errors.js";
import type { FileStat, TimeUpdate } from "../host.js";
import type { GuestMemory } from "../memory.js";

/** Every defined fdflag (`fd_fdstat_set_flags`, `path_open`): others are `INVAL`. */
export const FDFLAGS_ALL = FdFlags.APPEND | FdFlags.DSYNC | FdFlags.NONBLOCK | FdFlags.RSYNC | FdFlags.SYNC;

/** Write a 64-byte `filestat` at `ptr` (checked first, so nothing is half-written). */
export function writeFilestat(mem: GuestMemory, ptr: number, st: FileStat): void {
  mem.check(ptr, FILESTAT.size);
  const dv = mem.dv;
  dv.setBigUint64(ptr + FILESTAT.dev, st.dev, true);
  dv.setBigUint64(ptr + FILESTAT.ino, st.ino, true);
  dv.setBigUint64(ptr + FILESTAT.filetype, 0n, true);
  dv.setUint8(ptr + FILESTAT.filetype, st.filetype);
  dv.setBigUint64(ptr + FILESTAT.nlink, st.nlink, true);
  dv.setBigUint64(ptr + FILESTAT.fileSize, st.size, true);
  dv.setBigUint64(ptr + FILESTAT.atim, st.atim, true);
  dv.setBigUint64(ptr + FILESTAT.mtim, st.mtim, true);
  dv.setBigUint64(ptr + FILESTAT.ctim, st.ctim, true);
}

/**
 * Decode `fstflags` into the two updates: `ATIM` with `ATIM_NOW` (or `MTIM` with `MTIM_NOW`) and
 * unknown bits are `INVAL`; `*_NOW` takes the realtime clock.
 */
export function timeUpdates(ctx: Context, atim: bigint, mtim: bigint, flags: number): [TimeUpdate, TimeUpdate] {
  const F = FstFlags;
  const A = F.ATIM | F.ATIM_NOW;
  const M = F.MTIM | F.MTIM_NOW;
  if ((flags & ~(A | M)) !== 0 || (flags & A) === A || (flags & M) === M) throw new WasiError("INVAL");
  const now = (flags & (F.ATIM_NOW | F.MTIM_NOW)) !== 0 ? ctx.clock.now(ClockId.REALTIME) : 0n;
  const a = (flags & F.ATIM) !== 0 ? BigInt.asUintN(64, atim) : (flags & F.ATIM_NOW) !== 0 ? now : null;
  const m = (flags & F.MTIM) !== 0 ? BigInt.asUintN(64, mtim) : (flags & F.MTIM_NOW) !== 0 ? now : null;
  return [a, m];
}
