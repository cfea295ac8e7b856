import { ClockId, systemClock, type Clock, type ClockIdValue } from "@anywasi/core";

function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/**
 * Node's clocks: the core's realtime and monotonic clocks (on Node they read
 * `process.hrtime.bigint()`, ns steps), and `process.cpuUsage` (µs) for the CPU-time clocks — the
 * guest runs on this thread, so process and thread CPU time are the process's.
 */
export const nodeClock: Clock = {
  now(id: ClockIdValue): bigint {
    if (id === ClockId.PROCESS_CPUTIME_ID || id === ClockId.THREAD_CPUTIME_ID) return BigInt(cpuNs());
    return systemClock.now(id);
  },
  resolution(id: ClockIdValue): bigint {
    if (id === ClockId.PROCESS_CPUTIME_ID || id === ClockId.THREAD_CPUTIME_ID) return 1000n;
    return systemClock.resolution(id);
  },
};
