import type { Context } from "./context.js";
import { ProcExit, WasiError } from "./errors.js";
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
/** A syscall as implemented: returns nothing on success, throws `WasiError` on failure. */
type Syscall = (...args: Arg[]) => void;
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
  } satisfies Record<Preview1Name, unknown>;
  return table as unknown as Record<Preview1Name, Syscall>;
});

/**
 * Turn a thrown value into an errno. This is the one place where errors become errno values:
 * `WasiError` gives its code; `ProcExit` and anything else (a host bug, a guest trap) propagate and
 * end the guest — a host bug must not be disguised as an errno.
 */
function toErrno(e: unknown): number {
  if (e instanceof WasiError) return e.errno;
  throw e;
}

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * Wrap each syscall so the guest gets an errno. Wrappers keep the exact parameter count of the
 * import, because engines take a slower call path when a JS import's arity differs from the wasm
 * signature.
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
    out[name] = trace === null ? wrap(f, opened, done) : traced(ctx, name, f, trace, done);
  }
  return out;
});

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * One case per arity that preview1 has: 0 to 7, and 9 (`path_open`). `done` is called only when
 * the call opened handles: most calls open none, and a function never run is never compiled
 * (a short guest's time in anywasi is mostly first-call compiles).
 */
const wrap = (function wrap(f: Syscall, opened: readonly unknown[], done: () => void): ImportFunction {
  switch (f.length) {
    case 0: return () => { try { f(); return 0; } catch (e) { return toErrno(e); } finally { if (opened.length > 0) done(); } };
    case 1: return (a) => { try { f(a as Arg); return 0; } catch (e) { return toErrno(e); } finally { if (opened.length > 0) done(); } };
    case 2: return (a, b) => { try { f(a as Arg, b as Arg); return 0; } catch (e) { return toErrno(e); } finally { if (opened.length > 0) done(); } };
    case 3: return (a, b, c) => { try { f(a as Arg, b as Arg, c as Arg); return 0; } catch (e) { return toErrno(e); } finally { if (opened.length > 0) done(); } };
    case 4: return (a, b, c, d) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg); return 0; } catch (e) { return toErrno(e); } finally { if (opened.length > 0) done(); } };
    case 5: return (a, b, c, d, e) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg); return 0; } catch (x) { return toErrno(x); } finally { if (opened.length > 0) done(); } };
    case 6: return (a, b, c, d, e, g) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg, g as Arg); return 0; } catch (x) { return toErrno(x); } finally { if (opened.length > 0) done(); } };
    case 7: return (a, b, c, d, e, g, h) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg, g as Arg, h as Arg); return 0; } catch (x) { return toErrno(x); } finally { if (opened.length > 0) done(); } };
    // 9: path_open, the most any preview1 function takes (there is no 8).
    default: return (a, b, c, d, e, g, h, i, j) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg, g as Arg, h as Arg, i as Arg, j as Arg); return 0; } catch (x) { return toErrno(x); } finally { if (opened.length > 0) done(); } };
  }
});

function traced(ctx: Context, name: Preview1Name, f: Syscall, trace: TraceHook, done: () => void): ImportFunction {
  return (...args) => {
    let errno: number | null = null;
    try {
      f(...(args as Arg[]));
      errno = 0;
      return 0;
    } catch (e) {
      errno = e instanceof ProcExit ? null : toErrno(e);
      if (errno === null) throw e;
      return errno;
    } finally {
      done();
      trace(traceEvent(ctx.mem, name, args, errno));
    }
  };
}
