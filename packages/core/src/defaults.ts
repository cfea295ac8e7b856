import { ClockId, type ClockIdValue } from "./abi/constants.js";
import { WasiError } from "./errors.js";
import type { Clock, InputStream, OutputStream, Random } from "./host.js";

declare const SharedArrayBuffer: { new (length: number): ArrayBufferLike } | undefined;
declare const Atomics: { wait(a: Int32Array, index: number, value: number, timeoutMs?: number): string };

const MS = 1_000_000;

/**
 * `process.hrtime.bigint` where the engine is Node (or one that presents itself as Node: Deno,
 * Bun): the monotonic clock in ns, read in about half the time of `performance.now()` and with no
 * float-to-integer conversion (bench/micro/syscalls.mjs: ~42 ns against ~70 ns per
 * clock_time_get on Node 20). Found by feature detection, not by import: the core imports no
 * `node:` module.
 */
const hrtimeBigint = ((): (() => bigint) | null => {
  // Anything missing on the way (no process, no hrtime, not callable) throws: no hrtime then.
  try {
    const p = (globalThis as unknown as { process: { release: { name: unknown }; hrtime: { bigint: () => unknown } } }).process;
    const f = p.hrtime.bigint;
    return p.release.name === "node" && typeof f() === "bigint" ? (f as () => bigint) : null;
  } catch {
    return null;
  }
})();
/**
 * Milliseconds on a monotonic timeline: hrtime where there is one, so that on Node the core never
 * touches `globalThis.performance`, whose first use loads Node's perf_hooks (0.65 ms, 0.6 MiB).
 */
const nowMs: () => number = hrtimeBigint === null ? () => performance.now() : () => Number(hrtimeBigint()) / MS;
// Without hrtime, realtime is anchored once to Date.now() and then advanced with performance.now(),
// which gives sub-millisecond steps that Date.now() alone cannot. The CPU-time clocks count from here too.
const startedAt = nowMs();
const epochAtStartNs = BigInt(Date.now()) * 1_000_000n - BigInt(Math.round(startedAt * MS));
// With hrtime, realtime is the same anchor plus hrtime's ns (one bigint add, no float).
const hrEpochNs = hrtimeBigint === null ? 0n : BigInt(Date.now()) * 1_000_000n - hrtimeBigint();

let measured = 0n;
/** Smallest observed step of the monotonic source, in ns: an honest resolution for this engine. */
function measuredResolution(): bigint {
  if (measured !== 0n) return measured;
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const a = nowMs();
    let b = nowMs();
    let spins = 0;
    while (b === a && spins++ < 1_000_000) b = nowMs();
    if (b > a) best = Math.min(best, b - a);
  }
  measured = BigInt(Math.max(1, Math.round(Number.isFinite(best) ? best * MS : MS)));
  return measured;
}

function cpuNow(id: ClockIdValue): bigint {
  // 2 and 3: PROCESS_CPUTIME_ID and THREAD_CPUTIME_ID.
  if (id !== 2 && id !== 3) throw new WasiError("INVAL");
  return BigInt(Math.round((nowMs() - startedAt) * MS));
}

function resolution(id: ClockIdValue): bigint {
  if (id < 0 || id > 3) throw new WasiError("INVAL");
  return measuredResolution();
}

/** `performance.now()` based: every engine. Offers the bigint-free `nowNumber` path. */
const performanceClock: Clock = {
  now(id: ClockIdValue): bigint {
    return id === ClockId.MONOTONIC ? BigInt(Math.round(performance.now() * MS))
      : id === ClockId.REALTIME ? epochAtStartNs + BigInt(Math.round(performance.now() * MS))
      : cpuNow(id);
  },
  nowNumber(id: ClockIdValue): number {
    if (id === ClockId.MONOTONIC) return Math.round(performance.now() * MS);
    if (id === ClockId.REALTIME) return NaN;
    return Math.round((nowMs() - startedAt) * MS);
  },
  resolution,
};

/** `process.hrtime.bigint` based: cheaper than `performance.now()` even with its bigint. */
const hrtimeClock = (hr: () => bigint): Clock => ({
  now(id: ClockIdValue): bigint {
    if (id === ClockId.MONOTONIC) return hr();
    if (id === ClockId.REALTIME) return hrEpochNs + hr();
    return cpuNow(id);
  },
  resolution,
});

/**
 * The default clock: realtime from `Date.now()` refined by a monotonic source, monotonic from
 * `process.hrtime.bigint()` where the engine has it (Node, Deno, Bun) and `performance.now()`
 * elsewhere. JavaScript has no portable CPU-time source, so the two CPU-time clocks count wall
 * time since this module loaded (a synchronous guest is always running); hosts that can do better
 * (Node's `process.cpuUsage`) supply their own clock.
 */
export const systemClock: Clock = hrtimeBigint === null ? performanceClock : hrtimeClock(hrtimeBigint);

let waitCell: Int32Array | null | undefined;
/**
 * How much of a sleep is spun rather than waited, in ms. `Atomics.wait` wakes ~0.1–0.2 ms after
 * its timeout on Linux (timer slack, then the wake-up), 10–20 % on every 1 ms sleep; waiting for
 * all but this much and spinning the rest ends the sleep within a few µs of its deadline
 * (bench/micro/sleep.mjs). The spin is what the wait's lateness did not already cover: usually
 * well under this bound.
 */
const SPIN_MS = 0.2;
/**
 * Block for `ns` without burning CPU where the engine allows (`Atomics.wait` works in Node, Deno,
 * workers) but for at most the last `SPIN_MS`; on a browser main thread, where it throws, spin on
 * the clock throughout.
 */
export function blockingSleep(ns: bigint): void {
  if (ns <= 0n) return;
  if (waitCell === undefined) {
    try {
      waitCell = typeof SharedArrayBuffer === "function" ? new Int32Array(new SharedArrayBuffer(4)) : null;
      if (waitCell !== null) Atomics.wait(waitCell, 0, 0, 0);
    } catch {
      waitCell = null;
    }
  }
  const end = nowMs() + Number(ns) / MS;
  // Atomics.wait may also wake early on some engines: the loops end only at the deadline.
  for (let left = end - nowMs(); waitCell && left > SPIN_MS; left = end - nowMs()) {
    Atomics.wait(waitCell, 0, 0, left - SPIN_MS);
  }
  while (nowMs() < end) { /* the last SPIN_MS, or all of it where nothing can block */ }
}

/** The most one `getRandomValues` call may fill. */
const RANDOM_CHUNK = 65536;
// Small requests are served from a pool refilled 64 KiB at a time (the most one call may fill): getRandomValues costs about a
// microsecond per call whatever the size, and programs often ask for a few bytes at a time.
const pool = new Uint8Array(RANDOM_CHUNK);
let poolPos = RANDOM_CHUNK;

/**
 * `crypto.getRandomValues`, pooled for small requests and in 64 KiB chunks (its per-call limit)
 * for large ones. Views of shared memory are filled by copying, because the API rejects them.
 * Pooled bytes are used once and never handed out twice.
 */
export const cryptoRandom: Random = {
  fill(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n <= 256) {
      if (poolPos + n > RANDOM_CHUNK) {
        crypto.getRandomValues(pool);
        poolPos = 0;
      }
      for (let i = 0; i < n; i++) bytes[i] = pool[poolPos + i]!;
      pool.fill(0, poolPos, poolPos + n);
      poolPos += n;
      return;
    }
    const shared = !(bytes.buffer instanceof ArrayBuffer);
    for (let off = 0; off < n; off += RANDOM_CHUNK) {
      const len = Math.min(RANDOM_CHUNK, n - off);
      if (shared) {
        const tmp = new Uint8Array(len);
        crypto.getRandomValues(tmp);
        bytes.set(tmp, off);
      } else {
        crypto.getRandomValues(bytes.subarray(off, off + len));
      }
    }
  },
};

/** A stdin that is at end of file from the start. */
export const emptyInput: InputStream = { read: () => 0, poll: () => true };
/** An output that drops everything. */
export const discardOutput: OutputStream = { write: () => {} };
