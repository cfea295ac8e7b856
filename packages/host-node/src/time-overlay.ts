import type * as fs from "node:fs";

/**
 * Node's `utimes` family takes seconds as a double, which cannot carry every nanosecond. To keep
 * WASI's promise that a time set is the time read back, the exact value is remembered per inode
 * and reported while the disk still holds the (rounded) value it was set to; any later change on
 * disk wins.
 */
export class TimeOverlay {
  private readonly exact = new Map<string, { atim: bigint; mtim: bigint; diskA: bigint; diskM: bigint }>();

  /** Whether any time is overlaid (else `get` returns the disk's times). */
  get active(): boolean {
    return this.exact.size > 0;
  }

  /** Remember that `st` (read right after setting) stands for the exact `atim`/`mtim`. */
  set(st: fs.BigIntStats, atim: bigint, mtim: bigint): void {
    this.exact.set(`${st.dev}:${st.ino}`, { atim, mtim, diskA: st.atimeNs, diskM: st.mtimeNs });
  }

  /** The times to report for `st`. */
  get(st: fs.BigIntStats): { atim: bigint; mtim: bigint } {
    if (this.exact.size === 0) return { atim: st.atimeNs, mtim: st.mtimeNs };
    const e = this.exact.get(`${st.dev}:${st.ino}`);
    if (e === undefined) return { atim: st.atimeNs, mtim: st.mtimeNs };
    return {
      atim: e.diskA === st.atimeNs ? e.atim : st.atimeNs,
      mtim: e.diskM === st.mtimeNs ? e.mtim : st.mtimeNs,
    };
  }
}
