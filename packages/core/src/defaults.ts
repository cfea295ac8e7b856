import { ClockId, type ClockIdValue } from "./abi/constants.js";
import { WasiError } from "./errors.js";
import type { Clock, InputStream, OutputStream, Random } from "./host.js";

declare const SharedArrayBuffer: { new (length: number): ArrayBufferLike } | undefined;
declare const Atomics: { wait(a: Int32Array, index: number, value: number, timeoutMs?: number): string };

const MS = 1_000_000;
// Realtime is anchored once to Date.now() and then advanced with performance.now(), which gives
// sub-millisecond steps that Date.now() alone cannot. The CPU-time clocks count from here too.
const startedAt = performance.now();
const epochAtStartNs = BigInt(Date.now()) * BigInt(MS) - BigInt(Math.round(startedAt * MS));

let measured = 0n;
/** Smallest observed step of performance.now(), in ns: an honest resolution for this engine. */
function measuredResolution(): bigint {
  if (measured !== 0n) return measured;
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const a = performance.now();
    let b = performance.now();
    let spins = 0;
    while (b === a && spins++ < 1_000_000) b = performance.now();
    if (b > a) best = Math.min(best, b - a);
  }
  measured = BigInt(Math.max(1, Math.round((Number.isFinite(best) ? best : 1) * MS)));
  return measured;
}

/**
 * The default clock: realtime from `Date.now()` refined by `performance.now()`, monotonic from
 * `performance.now()`. JavaScript has no portable CPU-time source, so the two CPU-time clocks
 * count wall time since this module loaded (a synchronous guest is always running); hosts that
 * can do better (Node's `process.cpuUsage`) supply their own clock.
 */
export const systemClock: Clock = {
  now(id: ClockIdValue): bigint {
    switch (id) {
      case ClockId.REALTIME: return epochAtStartNs + BigInt(Math.round(performance.now() * MS));
      case ClockId.MONOTONIC: return BigInt(Math.round(performance.now() * MS));
      case ClockId.PROCESS_CPUTIME_ID:
      case ClockId.THREAD_CPUTIME_ID: return BigInt(Math.round((performance.now() - startedAt) * MS));
      default: throw new WasiError("INVAL");
    }
  },
  nowNumber(id: ClockIdValue): number {
    if (id === ClockId.MONOTONIC) return Math.round(performance.now() * MS);
    if (id === ClockId.REALTIME) return NaN;
    return Math.round((performance.now() - startedAt) * MS);
  },
  resolution(id: ClockIdValue): bigint {
    if (id < 0 || id > 3) throw new WasiError("INVAL");
    return measuredResolution();
  },
};

let waitCell: Int32Array | null | undefined;
/**
 * Block for `ns` without burning CPU where the engine allows (`Atomics.wait` works in Node, Deno,
 * workers); on a browser main thread, where it throws, fall back to spinning on the clock.
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
  const end = performance.now() + Number(ns) / MS;
  if (waitCell !== null) {
    // Atomics.wait may wake early on some engines; loop until the deadline really passed.
    for (let left = end - performance.now(); left > 0; left = end - performance.now()) {
      Atomics.wait(waitCell, 0, 0, left);
    }
    return;
  }
  while (performance.now() < end) { /* no way to block here: documented fallback */ }
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
