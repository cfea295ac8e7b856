import { ClockId } from "../abi/constants.js";
import { systemClock } from "../defaults.js";

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
 * Default time source: the runtime's realtime clock, so that file times and `clock_time_get` agree
 * (a file written just after a clock reading never looks older than it).
 */
export function defaultNow(): bigint {
  return systemClock.now(ClockId.REALTIME);
}

/** Shared state of one MemFS instance. */
export class FsContext {
  /** Device number reported by every inode of this filesystem. */
  declare readonly dev: bigint;
  /** Current time in ns since the Unix epoch. */
  declare readonly now: () => bigint;
  #lastIno = 0n;

  constructor(now: () => bigint) {
    this.dev = DEV_BASE + devCounter++;
    this.now = now;
  }

  /** A fresh inode number; the first one (the root's) is 1. */
  nextIno(): bigint {
    return ++this.#lastIno;
  }
}
