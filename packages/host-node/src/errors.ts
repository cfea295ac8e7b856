import { Errno, WasiError, type ErrnoName } from "@anywasi/core";

/**
 * Convert an exception from `node:fs` into a `WasiError`: the one place where this host maps
 * POSIX error codes (`ENOENT` → `NOENT`). Anything without a known code is rethrown untouched,
 * so that a bug in the host is not disguised as an errno.
 */
export function fromNodeError(e: unknown): never {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("E")) {
    const name = code.slice(1) as ErrnoName;
    if (name in Errno) throw new WasiError(name, (e as Error).message);
    if (code === "EOPNOTSUPP") throw new WasiError("NOTSUP", (e as Error).message);
    if (code === "EWOULDBLOCK") throw new WasiError("AGAIN", (e as Error).message);
  }
  // Deno refuses operations outside its granted permissions with a code-less NotCapable error:
  // to the guest that is a missing capability, not a host failure.
  if ((e as { name?: unknown } | null)?.name === "NotCapable") throw new WasiError("NOTCAPABLE", (e as Error).message);
  throw e;
}

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** Run `f`, converting `node:fs` errors with `fromNodeError`. */
export const fsCall = (function fsCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    return fromNodeError(e);
  }
});
