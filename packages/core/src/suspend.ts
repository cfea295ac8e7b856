import { ClockId } from "./abi/constants.js";
import type { Context } from "./context.js";
import type { ImportFunction, Preview1Name } from "./imports.js";
import { pollWait, readWait } from "./wait.js";

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
