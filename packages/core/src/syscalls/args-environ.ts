import type { Context } from "../context.js";

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** `args_*` and `environ_*`: argv and the environment as NUL-terminated UTF-8 strings. */
export const argsEnviron = (function argsEnviron(ctx: Context) {
  const { mem } = ctx;

  function sizes(list: readonly Uint8Array[], countPtr: number, sizePtr: number): void {
    countPtr >>>= 0; sizePtr >>>= 0;
    let bytes = 0;
    for (const s of list) bytes += s.length;
    mem.check(countPtr, 4);
    mem.check(sizePtr, 4);
    mem.setU32(countPtr, list.length);
    mem.setU32(sizePtr, bytes);
  }

  function get(list: readonly Uint8Array[], ptrsPtr: number, bufPtr: number): void {
    ptrsPtr >>>= 0; bufPtr >>>= 0;
    let bytes = 0;
    for (const s of list) bytes += s.length;
    mem.check(ptrsPtr, list.length * 4);
    mem.check(bufPtr, bytes);
    // Both ranges are checked: the views are written directly. libc calls this at start-up,
    // where each further helper would cost its first compile.
    const { dv, u8 } = mem;
    let p = bufPtr;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      dv.setUint32(ptrsPtr + i * 4, p, true);
      u8.set(s, p);
      p += s.length;
    }
  }

  // Bound, not written as methods calling the helpers: libc calls args_sizes_get and args_get at
  // start-up, where each function run for the first time costs a lazy compile, and a bound
  // function has none of its own (its length, 2, is still the import's arity).
  return {
    /** Sizes of argv: count and total bytes including NULs (UTF-8 bytes, not UTF-16 units). */
    args_sizes_get: sizes.bind(null, ctx.args),
    /** Write argv pointers to `argvPtr` and the strings to `bufPtr`. */
    args_get: get.bind(null, ctx.args),
    environ_sizes_get: sizes.bind(null, ctx.env),
    environ_get: get.bind(null, ctx.env),
  };
});
