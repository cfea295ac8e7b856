/**
 * The capabilities a host gives the core. They speak plain JavaScript: `Uint8Array`, `bigint`
 * nanoseconds, single path components. Everything WASI-specific (descriptors, cursors, rights,
 * path resolution, struct layouts, errno) stays in the core.
 *
 * Errors: a capability reports failure by throwing `WasiError` (e.g. `new WasiError("NOENT")`).
 * Any other exception is treated as a bug in the host and ends the guest with that exception.
 */
import type { ClockIdValue, FileTypeValue } from "./abi/constants.js";

/** Time source. All values are nanoseconds. */
export interface Clock {
  /** Current time of clock `id` in ns. Realtime is ns since the Unix epoch. Throw `INVAL` if unsupported. */
  now(id: ClockIdValue): bigint;
  /**
   * Optional fast path: `now(id)` as a number of ns, or `NaN` when that number would not be exact
   * (at or above 2^53, e.g. realtime). Lets the core answer `clock_time_get` without allocating a
   * bigint; it must read the same clock as `now`.
   */
  nowNumber?(id: ClockIdValue): number;
  /** Resolution of clock `id` in ns. */
  resolution(id: ClockIdValue): bigint;
  /**
   * Block the calling thread for `ns` nanoseconds without burning CPU, if the host can.
   * Absent: the core falls back to `Atomics.wait` (spinning the last 0.2 ms, which it oversleeps
   * by up to that much), then (on a browser main thread) to spinning.
   */
  sleep?(ns: bigint): void;
}

/** Secure randomness. */
export interface Random {
  /**
   * Fill `bytes` with cryptographically secure random bytes. `bytes` is a view of guest memory
   * (of a `SharedArrayBuffer` when the memory is shared, which `crypto.getRandomValues` refuses),
   * valid during the call only: do not keep it.
   */
  fill(bytes: Uint8Array): void;
}

/** A readable byte stream (stdin, a pipe). */
export interface InputStream {
  /**
   * Read up to `into.length` bytes into `into`, blocking until at least one byte is available.
   * Returns the number of bytes read; 0 means end of stream. `into` may be a view of guest memory:
   * do not keep it.
   */
  read(into: Uint8Array): number;
  /**
   * Wait up to `timeoutNs` (null: forever, 0n: just check) until a read would not block.
   * Returns true when readable (data or end of stream). Absent: the stream counts as always ready.
   */
  poll?(timeoutNs: bigint | null): boolean;
  /**
   * Resolve once a read would not block. Lets an engine with JSPI suspend the guest instead of
   * blocking the thread (see `startAsync` of `@anywasi/core/jspi`). Absent: reads block through `read`.
   */
  waitAsync?(): Promise<void>;
  /** True when the stream is an interactive terminal (reported as a character device). */
  readonly isTTY?: boolean;
}

/** A writable byte stream (stdout, stderr). */
export interface OutputStream {
  /** Write all of `bytes`. `bytes` may be a view of guest memory: copy it if you keep it. */
  write(bytes: Uint8Array): void;
  /** Push out anything buffered. Called at exit, on traps and before blocking. */
  flush?(): void;
  /** True when the stream is an interactive terminal (reported as a character device). */
  readonly isTTY?: boolean;
}

/** Metadata of a filesystem object. Times are ns since the Unix epoch. */
export interface FileStat {
  /** What the object is (`FileType`). */
  filetype: FileTypeValue;
  /** Device (filesystem) identifier. */
  dev: bigint;
  /** Inode number, unique within `dev`. */
  ino: bigint;
  /** Number of hard links. */
  nlink: bigint;
  /** Size in bytes (a symlink: the length of its target). */
  size: bigint;
  /** Last access time. */
  atim: bigint;
  /** Last data modification time. */
  mtim: bigint;
  /** Last status change time. */
  ctim: bigint;
}

/** One entry of a directory listing (without `.` and `..`, which the core adds). */
export interface DirEntry {
  /** The entry's name (one path component). */
  name: string;
  /** What the entry is (`FileType`), without following a symlink. */
  filetype: FileTypeValue;
  /** Inode number, as `statAt(name).ino` gives it. */
  ino: bigint;
}

/** How to open a regular file. `read`/`write` say what the descriptor will be used for. */
export interface OpenFileOptions {
  /** Create the file when missing (`O_CREAT`). */
  create: boolean;
  /** With `create`: fail with `EXIST` when it exists (`O_EXCL`). */
  exclusive: boolean;
  /** Truncate to 0 bytes (`O_TRUNC`). */
  truncate: boolean;
  /** The descriptor may read. */
  read: boolean;
  /** The descriptor may write. */
  write: boolean;
}

/** New timestamps in ns; `null` leaves that timestamp unchanged. */
export type TimeUpdate = bigint | null;

/**
 * An open regular file (or other non-directory object). I/O is positional: the core keeps the
 * cursor and handles `O_APPEND` (through `append` when the host has it).
 *
 * Numbers: the core never passes an offset, length or size that `maxFileSize` rules out. For every
 * `read`/`write`, `offset + bytes.length <= maxFileSize`; for `setSize(size)`, `size <= maxFileSize`;
 * for `allocate(offset, len)`, `offset + len <= maxFileSize`. Everything beyond is answered by the
 * core (`FBIG` for writes and sizes, 0 bytes for reads), the same way for every host.
 */
export interface FileHandle {
  /** Tells file handles from directory handles. */
  readonly kind: "file";
  /**
   * The largest file size in bytes this handle can represent exactly. Absent: 2^53 − 1, the
   * largest integer a JavaScript number holds exactly (what `node:fs` and OPFS take). Values above
   * 2^63 − 1 count as 2^63 − 1.
   */
  readonly maxFileSize?: bigint;
  /** Read up to `into.length` bytes at byte `offset`; returns bytes read (0 at end of file). */
  read(into: Uint8Array, offset: bigint): number;
  /** Write `bytes` at byte `offset`, extending the file as needed; returns bytes written. */
  write(bytes: Uint8Array, offset: bigint): number;
  /**
   * Optional, both or neither: `read` into and `write` from `mem[start, start + length)` (guest
   * memory: touch nothing else of it, keep no reference), at byte `offset` as a number. They
   * spare a view of guest memory and a bigint per call. The core uses them only for a range that
   * ends at or below both `maxFileSize` and 2^53 − 1, so the offset is exact and needs no checks.
   */
  readAt?(mem: Uint8Array, start: number, length: number, offset: number): number;
  /**
   * With `readAt`: write `mem[start, start + length)` at byte `offset` (a number), extending the
   * file as needed; returns bytes written. Errors as `write`.
   */
  writeAt?(mem: Uint8Array, start: number, length: number, offset: number): number;
  /**
   * Write all of `bytes` at the end of the file as one atomic step, as `write(2)` on an `O_APPEND`
   * descriptor does: writers appending concurrently (other descriptors, other processes) never
   * overwrite or interleave with these bytes. Returns bytes written. `bytes` may be a view of guest
   * memory: do not keep it. Absent: the core appends by writing at `stat().size`, which is atomic
   * only when nothing else writes to the file at the same time (e.g. an in-memory filesystem).
   */
  append?(bytes: Uint8Array): number;
  /** Metadata of the open file. */
  stat(): FileStat;
  /** Truncate or extend (with zeros) to `size` bytes. */
  setSize(size: bigint): void;
  /** Set the access and modification times (`null`: unchanged). */
  setTimes(atim: TimeUpdate, mtim: TimeUpdate): void;
  /** Flush data and metadata to stable storage. Absent: nothing to do. */
  sync?(): void;
  /** Flush data to stable storage. Absent: `sync` is used. */
  datasync?(): void;
  /** Ensure bytes `[offset, offset+len)` are allocated. Absent: the core extends with `setSize`. */
  allocate?(offset: bigint, len: bigint): void;
  /** Called when the last descriptor referring to this handle is closed. */
  close?(): void;
}

/**
 * An open directory. Every `name` argument is a single path component that the core has already
 * checked: never empty, never `.` or `..`, never containing `/` or NUL. Methods never follow a
 * symlink in the last component (the core resolves symlinks itself).
 *
 * Lifetime: every handle `openDirectory` returns gets exactly one `close()` call, once the core no
 * longer needs it — at the end of the path operation that opened it while resolving, or when the
 * last descriptor holding it is closed. Preopened roots are never closed by the core: they belong
 * to the embedder.
 */
export interface DirectoryHandle {
  /** Tells directory handles from file handles. */
  readonly kind: "directory";
  /** Metadata of this directory. */
  stat(): FileStat;
  /** Set this directory's access and modification times (`null`: unchanged). */
  setTimes(atim: TimeUpdate, mtim: TimeUpdate): void;
  /** lstat of `name`. Throws `NOENT` when missing. */
  statAt(name: string): FileStat;
  /**
   * Open the directory `name`, never following it. Throws `NOENT`, `NOTDIR` (a file), and `LOOP`
   * when `name` is a symlink — the core then reads the link and resolves its target itself.
   */
  openDirectory(name: string): DirectoryHandle;
  /** Open (and maybe create) the regular file `name`. Throws `NOENT`, `EXIST`, `ISDIR`, `LOOP` (symlink). */
  openFile(name: string, options: OpenFileOptions): FileHandle;
  /**
   * All entries except `.` and `..`, in a stable order. The array may be one the handle keeps
   * (MemFS returns the same one until the directory changes): read it, do not modify it.
   */
  readDirectory(): DirEntry[];
  /** Create the directory `name`. Throws `EXIST`. */
  createDirectoryAt(name: string): void;
  /** Remove the empty directory `name`. Throws `NOTEMPTY`, `NOTDIR`, `NOENT`. */
  removeDirectoryAt(name: string): void;
  /** Remove the non-directory `name`. Throws `ISDIR`, `NOENT`. */
  unlinkFileAt(name: string): void;
  /** POSIX rename of `name` to `newName` in `newDir` (a handle from the same filesystem). */
  renameAt(name: string, newDir: DirectoryHandle, newName: string): void;
  /** Hard link `name` as `newName` in `newDir`. */
  linkAt(name: string, newDir: DirectoryHandle, newName: string): void;
  /** Create a symlink `name` whose content is `target` (stored verbatim). */
  symlinkAt(target: string, name: string): void;
  /** Content of the symlink `name`. Throws `INVAL` when `name` is not a symlink. */
  readlinkAt(name: string): string;
  /** Set timestamps of `name` without following a symlink. */
  setTimesAt(name: string, atim: TimeUpdate, mtim: TimeUpdate): void;
  /** Flush the directory's entries to stable storage. Absent: nothing to do. */
  sync?(): void;
  /** Release what the handle holds (see "Lifetime" above). Absent: nothing to release. */
  close?(): void;
}
