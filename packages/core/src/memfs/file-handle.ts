import type { FileHandle, FileStat, TimeUpdate } from "../host.js";
import { WasiError } from "../errors.js";
import type { FsContext } from "./context.js";
import { MAX_FILE_SIZE_BIG } from "./file-data.js";
import { setTimes, statOf, type FileInode } from "./inode.js";

/**
 * A bigint offset as `FileData` takes it: `INVAL` when negative. Past 2^53 the number is not
 * exact, but it is past the largest file too, which is all `FileData` then looks at (a read there
 * finds nothing, a write is `FBIG`, an empty one moves nothing).
 */
function offsetNumber(offset: bigint): number {
  if (offset < 0n) throw new WasiError("INVAL");
  return Number(offset);
}

/**
 * An open MemFS regular file. It holds the inode itself, so the data stays readable and writable
 * after the file is unlinked or renamed (POSIX open-after-unlink). Reads never update atim.
 */
export class MemFileHandle implements FileHandle {
  readonly kind = "file";
  /** An in-memory file lives in one `ArrayBuffer`: at most `MAX_FILE_SIZE` (4 GiB) bytes. */
  readonly maxFileSize = MAX_FILE_SIZE_BIG;
  private declare readonly inode: FileInode;
  private declare readonly ctx: FsContext;

  constructor(ctx: FsContext, inode: FileInode) {
    this.ctx = ctx;
    this.inode = inode;
  }

  /** Read at byte `offset` into `into`; returns bytes read, 0 at or past end of file. */
  read(into: Uint8Array, offset: bigint): number {
    return this.readAt(into, 0, into.length, offsetNumber(offset));
  }

  /** Write (a copy of) `bytes` at byte `offset`, zero-filling any hole. Throws `FBIG` past 4 GiB. */
  write(bytes: Uint8Array, offset: bigint): number {
    return this.writeAt(bytes, 0, bytes.length, offsetNumber(offset));
  }

  /** `read` into `mem[start, start + length)` at an exact number offset (the core's fast path). */
  readAt(mem: Uint8Array, start: number, length: number, offset: number): number {
    return this.inode.data.read(mem, start, length, offset);
  }

  /** `write` of `mem[start, start + length)` at an exact number offset (the core's fast path). */
  writeAt(mem: Uint8Array, start: number, length: number, offset: number): number {
    const n = this.inode.data.write(mem, start, length, offset);
    if (n > 0) this.touch();
    return n;
  }

  stat(): FileStat {
    return statOf(this.inode, this.ctx);
  }

  /** Truncate or zero-extend to `size` bytes. Throws `FBIG` past 4 GiB, `INVAL` when negative. */
  setSize(size: bigint): void {
    this.inode.data.resize(size);
    this.touch();
  }

  /** Extend with zeros so that `[offset, offset + len)` lies within the file. Throws `INVAL`, `FBIG`. */
  allocate(offset: bigint, len: bigint): void {
    if (offset < 0n || len < 0n) throw new WasiError("INVAL");
    const end = offset + len;
    if (end > BigInt(this.inode.data.size)) this.setSize(end);
  }

  setTimes(atim: TimeUpdate, mtim: TimeUpdate): void {
    setTimes(this.inode, atim, mtim, this.ctx.now());
  }

  private touch(): void {
    const now = this.ctx.now();
    this.inode.mtim = now;
    this.inode.ctim = now;
  }
}
