import { FileType, WasiError, type FileHandle, type FileStat, type TimeUpdate } from "@anywasi/core";

/** The worker-only part of the File System API (not in TypeScript's DOM library). */
export interface SyncAccess {
  read(into: Uint8Array, options: { at: number }): number;
  write(bytes: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}
export interface SyncAccessFileHandle extends FileSystemFileHandle {
  createSyncAccessHandle(): Promise<SyncAccess>;
}

/** How long an open waits for another context's lock on a file before it fails with `BUSY`. */
export const LOCK_WAIT_MS = 5000;

/**
 * A sync access handle of `handle`, waiting up to `LOCK_WAIT_MS` while another worker or tab
 * holds one (OPFS allows one at a time per file: that is the lock that keeps concurrent writers
 * from losing each other's data).
 * @throws WasiError `BUSY` when the file stays locked.
 */
export async function lockFile(handle: FileSystemFileHandle): Promise<SyncAccess> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    try {
      return await (handle as SyncAccessFileHandle).createSyncAccessHandle();
    } catch (e) {
      if (!(e instanceof DOMException && e.name === "NoModificationAllowedError")) throw e;
      if (Date.now() >= deadline) throw new WasiError("BUSY");
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/** A file's bytes in memory: what an open file becomes once the guest unlinks it (POSIX keeps it readable). */
class Detached implements SyncAccess {
  #bytes: Uint8Array;
  #size: number;
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#size = bytes.length;
  }
  read(into: Uint8Array, { at }: { at: number }): number {
    const n = Math.max(0, Math.min(into.length, this.#size - at));
    into.set(this.#bytes.subarray(at, at + n));
    return n;
  }
  write(bytes: Uint8Array, { at }: { at: number }): number {
    this.#reserve(at + bytes.length);
    this.#bytes.set(bytes, at);
    this.#size = Math.max(this.#size, at + bytes.length);
    return bytes.length;
  }
  truncate(size: number): void {
    this.#reserve(size);
    this.#bytes.fill(0, size);
    this.#size = size;
  }
  getSize(): number { return this.#size; }
  flush(): void {}
  close(): void {}
  #reserve(n: number): void {
    if (n <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(n, this.#bytes.length * 2));
    grown.set(this.#bytes.subarray(0, this.#size));
    this.#bytes = grown;
  }
}

/**
 * One OPFS file opened by this guest: the sync access handle all its descriptors share (a second
 * handle of the same file would be refused, even in the same worker), and the times OPFS cannot
 * store (it keeps lastModified only).
 */
export class OpenFile {
  refs = 0;
  /**
   * The file's size in bytes, kept here: no other context can change the file while this one
   * holds its handle, and each `getSize()` costs a round trip to the browser process.
   */
  size: number;
  /** Unlinked while open: the bytes live in memory now. */
  gone = false;
  /** How many hard links (made during the run) name this file besides its own path. */
  extraLinks: () => bigint = () => 0n;
  atim: bigint;
  mtim: bigint;
  constructor(public path: string, public handle: FileSystemFileHandle, public access: SyncAccess, readonly ino: bigint, readonly dev: bigint, mtimMs: number) {
    this.mtim = BigInt(Math.trunc(mtimMs)) * 1_000_000n;
    this.atim = this.mtim;
    this.size = access.getSize();
  }

  stat(): FileStat {
    return { filetype: FileType.REGULAR_FILE, dev: this.dev, ino: this.ino, nlink: this.gone ? 0n : 1n + this.extraLinks(), size: BigInt(this.size), atim: this.atim, mtim: this.mtim, ctim: this.mtim };
  }

  /** Make the file independent of OPFS (before the guest unlinks it): its bytes move to memory. */
  detach(): void {
    const bytes = new Uint8Array(this.size);
    this.access.read(bytes, { at: 0 });
    this.access.close();
    this.access = new Detached(bytes);
    this.gone = true;
  }

  touch(): void {
    this.mtim = BigInt(Date.now()) * 1_000_000n;
  }
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** OPFS refuses sizes it cannot store with a DOMException; the guest gets an errno. */
function ioError(e: unknown): never {
  if (e instanceof WasiError) throw e;
  if (e instanceof DOMException && e.name === "QuotaExceededError") throw new WasiError("NOSPC");
  if (e instanceof RangeError || e instanceof TypeError) throw new WasiError("FBIG");
  if (e instanceof DOMException) throw new WasiError("IO");
  throw e;
}

/** A descriptor's view of an `OpenFile`: positional I/O straight on the sync access handle. */
export class OpfsFile implements FileHandle {
  readonly kind = "file";
  #closed = false;
  constructor(readonly file: OpenFile, readonly release: (file: OpenFile) => void) {
    file.refs++;
  }

  read(into: Uint8Array, offset: bigint): number {
    if (offset > MAX) return 0;
    try {
      return this.file.access.read(into, { at: Number(offset) });
    } catch (e) {
      return ioError(e);
    }
  }

  write(bytes: Uint8Array, offset: bigint): number {
    if (offset + BigInt(bytes.length) > MAX) throw new WasiError("FBIG");
    try {
      const at = Number(offset);
      const n = this.file.access.write(bytes, { at });
      if (at + n > this.file.size) this.file.size = at + n;
      this.file.touch();
      return n;
    } catch (e) {
      return ioError(e);
    }
  }

  stat(): FileStat {
    return this.file.stat();
  }

  setSize(size: bigint): void {
    if (size > MAX) throw new WasiError("FBIG");
    try {
      this.file.access.truncate(Number(size));
      this.file.size = Number(size);
      this.file.touch();
    } catch (e) {
      ioError(e);
    }
  }

  setTimes(atim: TimeUpdate, mtim: TimeUpdate): void {
    if (atim !== null) this.file.atim = atim;
    if (mtim !== null) this.file.mtim = mtim;
  }

  sync(): void {
    try {
      this.file.access.flush();
    } catch (e) {
      ioError(e);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.release(this.file);
  }
}
