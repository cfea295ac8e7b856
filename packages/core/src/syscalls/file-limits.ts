import { WasiError } from "../errors.js";
import type { FileHandle } from "../host.js";

/** Largest offset and file size WASI can express: offsets are signed 64-bit on every POSIX host. */
export const MAX_OFFSET = (1n << 63n) - 1n;

/** `FileHandle.maxFileSize` when a host declares none: the largest exact JavaScript integer. */
export const DEFAULT_MAX_FILE_SIZE = BigInt(Number.MAX_SAFE_INTEGER);

/** The size no file behind `handle` can exceed (its declared `maxFileSize`, capped at `MAX_OFFSET`). */
export function maxFileSize(handle: FileHandle): bigint {
  const declared = handle.maxFileSize;
  if (declared === undefined) return DEFAULT_MAX_FILE_SIZE;
  return declared > MAX_OFFSET ? MAX_OFFSET : declared;
}

/**
 * How many of `length` bytes a transfer at `offset` may move, by Linux's rules (`rw_verify_area`,
 * `generic_write_check_limits`, `filemap_read`): a range ending past `MAX_OFFSET` is `INVAL`; a
 * write starting at or past the handle's size limit is `FBIG` and one crossing it is shortened; a
 * read there finds nothing (0). An empty transfer moves nothing and is never an error here.
 */
export function transferRoom(handle: FileHandle, offset: bigint, length: number, write: boolean): number {
  if (length === 0) return 0;
  const limit = maxFileSize(handle);
  // Every I/O call comes here: the common case is one bigint add and one compare. Converting the
  // offset and the limit to numbers instead cost two runtime calls (Number(bigint) is not inlined).
  const end = offset + BigInt(length);
  if (end <= limit) return length; // the limit is at most MAX_OFFSET
  if (end > MAX_OFFSET) throw new WasiError("INVAL");
  if (offset >= limit) {
    if (write) throw new WasiError("FBIG");
    return 0;
  }
  return Number(limit - offset);
}

/** `FileDescriptor.limit` for `handle`: its size limit as a number (at most 2^53 − 1), -1 without `readAt`/`writeAt`. */
export function numberLimit(handle: FileHandle): number {
  if (handle.readAt === undefined) return -1; // both or neither (FileHandle)
  const limit = maxFileSize(handle);
  // Number(bigint) is a runtime call: not made for the usual limit.
  return limit < DEFAULT_MAX_FILE_SIZE ? Number(limit) : Number.MAX_SAFE_INTEGER;
}

/** Check a new file size (`ftruncate`, the end of `fallocate`): `FBIG` past the handle's limit. */
export function checkFileSize(handle: FileHandle, size: bigint): void {
  if (size > maxFileSize(handle)) throw new WasiError("FBIG");
}
