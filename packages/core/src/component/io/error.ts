import { errnoName } from "../../abi/errno.js";
import { errorCode, type ErrorCode } from "../error-code.js";

/**
 * `wasi:io/error` `error`: why a stream operation failed. Carries the preview1 errno the core
 * answered, so that `wasi:filesystem/types` `filesystem-error-code` can recover its `error-code`.
 */
export class IoError {
  /** The preview1 errno behind the failure. */
  readonly errno: number;
  constructor(errno: number) {
    this.errno = errno;
  }

  /** A human-readable description, for debugging only (WIT: `to-debug-string`). */
  toDebugString(): string {
    return `${errorCode(this.errno)} (E${errnoName(this.errno)})`;
  }

  /** The `error-code` of this failure. */
  code(): ErrorCode {
    return errorCode(this.errno);
  }
}

/** The `wasi:io/error` interface. */
export function ioError(): { Error: typeof IoError } {
  return { Error: IoError };
}
