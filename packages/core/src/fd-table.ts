import { FileType } from "./abi/constants.js";
import { WasiError } from "./errors.js";
import type { DirEntry, DirectoryHandle, FileHandle, InputStream, OutputStream } from "./host.js";

/** Fields every descriptor has. Rights are 30-bit masks kept as numbers (see `Rights`). */
interface DescriptorBase {
  rightsBase: number;
  rightsInheriting: number;
  /** WASI fdflags (APPEND, NONBLOCK, ...). */
  fdflags: number;
}

/** A byte stream: stdin, stdout, stderr, or any other host stream. */
export interface StreamDescriptor extends DescriptorBase {
  readonly kind: "stream";
  readonly input: InputStream | null;
  readonly output: OutputStream | null;
}

/** An open regular file. The core keeps the cursor; the host only sees positional I/O. */
export interface FileDescriptor extends DescriptorBase {
  readonly kind: "file";
  readonly handle: FileHandle;
  /**
   * The cursor. `fd_read`, `fd_write` and `fd_seek` leave it a number whenever it is at most
   * 2^53 − 1 (so a transfer needs no bigint); an append may leave a bigint, which the next
   * transfer converts.
   */
  position: number | bigint;
  /**
   * Where a transfer at a number offset may end and still go through the handle's `readAt` and
   * `writeAt`: `maxFileSize` capped at 2^53 − 1, or -1 when the handle has no such methods.
   */
  readonly limit: number;
}

/** An open directory, possibly a preopen. */
export interface DirectoryDescriptor extends DescriptorBase {
  readonly kind: "directory";
  readonly handle: DirectoryHandle;
  /** Guest-visible name when this is a preopen, else null. */
  readonly preopen: string | null;
  /** Listing snapshot for `fd_readdir`, taken at cookie 0 so later cookies stay valid. */
  listing: DirEntry[] | null;
  /**
   * Inode of the directory that contained this one when it was opened, for the `..` entry of a
   * listing; null for a preopen, whose `..` is itself. A number, not a handle: the parent's handle
   * belongs to the path call that opened it and is closed when that call returns.
   */
  readonly parentIno: bigint | null;
}

export type Descriptor = StreamDescriptor | FileDescriptor | DirectoryDescriptor;

/**
 * Who holds each directory handle, so that a host handle is closed exactly once, when nothing
 * needs it any more (see `DirectoryHandle.close`). Handles without `close` are not tracked.
 */
export class HandleRefs {
  readonly #refs = new Map<DirectoryHandle, number>();

  acquire(h: DirectoryHandle): void {
    if (h.close !== undefined) this.#refs.set(h, (this.#refs.get(h) ?? 0) + 1);
  }

  release(h: DirectoryHandle): void {
    if (h.close === undefined) return;
    const n = (this.#refs.get(h) ?? 1) - 1;
    if (n > 0) this.#refs.set(h, n);
    else {
      this.#refs.delete(h);
      h.close();
    }
  }

  /** Close the handles a path operation opened, except those a descriptor now holds. */
  releaseTransient(opened: DirectoryHandle[]): void {
    // Emptied by pop (newest first), not `length = 0`: a runtime call that also drops the array's storage.
    for (let h; (h = opened.pop());) if (h.close !== undefined && !this.#refs.has(h)) h.close();
  }
}

/**
 * The descriptor table. Descriptors 0–2 are ordinary entries (stdio is not special-cased);
 * new descriptors take the lowest free number, as POSIX does.
 */
export class FdTable {
  readonly #entries: (Descriptor | undefined)[] = [];
  /** Holders of directory handles: each directory descriptor counts as one. */
  readonly handles = new HandleRefs();
  #count = 0;
  /** Upper bound on open descriptors; exceeding it gives `MFILE` (the per-process limit). */
  maxOpen = 1 << 16;

  /**
   * Look up `fd`, requiring every bit of `rights`. Throws `BADF` or `NOTCAPABLE`. With `io`, a
   * stream or file for reading or writing: a directory gives `ISDIR` (as POSIX read(2)) before any
   * rights check. One method for both: libc's start-up calls `fd_fdstat_get` and `fd_write`, and
   * each function first run there costs a lazy compile.
   */
  get(fd: number, rights: number, io: true): StreamDescriptor | FileDescriptor;
  get(fd: number, rights: number): Descriptor;
  get(fd: number, rights: number, io?: boolean): Descriptor {
    const d = this.#entries[fd];
    if (d === undefined) throw new WasiError("BADF");
    if (io && d.kind === "directory") throw new WasiError("ISDIR");
    if ((d.rightsBase & rights) !== rights) throw new WasiError("NOTCAPABLE");
    return d;
  }

  /** Look up an open regular file (a directory gives `ISDIR`, a stream `SPIPE` when `seekable`). */
  file(fd: number, rights: number): FileDescriptor {
    const d = this.#entries[fd];
    if (d === undefined) throw new WasiError("BADF");
    if (d.kind !== "file") throw new WasiError(d.kind === "directory" ? "ISDIR" : "SPIPE");
    if ((d.rightsBase & rights) !== rights) throw new WasiError("NOTCAPABLE");
    return d;
  }

  /** Look up an open directory (anything else gives `NOTDIR`). */
  directory(fd: number, rights: number): DirectoryDescriptor {
    const d = this.#entries[fd];
    if (d === undefined) throw new WasiError("BADF");
    if (d.kind !== "directory") throw new WasiError("NOTDIR");
    if ((d.rightsBase & rights) !== rights) throw new WasiError("NOTCAPABLE");
    return d;
  }

  /** The descriptor at `fd` or undefined, without checks (for poll and prestat). */
  peek(fd: number): Descriptor | undefined {
    return this.#entries[fd];
  }

  /** Insert at the lowest free number. Throws `MFILE` past `maxOpen`. */
  add(d: Descriptor): number {
    if (this.#count >= this.maxOpen) throw new WasiError("MFILE");
    if (d.kind === "directory") this.handles.acquire(d.handle);
    let fd = this.#entries.indexOf(undefined);
    if (fd === -1) fd = this.#entries.length;
    this.#entries[fd] = d;
    this.#count++;
    return fd;
  }

  /** Place `d` at exactly `fd` (used to set up stdio and preopens). */
  set(fd: number, d: Descriptor): void {
    if (d.kind === "directory") this.handles.acquire(d.handle);
    if (this.#entries[fd] === undefined) this.#count++;
    else this.#closeDescriptor(this.#entries[fd]);
    while (this.#entries.length < fd) this.#entries.push(undefined);
    this.#entries[fd] = d;
  }

  /** Close `fd`. Throws `BADF`. */
  close(fd: number): void {
    if (this.#entries[fd] === undefined) throw new WasiError("BADF");
    this.#closeDescriptor(this.#take(fd));
  }

  /**
   * Move `from` to `to`, closing what `to` held (`fd_renumber`). Both must be open (`BADF`
   * otherwise, leaving both as they were), as the official wasi-testsuite requires and wasmtime
   * does: unlike dup2, a free number is not a valid target.
   */
  renumber(from: number, to: number): void {
    // Descriptors arrive as signed i32: -1 must not become an array property.
    from >>>= 0;
    to >>>= 0;
    const old = this.#entries[to];
    if (this.#entries[from] === undefined || old === undefined) throw new WasiError("BADF");
    if (from === to) return;
    // `to` is held while `from` is taken out, so the table cannot shrink below it.
    this.#entries[to] = this.#take(from);
    this.#closeDescriptor(old);
  }

  /** Take the open descriptor `fd` out of the table (trimmed of free numbers at its end). */
  #take(fd: number): Descriptor {
    const d = this.#entries[fd]!;
    this.#entries[fd] = undefined;
    this.#count--;
    while (this.#entries.length > 0 && this.#entries[this.#entries.length - 1] === undefined) this.#entries.pop();
    return d;
  }

  #closeDescriptor(d: Descriptor): void {
    if (d.kind === "stream") d.output?.flush?.();
    else if (d.kind === "file") d.handle.close?.();
    // An untracked handle (no close, as MemFS's): nothing to release.
    else if (d.handle.close !== undefined) this.handles.release(d.handle);
  }

  /** Push out every stream's buffered output, in descriptor order. */
  flush(): void {
    for (const d of this.#entries) if (d?.kind === "stream") d.output?.flush?.();
  }

  /**
   * Flush every stream (in descriptor order: stdout before stderr), then close everything (end of
   * run). Errors from hosts' close are ignored: the guest is gone. Not through `flush`, and
   * `#closeDescriptor` only for what has something to close: it runs once per `start()`, where
   * each function first run costs a lazy compile, and the streams need no second flush.
   */
  closeAll(): void {
    const entries = this.#entries;
    for (const d of entries) if (d?.kind === "stream") d.output?.flush?.();
    for (let fd = entries.length - 1; fd >= 0; fd--) {
      const d = entries[fd];
      // Streams were flushed above; an untracked handle (no close, as MemFS's) has nothing to release.
      if (d === undefined || d.kind === "stream" || (d.kind === "directory" && d.handle.close === undefined)) continue;
      try { this.#closeDescriptor(d); } catch { /* the guest has ended; nothing to report it to */ }
    }
    entries.length = 0;
    this.#count = 0;
  }
}



/** The filetype the guest sees for a stream: a TTY is a character device, a pipe is unknown (as wasmtime). */
export function streamFileType(d: StreamDescriptor): number {
  const tty = d.input?.isTTY === true || d.output?.isTTY === true;
  return tty ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN;
}
