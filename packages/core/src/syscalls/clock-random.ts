import type { ClockIdValue } from "../abi/constants.js";
import type { Context } from "../context.js";
import { WasiError } from "../errors.js";

/** Validate a clock id from the guest; anything but the four defined clocks is `INVAL`. */
export function clockId(id: number): ClockIdValue {
  if (id >>> 0 > 3) throw new WasiError("INVAL");
  return id as ClockIdValue;
}

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** `clock_*` and `random_get`. */
export const clockRandom = (function clockRandom(ctx: Context) {
  const { mem, clock, random } = ctx;
  const fastClock = typeof clock.nowNumber === "function";
  return {
    /** Resolution of a clock in ns (clock_getres). */
    clock_res_get(id: number, resPtr: number): void {
      const res = clock.resolution(clockId(id));
      mem.setU64(resPtr >>> 0, res);
    },
    /** Current time of a clock in ns (clock_gettime). `precision` is a hint and is ignored. */
    clock_time_get(id: number, _precision: bigint, timePtr: number): void {
      const cid = clockId(id);
      timePtr >>>= 0;
      const fast = fastClock ? clock.nowNumber!(cid) : NaN;
      if (fast === fast) {
        // Two u32 halves: no bigint on the hottest clock path.
        mem.check(timePtr, 8);
        mem.dv.setUint32(timePtr, fast % 4294967296, true);
        mem.dv.setUint32(timePtr + 4, Math.floor(fast / 4294967296), true);
        return;
      }
      mem.setU64(timePtr, clock.now(cid));
    },
    /** Fill a buffer with cryptographically secure random bytes (getrandom). */
    random_get(bufPtr: number, len: number): void {
      bufPtr >>>= 0; len >>>= 0;
      mem.check(bufPtr, len);
      random.fill(mem.view(bufPtr, len));
    },
  };
});
