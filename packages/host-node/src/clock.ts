import { ClockId, WasiError, blockingSleep, systemClock, type Clock, type ClockIdValue } from "@anywasi/core";

const hrStart = process.hrtime.bigint();
const epochStart = BigInt(Date.now()) * 1_000_000n;

/**
 * Node's clocks: `process.hrtime` (ns) for monotonic and realtime, `process.cpuUsage` (µs) for
 * the CPU-time clocks — the guest runs on this thread, so process and thread CPU time are the
 * process's.
 */
export const nodeClock: Clock = {
  now(id: ClockIdValue): bigint {
    switch (id) {
      case ClockId.REALTIME: return epochStart + (process.hrtime.bigint() - hrStart);
      case ClockId.MONOTONIC: return process.hrtime.bigint();
      case ClockId.PROCESS_CPUTIME_ID:
      case ClockId.THREAD_CPUTIME_ID: {
        const u = process.cpuUsage();
        return BigInt(u.user + u.system) * 1000n;
      }
      default: throw new WasiError("INVAL");
    }
  },
  resolution(id: ClockIdValue): bigint {
    if (id === ClockId.PROCESS_CPUTIME_ID || id === ClockId.THREAD_CPUTIME_ID) return 1000n;
    if (id === ClockId.REALTIME || id === ClockId.MONOTONIC) return 1n;
    return systemClock.resolution(id);
  },
  sleep: blockingSleep,
};
