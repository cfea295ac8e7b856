import { ClockId, WasiError, systemClock, type Clock, type ClockIdValue } from "@anywasi/core";

/** A `Clock` whose sleeps pass virtual time; see `workerClock()`. */
export interface WorkerClock extends Clock {
  /** Total virtual time the guest has slept, in ns. */
  readonly slept: bigint;
}

/**
 * The clock for guests on Cloudflare Workers. Workers freeze `Date.now()` and
 * `performance.now()` while code runs (they advance only across I/O), and a Worker cannot block
 * its thread (`Atomics.wait` throws), so a sleeping guest that waited for real time to pass would
 * spin forever. Here a sleep does not wait: it adds its length to an offset that the realtime
 * and monotonic clocks include, so the guest sees exactly the time it slept pass (and time also
 * passes across real waits: JSPI suspensions, I/O). CPU-time clocks are the base clock's.
 * Resolution is reported as 1 ms, the granularity of Workers' timers.
 *
 * Make one clock per guest run: the offset belongs to that run.
 * @param base the underlying time source (default: the core's `systemClock`).
 */
export function workerClock(base: Clock = systemClock): WorkerClock {
  let offset = 0n;
  return {
    now(id: ClockIdValue): bigint {
      const t = base.now(id);
      return id === ClockId.REALTIME || id === ClockId.MONOTONIC ? t + offset : t;
    },
    resolution(id: ClockIdValue): bigint {
      if (id < 0 || id > 3) throw new WasiError("INVAL");
      return 1_000_000n;
    },
    sleep(ns: bigint): void {
      if (ns > 0n) offset += ns;
    },
    get slept(): bigint {
      return offset;
    },
  };
}
