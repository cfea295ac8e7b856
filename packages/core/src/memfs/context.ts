/**
 * Per-filesystem state that every inode and handle of one MemFS shares: its device number, its
 * inode counter and its time source.
 */

/**
 * Device numbers are spread from a recognisable base ("MEM" in ASCII) so that they are unlikely to
 * collide with the small device numbers real filesystems report when a guest mixes preopens.
 */
const DEV_BASE = 0x4d454d_00000000n;
let devCounter = 0n;

/**
 * Default time source: ns since the Unix epoch with sub-millisecond precision where the engine
 * offers it. `timeOrigin` is split into whole ms and a fraction because `timeOrigin * 1e6` does not
 * fit a double exactly. This reads the monotonic clock, so over a long run it may drift from
 * `Date.now()` by a few ms; pass the runtime's realtime clock as `now` when that matters.
 */
export function defaultNow(): bigint {
  if (typeof performance === "undefined") return BigInt(Date.now()) * 1_000_000n;
  return originNs + BigInt(Math.round(performance.now() * 1e6));
}

const originNs: bigint =
  typeof performance === "undefined"
    ? 0n
    : BigInt(Math.trunc(performance.timeOrigin)) * 1_000_000n +
      BigInt(Math.round((performance.timeOrigin % 1) * 1e6));

/** Shared state of one MemFS instance. */
export class FsContext {
  /** Device number reported by every inode of this filesystem. */
  readonly dev: bigint;
  /** Current time in ns since the Unix epoch. */
  readonly now: () => bigint;
  private lastIno = 0n;

  constructor(now: () => bigint) {
    this.dev = DEV_BASE + devCounter++;
    this.now = now;
  }

  /** A fresh inode number; the first one (the root's) is 1. */
  nextIno(): bigint {
    return ++this.lastIno;
  }
}
