import { Errno, errnoName, type ErrnoName } from "./abi/errno.js";

/**
 * A WASI error: thrown by the core and by host capabilities, and turned into the errno return
 * value at the import boundary (the only place that does so).
 */
export class WasiError extends Error {
  /** The numeric errno value returned to the guest. */
  declare readonly errno: number;
  constructor(code: ErrnoName | number, message?: string) {
    const errno = typeof code === "number" ? code : Errno[code];
    super(message ?? `WASI error ${errnoName(errno)}`);
    this.name = "WasiError";
    this.errno = errno;
  }
}

/**
 * Thrown through the guest's stack by `proc_exit` and `proc_raise` to end it. Never escapes
 * `WASI.start()`: it becomes the exit code.
 */
export class ProcExit extends Error {
  /** The guest's exit code (0–255 for `proc_exit`, 128+signal for `proc_raise`). */
  declare readonly code: number;
  constructor(code: number, message?: string) {
    super(message ?? `exit with code ${code}`);
    this.name = "ProcExit";
    this.code = code;
  }
}

/**
 * Turn a thrown value into an errno. This is the one place where errors become errno values:
 * `WasiError` gives its code; `ProcExit` and anything else (a host bug, a guest trap) propagate and
 * end the guest — a host bug must not be disguised as an errno.
 */
export function toErrno(e: unknown): number {
  if (e instanceof WasiError) return e.errno;
  throw e;
}

/** Raised when a module cannot be run: not wasm, a missing export, an import we do not provide. */
export class ModuleError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = "ModuleError";
  }
}

/** Which resource limit a guest ran into. */
export type LimitKind = "time" | "memory" | "output" | "files";

/**
 * A guest exceeded a limit the embedder set (`maxOutputBytes`, `maxMemoryPages`, a time limit).
 * Thrown out of `start()`/`run()`; whatever the guest wrote before the limit is delivered.
 */
export class LimitError extends Error {
  /** Which limit the guest ran into. */
  declare readonly kind: LimitKind;
  /** @param kind Which limit the guest ran into. */
  constructor(kind: LimitKind, message: string) {
    super(message);
    this.name = "LimitError";
    this.kind = kind;
  }
}
