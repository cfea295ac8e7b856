import type { Context } from "../context.js";
import { ProcExit, WasiError } from "../errors.js";

// none, chld, cont, stop, tstp, ttin, ttou, urg, winch (WASI numbering).
const IGNORED_SIGNALS = new Set([0, 16, 17, 18, 19, 20, 21, 22, 27]);

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** `proc_*` and `sched_yield`. None of them can touch the embedding process. */
export const proc = (function proc(ctx: Context) {
  return {
    /** End the guest with `code` (exit). Unwinds the guest's stack with `ProcExit`. */
    proc_exit(code: number): never {
      ctx.fds.flush();
      throw new ProcExit(code >>> 0);
    },
    /**
     * Raise a signal (raise). There are no signal handlers in preview1, so every signal's default
     * action applies: the guest ends with exit code 128 + signal, as a shell reports it; signals
     * whose default is to be ignored (or to stop, which has no meaning here) do nothing, nor does
     * signal 0. Unknown signals give `INVAL`.
     */
    proc_raise(sig: number): void {
      if (sig < 0 || sig > 30) throw new WasiError("INVAL");
      if (IGNORED_SIGNALS.has(sig)) return;
      ctx.fds.flush();
      throw new ProcExit(128 + sig, `terminated by signal ${sig}`);
    },
    /** Yield the CPU (sched_yield). A single-threaded guest has nobody to yield to. */
    sched_yield(): void {},
  };
});
