import { EventType, SubClockFlags } from "./abi/constants.js";
import { SUBSCRIPTION } from "./abi/layout.js";
import type { Context } from "./context.js";

/** The part of a Web `AbortSignal` used here (the core compiles without DOM types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/*
 * How long a call that would block has to wait, as a promise: the one piece of JSPI waiting that
 * preview1 (suspend.ts) and the WASI 0.2 component layer (component/io) share. Neither waits
 * itself in JS: each awaits the promise (`whenReady`) and then runs its ordinary synchronous
 * call, which finds the data or the deadline there.
 */

/** A promise to await before reading `fd`, or null when the read will not block (or cannot be awaited). */
export function readWait(ctx: Context, fd: number): Promise<void> | null {
  const d = ctx.fds.peek(fd);
  if (d === undefined || d.kind !== "stream" || d.input === null) return null;
  const input = d.input;
  if (input.waitAsync === undefined || input.poll === undefined || input.poll(0n)) return null;
  ctx.fds.flush();
  return input.waitAsync();
}

/**
 * A promise to await before `poll_oneoff` over the `n` subscriptions at `inPtr` (in `ctx.mem`),
 * or null when something is ready now (or the subscriptions are malformed: the synchronous call
 * then reports the error). Waits for the earliest clock or the first stream that becomes
 * readable, whichever comes first; relative clocks count from `now`. The clock's timer is
 * cleared as soon as the wait is over, or once `stop` is aborted (the promise then resolves: the
 * caller asks again and finds itself stopped): a timer left pending after the guest went on
 * would keep Deno or Node running until it fires, long after the guest ended.
 */
export function pollWait(ctx: Context, inPtr: number, n: number, now: bigint, stop?: AbortSignalLike): Promise<void> | null {
  const { mem } = ctx;
  if (n === 0) return null;
  try {
    mem.check(inPtr, n * SUBSCRIPTION.size);
  } catch {
    return null;
  }
  let earliest: bigint | null = null;
  const waits: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const s = inPtr + i * SUBSCRIPTION.size;
    const tag = mem.dv.getUint8(s + SUBSCRIPTION.tag);
    if (tag === EventType.CLOCK) {
      const id = mem.dv.getUint32(s + SUBSCRIPTION.clockId, true);
      if (id > 3) return null;
      const timeout = mem.dv.getBigUint64(s + SUBSCRIPTION.clockTimeout, true);
      const abs = (mem.dv.getUint16(s + SUBSCRIPTION.clockFlags, true) & SubClockFlags.ABSTIME) !== 0;
      const rel = abs ? timeout - ctx.clock.now(id as 0 | 1 | 2 | 3) : timeout;
      if (rel <= 0n) return null;
      const deadline = now + rel;
      if (earliest === null || deadline < earliest) earliest = deadline;
    } else if (tag === EventType.FD_READ) {
      const wait = readWait(ctx, mem.dv.getUint32(s + SUBSCRIPTION.fd, true));
      if (wait === null) return null;
      waits.push(wait);
    } else {
      return null;
    }
  }
  ctx.fds.flush();
  if (earliest === null) return waits.length === 0 ? null : Promise.race(waits);
  const ms = Math.ceil(Number(earliest - now) / 1e6);
  let timer: unknown;
  let stopped = (): void => {};
  waits.push(new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    stopped = resolve;
  }));
  if (stop !== undefined) stop.addEventListener("abort", stopped, { once: true });
  const race = waits.length === 1 ? waits[0]! : Promise.race(waits);
  const clear = (): void => {
    clearTimeout(timer);
    stop?.removeEventListener("abort", stopped);
  };
  race.then(clear, clear);
  return race;
}

/**
 * `then()` once `wait()` reports nothing left to wait for: at once (synchronously) when it
 * returns null, else after each promise it returns, asked again (a timer may fire a little before
 * the clock the deadline is on reaches it; the synchronous call must then not block).
 */
export function whenReady<T>(wait: () => Promise<void> | null, then: () => T): T | Promise<T> {
  const first = wait();
  if (first === null) return then();
  const again = (): T | Promise<T> => {
    const next = wait();
    return next === null ? then() : next.then(again);
  };
  return first.then(again);
}
