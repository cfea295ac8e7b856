import { ClockId, EventType, SubClockFlags } from "./abi/constants.js";
import { SUBSCRIPTION } from "./abi/layout.js";
import type { Context } from "./context.js";
import type { ImportFunction, Preview1Name } from "./imports.js";

/** True when the engine has JSPI (`WebAssembly.Suspending` and `WebAssembly.promising`). */
export function hasJSPI(): boolean {
  return typeof WebAssembly.Suspending === "function" && typeof WebAssembly.promising === "function";
}

/**
 * Wrap the two calls that can wait — `fd_read` and `poll_oneoff` — so that, on an engine with
 * JSPI, the guest is suspended (the thread stays free) until the wait is over, and then the
 * ordinary synchronous syscall runs and finds its data ready. Nothing is implemented twice: the
 * wrappers only decide whether and how long to wait. A call that would not block does not
 * suspend at all.
 */
export function suspendingImports(ctx: Context, imports: Record<Preview1Name, ImportFunction>): Record<Preview1Name, ImportFunction> {
  const Suspending = WebAssembly.Suspending!;
  const fdRead = imports.fd_read;
  const poll = imports.poll_oneoff;
  // A Suspending object is what the engine wants as the import; to TypeScript it stands in for the function.
  const suspend = (f: (...args: number[]) => number | Promise<number>) => new Suspending(f) as unknown as ImportFunction;
  return {
    ...imports,
    fd_read: suspend((fd: number, iovs: number, n: number, out: number) => {
      const wait = readWait(ctx, fd);
      return wait === null ? fdRead(fd, iovs, n, out) : wait.then(() => fdRead(fd, iovs, n, out));
    }),
    poll_oneoff: suspend((inPtr: number, outPtr: number, n: number, nevents: number) => {
      const startedAt = ctx.clock.now(ClockId.MONOTONIC);
      const wait = pollWait(ctx, inPtr >>> 0, n >>> 0, startedAt);
      if (wait === null) return poll(inPtr, outPtr, n, nevents);
      return wait.then(() => {
        ctx.pollStartedAt = startedAt;
        return poll(inPtr, outPtr, n, nevents);
      });
    }),
  };
}

/** A promise to await before reading `fd`, or null when the read will not block. */
function readWait(ctx: Context, fd: number): Promise<void> | null {
  const d = ctx.fds.peek(fd);
  if (d === undefined || d.kind !== "stream" || d.input === null) return null;
  const input = d.input;
  if (input.waitAsync === undefined || input.poll === undefined || input.poll(0n)) return null;
  ctx.flushOutputs();
  return input.waitAsync();
}

/**
 * A promise to await before polling, or null when something is ready now (or the subscriptions
 * are malformed: the synchronous call then reports the error). Waits for the earliest clock or the
 * first stream that becomes readable, whichever comes first.
 */
function pollWait(ctx: Context, inPtr: number, n: number, now: bigint): Promise<void> | null {
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
  ctx.flushOutputs();
  if (earliest !== null) {
    const ms = Number(earliest - now) / 1e6;
    waits.push(new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(ms))));
  }
  return waits.length === 0 ? null : Promise.race(waits);
}
