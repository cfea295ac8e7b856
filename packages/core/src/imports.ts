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

/** The 46 functions of `wasi_snapshot_preview1`. */
export const PREVIEW1_FUNCTIONS = [
  "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
  "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
  "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
  "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
  "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
  "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
  "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept",
  "sock_recv", "sock_send", "sock_shutdown",
] as const;

export type Preview1Name = (typeof PREVIEW1_FUNCTIONS)[number];

// Arguments are i32 (number) or i64 (bigint), as the JS-API passes them.
type Arg = number & bigint;
/** A syscall as implemented: returns nothing on success, throws `WasiError` on failure. */
type Syscall = (...args: Arg[]) => void;
/** A syscall as the guest sees it: returns an errno. */
export type ImportFunction = (...args: (number | bigint)[]) => number;

/** Called after every syscall when tracing is on. */
export type TraceHook = (event: TraceEvent) => void;

/** All 46 syscalls implemented over `ctx`. A missing one is a type error here. */
export function syscalls(ctx: Context): Record<Preview1Name, Syscall> {
  const table = {
    ...argsEnviron(ctx), ...clockRandom(ctx), ...proc(ctx), ...fdIo(ctx), ...fdMeta(ctx), ...fdDir(ctx),
    ...pathCalls(ctx), ...pollCalls(ctx), ...sockCalls(ctx),
  } satisfies Record<Preview1Name, unknown>;
  return table as unknown as Record<Preview1Name, Syscall>;
}

/**
 * Turn a thrown value into an errno. This is the one place where errors become errno values:
 * `WasiError` gives its code; `ProcExit` and anything else (a host bug, a guest trap) propagate and
 * end the guest — a host bug must not be disguised as an errno.
 */
function toErrno(e: unknown): number {
  if (e instanceof WasiError) return e.errno;
  throw e;
}

/**
 * Wrap each syscall so the guest gets an errno. Wrappers keep the exact parameter count of the
 * import, because engines take a slower call path when a JS import's arity differs from the wasm
 * signature.
 */
export function buildImports(ctx: Context, trace: TraceHook | null): Record<Preview1Name, ImportFunction> {
  const impl = syscalls(ctx);
  const out = {} as Record<Preview1Name, ImportFunction>;
  for (const name of PREVIEW1_FUNCTIONS) {
    const f = impl[name];
    out[name] = trace === null ? wrap(f) : traced(ctx, name, f, trace);
  }
  return out;
}

function wrap(f: Syscall): ImportFunction {
  switch (f.length) {
    case 0: return () => { try { f(); return 0; } catch (e) { return toErrno(e); } };
    case 1: return (a) => { try { f(a as Arg); return 0; } catch (e) { return toErrno(e); } };
    case 2: return (a, b) => { try { f(a as Arg, b as Arg); return 0; } catch (e) { return toErrno(e); } };
    case 3: return (a, b, c) => { try { f(a as Arg, b as Arg, c as Arg); return 0; } catch (e) { return toErrno(e); } };
    case 4: return (a, b, c, d) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg); return 0; } catch (e) { return toErrno(e); } };
    case 5: return (a, b, c, d, e) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg); return 0; } catch (x) { return toErrno(x); } };
    case 6: return (a, b, c, d, e, g) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg, g as Arg); return 0; } catch (x) { return toErrno(x); } };
    case 7: return (a, b, c, d, e, g, h) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg, g as Arg, h as Arg); return 0; } catch (x) { return toErrno(x); } };
    case 8: return (a, b, c, d, e, g, h, i) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg, g as Arg, h as Arg, i as Arg); return 0; } catch (x) { return toErrno(x); } };
    case 9: return (a, b, c, d, e, g, h, i, j) => { try { f(a as Arg, b as Arg, c as Arg, d as Arg, e as Arg, g as Arg, h as Arg, i as Arg, j as Arg); return 0; } catch (x) { return toErrno(x); } };
    default: return (...args) => { try { f(...(args as Arg[])); return 0; } catch (e) { return toErrno(e); } };
  }
}

function traced(ctx: Context, name: Preview1Name, f: Syscall, trace: TraceHook): ImportFunction {
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
      trace(traceEvent(ctx.mem, name, args, errno));
    }
  };
}
