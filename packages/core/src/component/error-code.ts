import { Errno, type ErrnoName } from "../abi/errno.js";

/** A `wasi:filesystem/types` `error-code`. */
export type ErrorCode =
  | "access" | "would-block" | "already" | "bad-descriptor" | "busy" | "deadlock" | "quota" | "exist"
  | "file-too-large" | "illegal-byte-sequence" | "in-progress" | "interrupted" | "invalid" | "io"
  | "is-directory" | "loop" | "too-many-links" | "message-size" | "name-too-long" | "no-device"
  | "no-entry" | "no-lock" | "insufficient-memory" | "insufficient-space" | "not-directory"
  | "not-empty" | "not-recoverable" | "unsupported" | "no-tty" | "no-such-device" | "overflow"
  | "not-permitted" | "pipe" | "read-only" | "invalid-seek" | "text-file-busy" | "cross-device";

/**
 * The one table from preview1 errno (what the core and the hosts throw as `WasiError`) to
 * wasi:filesystem `error-code`. It is the inverse of the table in wasmtime's preview1 adapter, so a
 * preview1 program wrapped with `jco new` sees the errno its unwrapped twin sees. Preview1's
 * `NOTCAPABLE` (a right the descriptor lacks) has no 0.2 twin: wasmtime answers `not-permitted`;
 * `MFILE` (the `maxOpenFiles` limit) becomes `insufficient-memory`. Anything unlisted is `io`.
 */
const TABLE: Partial<Record<ErrnoName, ErrorCode>> = {
  ACCES: "access", AGAIN: "would-block", ALREADY: "already", BADF: "bad-descriptor", BUSY: "busy",
  DEADLK: "deadlock", DQUOT: "quota", EXIST: "exist", FBIG: "file-too-large", ILSEQ: "illegal-byte-sequence",
  INPROGRESS: "in-progress", INTR: "interrupted", INVAL: "invalid", IO: "io", ISDIR: "is-directory",
  LOOP: "loop", MLINK: "too-many-links", MSGSIZE: "message-size", NAMETOOLONG: "name-too-long",
  NODEV: "no-device", NOENT: "no-entry", NOLCK: "no-lock", NOMEM: "insufficient-memory",
  NOSPC: "insufficient-space", NOTDIR: "not-directory", NOTEMPTY: "not-empty",
  NOTRECOVERABLE: "not-recoverable", NOTSUP: "unsupported", NOTTY: "no-tty", NXIO: "no-such-device",
  OVERFLOW: "overflow", PERM: "not-permitted", PIPE: "pipe", ROFS: "read-only", SPIPE: "invalid-seek",
  TXTBSY: "text-file-busy", XDEV: "cross-device", NOTCAPABLE: "not-permitted", MFILE: "insufficient-memory",
  NFILE: "insufficient-memory",
};

const byErrno: ErrorCode[] = [];
for (const [name, code] of Object.entries(Errno)) byErrno[code] = TABLE[name as ErrnoName] ?? "io";

/** The `error-code` of a preview1 errno. */
export function errorCode(errno: number): ErrorCode {
  return byErrno[errno] ?? "io";
}

/**
 * What an interface method throws to make jco's glue return `err(payload)` to the component: an
 * object with an own `payload`. Not an `Error` (the glue rethrows those as host failures), and one
 * per code, so a failing call allocates nothing.
 */
export interface Failure<T> { readonly payload: T }

const failures = new Map<string, Failure<string>>();

/** The failure that returns `err(code)`; `code` is any WIT error value (a string enum). */
export function fail<T extends string>(code: T): Failure<T> {
  let f = failures.get(code);
  if (f === undefined) failures.set(code, f = Object.freeze({ payload: code }));
  return f as Failure<T>;
}

/** The failure that returns the `error-code` of a preview1 errno. */
export function failure(errno: number): Failure<ErrorCode> {
  return fail(errorCode(errno));
}
