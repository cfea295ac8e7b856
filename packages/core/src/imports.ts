import type { Context } from "./context.js";
import { toErrno } from "./errors.js";
import { argsEnviron } from "./syscalls/args-environ.js";
import { clockRandom } from "./syscalls/clock-random.js";
import { fdDir } from "./syscalls/fd-dir.js";
import { fdIo } from "./syscalls/fd-io.js";
import { fdMeta } from "./syscalls/fd-meta.js";
import { pathCalls } from "./syscalls/path.js";
import { pollCalls } from "./syscalls/poll.js";
import { proc } from "./syscalls/proc.js";
import { sockCalls } from "./syscalls/sock.js";
import { traceEvent, type TraceEvent } from "./trace.js";

import { PREVIEW1_FUNCTIONS, type Preview1Name } from "./abi/signatures.js";
export { PREVIEW1_FUNCTIONS, type Preview1Name };

// Arguments are i32 (number) or i64 (bigint), as the JS-API passes them.
type Arg = number & bigint;
/**
 * A syscall as implemented: returns nothing on success and throws `WasiError` on failure, or
 * returns its errno (`fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`: fd-io.ts says why).
 */
type Syscall = (...args: Arg[]) => void | number;
/** A syscall as the guest sees it: returns an errno. */
export type ImportFunction = (...args: (number | bigint)[]) => number;

/** Called after every syscall when tracing is on. */
export type TraceHook = (event: TraceEvent) => void;

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** All 46 syscalls implemented over `ctx`. A missing one is a type error here. */
export const syscalls = (function syscalls(ctx: Context): Record<Preview1Name, Syscall> {
  const table = {
    ...argsEnviron(ctx), ...clockRandom(ctx), ...proc(ctx), ...fdIo(ctx), ...fdMeta(ctx), ...fdDir(ctx),
    ...pathCalls(ctx), ...pollCalls(ctx), ...sockCalls(ctx),
  } satisfies Record<Preview1Name, (...args: never[]) => void | number>;
  return table as unknown as Record<Preview1Name, Syscall>;
});

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * Wrap each syscall so the guest gets an errno (`fd_write` is its own import). Wrappers keep the
 * parameter count of the imports a guest calls often (see `wrap`).
 */
export const buildImports = (function buildImports(ctx: Context, trace: TraceHook | null): Record<Preview1Name, ImportFunction> {
  const impl = syscalls(ctx);
  const out = {} as Record<Preview1Name, ImportFunction>;
  // After every call, close the directory handles its path resolution opened and did not keep.
  const { opened } = ctx;
  const handles = ctx.fds.handles;
  // The plain wrappers call it only when the call opened handles; on none it does nothing.
  const done = (): void => handles.releaseTransient(opened);
  for (const name of PREVIEW1_FUNCTIONS) {
    const f = impl[name];
    // `fd_write` is its own import: a guest's hot call is one function, not two (a wrapper was one
    // more optimizing compile competing with the guest for the CPU; bench/analysis.md, row 3). It
    // opens no handles, so it needs no `done`.
    out[name] = trace !== null ? traced(ctx, name, f, trace, done) : name === "fd_write" ? f as ImportFunction : wrap(f, opened, done);
  }
  return out;
});

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * One case per arity from 1 to 5, the counts of the calls a guest makes often, and 9 (`path_open`)
 * for the rest: 0 (`sched_yield`), 6 and 7 (`path_link`, `path_rename`, ...).
 * V8 11 calls a JS import of another arity as fast (bench/analysis.md, row 3: ~7 ns a call either
 * way), and the bytes went to `fd_write`. A syscall returns nothing or its errno. `done` is called
 * only when the call opened handles: most calls open none, and a function never run is never
 * compiled (a short guest's time in anywasi is mostly first-call compiles).
 */
const wrap = (function wrap(f: Syscall, opened: readonly unknown[], done: () => void): ImportFunction {
  switch (f.length) {
    case 1: return (a) => { try { return f(a as Arg) ?? 0; } catch (e) { return toErrno(e); } finally { if (opened.length > 0) done(); } };
    case 2: return (a, b) => { try { return f(a as Arg, b as Arg) ?? 0; } catch (e) { return toErrno(e); } finally { if (opened.length > 0) done(); } };
    case 3: return (a, b, c) => { try { return f(a as Arg, b as Arg, c as Arg) ?? 0; } catch (e) { return toErrno(e); } finally { if (opened.length > 0) done(); } };
    case 4: return (a, b, c, d) => { try { return f(a as Arg, b as Arg, c as Arg, d as Arg) ?? 0; } catch (e) { return toErrno(e); } finally { if (opened.length > 0) done(); } };
    case 5: return (a, b, c, d, e) => { try { return f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg) ?? 0; } catch (x) { return toErrno(x); } finally { if (opened.length > 0) done(); } };
    // 9: path_open, the most any preview1 function takes (there is no 8).
    default: return (a, b, c, d, e, g, h, i, j) => { try { return f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg, g as Arg, h as Arg, i as Arg, j as Arg) ?? 0; } catch (x) { return toErrno(x); } finally { if (opened.length > 0) done(); } };
  }
});

function traced(ctx: Context, name: Preview1Name, f: Syscall, trace: TraceHook, done: () => void): ImportFunction {
  return (...args) => {
    let errno: number | null = null;
    try {
      return (errno = f(...(args as Arg[])) ?? 0);
    } catch (e) {
      // `toErrno` rethrows what ends the guest (`ProcExit`, a trap, a host bug): errno stays null.
      return (errno = toErrno(e));
    } finally {
      done();
      trace(traceEvent(ctx.mem, name, args, errno));
    }
  };
}
