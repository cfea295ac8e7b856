import { ClockId, systemClock, type Clock, type ClockIdValue } from "@anywasi/core";

function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/**
 * Node's clocks: the core's realtime and monotonic clocks (performance.now() has sub-microsecond
 * steps on Node, and the same source serves both the bigint and the fast number path), and
 * `process.cpuUsage` (µs) for the CPU-time clocks — the guest runs on this thread, so process and
 * thread CPU time are the process's.
 */
export const nodeClock: Clock = {
  now(id: ClockIdValue): bigint {
    if (id === ClockId.PROCESS_CPUTIME_ID || id === ClockId.THREAD_CPUTIME_ID) return BigInt(cpuNs());
    return systemClock.now(id);
  },
  nowNumber(id: ClockIdValue): number {
    if (id === ClockId.PROCESS_CPUTIME_ID || id === ClockId.THREAD_CPUTIME_ID) return cpuNs();
    return systemClock.nowNumber!(id);
  },
  resolution(id: ClockIdValue): bigint {
    if (id === ClockId.PROCESS_CPUTIME_ID || id === ClockId.THREAD_CPUTIME_ID) return 1000n;
    return systemClock.resolution(id);
  },
};
