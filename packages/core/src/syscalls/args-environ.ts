import type { Context } from "../context.js";

/** `args_*` and `environ_*`: argv and the environment as NUL-terminated UTF-8 strings. */
export function argsEnviron(ctx: Context) {
  const { mem } = ctx;

  function sizes(list: readonly Uint8Array[], countPtr: number, sizePtr: number): void {
    let bytes = 0;
    for (const s of list) bytes += s.length;
    mem.check(countPtr, 4);
    mem.check(sizePtr, 4);
    mem.setU32(countPtr, list.length);
    mem.setU32(sizePtr, bytes);
  }

  function get(list: readonly Uint8Array[], ptrsPtr: number, bufPtr: number): void {
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

  return {
    /** Sizes of argv: count and total bytes including NULs (UTF-8 bytes, not UTF-16 units). */
    args_sizes_get(argcPtr: number, bufSizePtr: number): void {
      sizes(ctx.args, argcPtr >>> 0, bufSizePtr >>> 0);
    },
    /** Write argv pointers to `argvPtr` and the strings to `bufPtr`. */
    args_get(argvPtr: number, bufPtr: number): void {
      get(ctx.args, argvPtr >>> 0, bufPtr >>> 0);
    },
    environ_sizes_get(countPtr: number, bufSizePtr: number): void {
      sizes(ctx.env, countPtr >>> 0, bufSizePtr >>> 0);
    },
    environ_get(environPtr: number, bufPtr: number): void {
      get(ctx.env, environPtr >>> 0, bufPtr >>> 0);
    },
  };
}
