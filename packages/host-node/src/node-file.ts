import { WasiError, type FileHandle, type FileStat, type FileTypeValue, type TimeUpdate } from "@anywasi/core";
import * as fs from "node:fs";
import { fromNodeError, fsCall } from "./errors.js";
import { C, PROC_FD, PROC_FD_DIR, BIGINT } from "./node-fs-host.js";
import { setTimesFd, type HostFd, type Shared } from "./node-fs-shared.js";

/** `node:fs` takes positions and lengths as numbers: exact only up to 2^53 − 1. */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A file of a NodeFS preopen, open on its own host descriptor (positional reads and writes; appends through a second one). */
export class NodeFile implements FileHandle {
  readonly kind = "file";
  /** The core keeps every offset, length and size at or below this (see `FileHandle`). */
  readonly maxFileSize = MAX_SAFE;
  /** A second host descriptor with `O_APPEND`, opened on the first append (-1: not yet, -2: unavailable). */
  private appendFd = -1;
  /** Ownership of `appendFd` (closed with this handle, or when collected), once it is open. */
  private appendCell: HostFd | null = null;
  private readonly cell: HostFd;

  /**
   * @param type the file's type, from its stat at the open: the type of an open descriptor's file
   * never changes, so `stat()` need not work it out again.
   */
  constructor(
    private readonly shared: Shared, private readonly handleFd: number, private readonly path: string,
    private readonly type: FileTypeValue,
  ) {
    this.cell = shared.track(this, handleFd);
  }

  /** The host descriptor, refusing once the filesystem was closed (its number may be reused). */
  private get fd(): number {
    return this.shared.live(this.handleFd);
  }

  // The core keeps offset + length within maxFileSize (2^53 - 1), so the number is exact; a
  // bigint position costs Node several bigint operations per call to validate.
  read(into: Uint8Array, offset: bigint): number {
    return this.readAt(into, 0, into.length, Number(offset));
  }

  write(bytes: Uint8Array, offset: bigint): number {
    // Past 2^53 − 1 no number is exact: Infinity, which `writeAt` refuses.
    return this.writeAt(bytes, 0, bytes.length, offset > MAX_SAFE ? Infinity : Number(offset));
  }

  // readAt and writeAt are every data transfer (the core's number fast path): no closure
  // (`fsCall`), no bigint and no view of guest memory per call (node:fs takes a range of it).
  readAt(mem: Uint8Array, start: number, length: number, offset: number): number {
    const fd = this.fd;
    try {
      return fs.readSync(fd, mem, start, length, offset);
    } catch (e) {
      return fromNodeError(e);
    }
  }

  writeAt(mem: Uint8Array, start: number, length: number, offset: number): number {
    this.shared.writable();
    // Node would write a position it cannot hold exactly at the start of the file: never pass one.
    if (offset > Number.MAX_SAFE_INTEGER) throw new WasiError("FBIG");
    const fd = this.fd;
    try {
      return fs.writeSync(fd, mem, start, length, offset);
    } catch (e) {
      return fromNodeError(e);
    }
  }

  /**
   * Append through a descriptor opened with `O_APPEND`, so that the kernel places each write at
   * the end atomically, whoever else appends. The descriptor is reopened from the open file itself
   * (`/proc/self/fd` on Linux) or from its path, and used only if it is the same inode; where that
   * fails, the append is a write at the current size (not atomic against other writers).
   */
  append(bytes: Uint8Array): number {
    this.shared.writable();
    const fd = this.fd;
    if (this.appendFd === -1) this.appendFd = this.openAppend(fd);
    if (this.appendFd === -2) return this.write(bytes, this.stat().size);
    const appendFd = this.shared.live(this.appendFd);
    return fsCall(() => fs.writeSync(appendFd, bytes, 0, bytes.length, null));
  }

  private openAppend(fd: number): number {
    const path = PROC_FD ? `${PROC_FD_DIR}${fd}` : this.path;
    let appendFd: number;
    try {
      appendFd = fs.openSync(path, C.O_WRONLY | C.O_APPEND | (PROC_FD ? 0 : C.O_NOFOLLOW));
    } catch {
      return -2;
    }
    const a = fs.fstatSync(appendFd, { bigint: true });
    const b = fs.fstatSync(fd, { bigint: true });
    if (a.ino !== b.ino || a.dev !== b.dev) {
      fs.closeSync(appendFd);
      return -2;
    }
    this.appendCell = this.shared.track(this, appendFd);
    return appendFd;
  }

  stat(): FileStat {
    const fd = this.fd;
    let st: fs.BigIntStats;
    try {
      st = fs.fstatSync(fd, BIGINT);
    } catch (e) {
      return fromNodeError(e);
    }
    return this.shared.stat(st, this.type);
  }

  setSize(size: bigint): void {
    this.shared.writable();
    if (size > MAX_SAFE) throw new WasiError("FBIG");
    fsCall(() => fs.ftruncateSync(this.fd, Number(size)));
  }

  setTimes(atim: TimeUpdate, mtim: TimeUpdate): void {
    this.shared.writable();
    setTimesFd(this.shared, this.fd, atim, mtim);
  }

  sync(): void {
    fsCall(() => fs.fsyncSync(this.fd));
  }

  datasync(): void {
    fsCall(() => fs.fdatasyncSync(this.fd));
  }

  close(): void {
    if (this.shared.closed) return;
    if (this.appendCell !== null) this.shared.release(this.appendCell);
    this.shared.release(this.cell);
  }
}
