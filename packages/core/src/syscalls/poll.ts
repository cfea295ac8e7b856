import { ClockId, EventRwFlags, EventType, Rights, SubClockFlags, type ClockIdValue } from "../abi/constants.js";
import { Errno } from "../abi/errno.js";
import { EVENT, SUBSCRIPTION } from "../abi/layout.js";
import type { Context } from "../context.js";
import { WasiError } from "../errors.js";
import { clockId } from "./clock-random.js";

// Sizes as module constants: each use is then a number in the bundle, not a property load.
const { size: SUB_SIZE } = SUBSCRIPTION;
const { size: EVENT_SIZE } = EVENT;

/** Upper bound on one sleep slice while also watching streams, so readiness is noticed promptly. */
const WATCH_SLICE_NS = 10_000_000n;

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** `poll_oneoff`. */
export const pollCalls = (function pollCalls(ctx: Context) {
  const { mem, fds, clock } = ctx;

  // Per-call state kept in reusable arrays: subscriptions are decoded once, then re-checked.
  const deadlines: (bigint | null)[] = [];

  /**
   * The event for the subscription at `sub`: its userdata copied as two u32 (no BigInt per event)
   * and every padding byte zeroed by the stores themselves (no fill call): error (u16) and type
   * (u8) share one u32, flags (u16) another. Both are read before anything is written, so an
   * event written over its own subscription is still right.
   */
  function writeEvent(out: number, sub: number, error: number, type: number, nbytes: bigint, flags: number): void {
    const dv = mem.dv;
    const lo = dv.getUint32(sub, true);
    const hi = dv.getUint32(sub + 4, true);
    dv.setUint32(out, lo, true);
    dv.setUint32(out + 4, hi, true);
    dv.setUint32(out + EVENT.error, error | (type << 16), true);
    dv.setUint32(out + 12, 0, true);
    dv.setBigUint64(out + EVENT.nbytes, nbytes, true);
    dv.setUint32(out + EVENT.flags, flags, true);
    dv.setUint32(out + 28, 0, true);
  }

  /**
   * The state of one fd subscription: `[errno, nbytes, flags]` when it is ready or failed, null
   * when it is still pending. A stream may be waited on for `waitNs` first.
   */
  function fdState(tag: number, fd: number, waitNs: bigint): [number, bigint, number] | null {
    const d = fds.peek(fd);
    if (d === undefined) return [Errno.BADF, 0n, 0];
    if ((d.rightsBase & Rights.POLL_FD_READWRITE) === 0) return [Errno.NOTCAPABLE, 0n, 0];
    if (d.kind === "directory") return [Errno.ISDIR, 0n, 0];
    if (d.kind === "file") {
      // Regular files are always ready; a read reports the bytes left after the cursor.
      const size = d.handle.stat().size;
      return [0, tag === EventType.FD_READ && size > d.position ? size - BigInt(d.position) : 0n, 0];
    }
    const end = tag === EventType.FD_WRITE ? d.output : d.input;
    if (end === null) return [Errno.BADF, 0n, EventRwFlags.HANGUP];
    if (tag === EventType.FD_WRITE || d.input?.poll === undefined) return [0, tag === EventType.FD_READ ? 1n : 0n, 0];
    return d.input.poll(waitNs) ? [0, 1n, 0] : null;
  }

  /**
   * Check fd subscriptions once, writing an event for each that is ready (or failed). The first
   * pending stream may be waited on for `waitNs` (0: not at all). Returns events written.
   */
  function checkFds(subs: number, n: number, out: number, waitNs: bigint, written: number): number {
    let count = written;
    for (let i = 0; i < n; i++) {
      const s = subs + i * SUB_SIZE;
      const tag = mem.dv.getUint8(s + SUBSCRIPTION.tag);
      if (tag !== EventType.FD_READ && tag !== EventType.FD_WRITE) continue;
      const state = fdState(tag, mem.dv.getUint32(s + SUBSCRIPTION.fd, true), count === written ? waitNs : 0n);
      if (state !== null) {
        writeEvent(out + count++ * EVENT_SIZE, s, state[0], tag, state[1], state[2]);
      }
    }
    return count;
  }

  /**
   * A clock subscription as a deadline on the monotonic clock, never earlier than the guest asked:
   * relative timeouts count from the start of the call; an absolute monotonic time is the deadline
   * itself; an absolute time on another clock is converted with that clock read before the
   * monotonic one, so the conversion can only err late.
   */
  function monotonicDeadline(id: ClockIdValue, timeout: bigint, absolute: boolean, start: bigint): bigint {
    if (!absolute) return start + timeout;
    if (id === ClockId.MONOTONIC) return timeout;
    const other = clock.now(id);
    return clock.now(ClockId.MONOTONIC) + (timeout > other ? timeout - other : 0n);
  }

  return {
    /**
     * Wait for any of `n` subscriptions (poll/ppoll). Clock subscriptions are relative or absolute
     * (`ABSTIME`) on any clock; the earliest deadline wins, and every expired clock is reported.
     * Descriptor subscriptions report readiness, or their error in the event (`BADF`, ...).
     * Blocks through the host's sleep (the default one spins only the last 0.2 ms of it) and
     * streams' `poll`; output is flushed first. Zero subscriptions is `INVAL`.
     */
    poll_oneoff(inPtr: number, outPtr: number, n: number, neventsPtr: number): void {
      inPtr >>>= 0; outPtr >>>= 0; n >>>= 0; neventsPtr >>>= 0;
      if (n === 0) throw new WasiError("INVAL");
      mem.check(inPtr, n * SUB_SIZE);
      mem.check(outPtr, n * EVENT_SIZE);
      mem.check(neventsPtr, 4);

      // Decode clocks into monotonic deadlines; an invalid clock is reported as an event error.
      let written = 0;
      let earliest: bigint | null = null;
      let hasFds = false;
      const mono = ClockId.MONOTONIC;
      // The clock is read once here: the deadlines count from it (from the start of the wait when
      // the call resumes after a JSPI wait), and it is also the first "now", so that a clock
      // already due (a zero timeout, program 7's polls) is reported without reading it again.
      // With streams, it is read again after each check of them.
      let now = clock.now(mono);
      const start = ctx.pollStartedAt ?? now;
      ctx.pollStartedAt = null;
      deadlines.length = n;
      for (let i = 0; i < n; i++) {
        const s = inPtr + i * SUB_SIZE;
        const tag = mem.dv.getUint8(s + SUBSCRIPTION.tag);
        deadlines[i] = null;
        if (tag === EventType.FD_READ || tag === EventType.FD_WRITE) { hasFds = true; continue; }
        if (tag !== EventType.CLOCK) {
          writeEvent(outPtr + written++ * EVENT_SIZE, s, Errno.INVAL, tag, 0n, 0);
          continue;
        }
        const id = mem.dv.getUint32(s + SUBSCRIPTION.clockId, true);
        const timeout = mem.dv.getBigUint64(s + SUBSCRIPTION.clockTimeout, true);
        const flags = mem.dv.getUint16(s + SUBSCRIPTION.clockFlags, true);
        let deadline: bigint;
        try {
          deadline = monotonicDeadline(clockId(id), timeout, (flags & SubClockFlags.ABSTIME) !== 0, start);
        } catch (e) {
          if (!(e instanceof WasiError)) throw e;
          writeEvent(outPtr + written++ * EVENT_SIZE, s, e.errno, EventType.CLOCK, 0n, 0);
          continue;
        }
        deadlines[i] = deadline;
        if (earliest === null || deadline < earliest) earliest = deadline;
      }

      // Output is pushed out before the call can block, not when it returns at once.
      if (hasFds) ctx.fds.flush();
      for (;;) {
        let count = written;
        if (hasFds) {
          const remaining = earliest === null ? null : earliest > now ? earliest - now : 0n;
          // Wait on streams only when nothing else is due; slice the wait so several streams are watched.
          const wait = count > 0 || remaining === 0n ? 0n : remaining === null ? WATCH_SLICE_NS : remaining < WATCH_SLICE_NS ? remaining : WATCH_SLICE_NS;
          count = checkFds(inPtr, n, outPtr, wait, written);
          now = clock.now(mono);
        }
        for (let i = 0; i < n; i++) {
          const dl = deadlines[i];
          if (dl === null || dl === undefined || dl > now) continue;
          writeEvent(outPtr + count++ * EVENT_SIZE, inPtr + i * SUB_SIZE, 0, EventType.CLOCK, 0n, 0);
        }
        if (count > 0) {
          mem.setU32(neventsPtr, count);
          return;
        }
        // Clocks alone (every other subscription would have written an event), none due yet.
        if (!hasFds) {
          ctx.fds.flush();
          ctx.sleep(earliest! - now);
          now = clock.now(mono);
        }
      }
    },
  };
});
