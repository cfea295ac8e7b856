import {
  Errno, FileType, WasiError, type DirEntry, type DirectoryHandle, type FileHandle, type FileStat,
  type FileTypeValue, type OpenFileOptions, type TimeUpdate,
} from "@anywasi/core";
import * as fs from "node:fs";
import { settleStatMode } from "./stat-mode.js";
import { fromNodeError, fsCall } from "./errors.js";
import { TimeOverlay } from "./time-overlay.js";

const C = fs.constants;
// Linux's /proc/self/fd/N names the very directory an fd was opened on, whatever happens to its
// path afterwards; operating through it makes a symlink swapped into an ancestor harmless.
const PROC_FD = (() => {
  try {
    return process.platform === "linux" && fs.statSync("/proc/self/fd").isDirectory();
  } catch {
    return false;
  }
})();

/**
 * `/proc/self/fd/` as `/proc/<pid>/fd/` where `/proc/self` is this process's own number (the
 * same directory: the descriptor table every thread of the process shares), which spares the
 * kernel the `self` symlink on every path through it (~0.3 µs of each lstat and open, measured
 * as the fastest of 200 interleaved batches). Where `/proc` belongs to another PID namespace the
 * numbers differ, and `/proc/self` is kept.
 */
const PROC_FD_DIR = (() => {
  try {
    if (PROC_FD && fs.readlinkSync("/proc/self") === String(process.pid)) return `/proc/${process.pid}/fd/`;
  } catch {
    // Not readable: keep /proc/self.
  }
  return "/proc/self/fd/";
})();

// Node passes O_NOFOLLOW to open(2), which then refuses a symlink, and reports times with
// nanoseconds. Deno's compatibility layer promises neither: there a directory is checked with
// lstat before it is opened and compared by inode after (a swap in between is refused), and
// listings are never reused on the strength of unchanged times.
const NODE_NATIVE = !("Deno" in globalThis);
const TRUST_NOFOLLOW = NODE_NATIVE;

/** What `fileType` asks of a stat or a directory entry. */
type Typed = Pick<fs.Dirent, "isFile" | "isDirectory" | "isSymbolicLink" | "isCharacterDevice" | "isBlockDevice" | "isSocket">;

/** Options of a bigint stat and of a number one, allocated once (`fstatSync`'s default is a new object per call). */
const BIGINT = { bigint: true } as const;
const NUMBER = { bigint: false } as const;
/** Options of a `lstat` that answers undefined for a missing name, allocated once. */
const NO_THROW = { throwIfNoEntry: false } as const;

/**
 * The one resolution of a preopen's path: libuv's realpath(3), one call, where `fs.realpathSync`
 * walks the path in JavaScript (an lstat per component, ~0.2 ms at its first call) and shares
 * Node 20's stat cache (see stat-mode.ts). Deno's compatibility layer may lack `.native`.
 */
const realpath: (path: string) => string = fs.realpathSync.native ?? fs.realpathSync;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** `lstat` of `path`, or null when nothing is there; other failures are errno values. */
function lstatOrNull(path: string): fs.Stats | null {
  const st = fsCall(() => fs.lstatSync(path, { throwIfNoEntry: false })) ?? null;
  settleStatMode(st);
  return st;
}

/**
 * Without a trusted O_NOFOLLOW: the file just opened must be what `path` names now and, if
 * something was there before the open, that same file — else a symlink was swapped in (or the
 * open followed one) and the descriptor is closed and refused with `LOOP`.
 */
function checkOpened(fd: number, opened: fs.Stats, path: string, before: fs.Stats | null): void {
  const now = lstatOrNull(path);
  const same = (a: fs.Stats | null): boolean => a !== null && a.ino === opened.ino && a.dev === opened.dev;
  if (!same(now) || (before !== null && !same(before))) {
    fs.closeSync(fd);
    throw new WasiError("LOOP", "the file was replaced while it was being opened");
  }
}

/** A host name (bytes; a string where the runtime ignores `encoding: "buffer"`) as UTF-8, or null if it is not UTF-8. */
function hostName(raw: Uint8Array | string): string | null {
  if (typeof raw === "string") return raw;
  try {
    return strictUtf8.decode(raw);
  } catch {
    return null;
  }
}

function fileType(st: Typed): FileTypeValue {
  if (st.isFile()) return FileType.REGULAR_FILE;
  if (st.isDirectory()) return FileType.DIRECTORY;
  if (st.isSymbolicLink()) return FileType.SYMBOLIC_LINK;
  if (st.isCharacterDevice()) return FileType.CHARACTER_DEVICE;
  if (st.isBlockDevice()) return FileType.BLOCK_DEVICE;
  if (st.isSocket()) return FileType.SOCKET_STREAM;
  return FileType.UNKNOWN;
}

// Mode bits as on POSIX: Node on Linux and macOS (Node on Windows and Deno answer `isFile()` their own way).
const MODE_BITS = NODE_NATIVE && process.platform !== "win32" && typeof C.S_IFMT === "number";
const S_IFMT = C.S_IFMT;
/** `fileType` from a stat's mode bits: one conversion, where each `isFile()` of a bigint stat builds bigints. */
function modeType(st: fs.BigIntStats): FileTypeValue {
  if (!MODE_BITS) return fileType(st);
  switch (Number(st.mode) & S_IFMT) {
    case C.S_IFREG: return FileType.REGULAR_FILE;
    case C.S_IFDIR: return FileType.DIRECTORY;
    case C.S_IFLNK: return FileType.SYMBOLIC_LINK;
    case C.S_IFCHR: return FileType.CHARACTER_DEVICE;
    case C.S_IFBLK: return FileType.BLOCK_DEVICE;
    case C.S_IFSOCK: return FileType.SOCKET_STREAM;
    default: return FileType.UNKNOWN;
  }
}

/**
 * Directory handles kept open after the core closed them (see `Shared.park`): only on Linux under
 * Node, where a handle is reached through `/proc/self/fd` and an open directory can still be
 * renamed and removed (elsewhere an open handle can keep a directory from being removed).
 */
const PARK = PROC_FD && NODE_NATIVE;
const MAX_PARKED = 8;

/** How long a directory must have been unchanged before its listing may be reused (see `remember`). */
const SETTLED_NS = 100_000_000n;

/** Options of `NodeFS`. */
export interface NodeFSOptions {
  /** Refuse every change (`ROFS`): the guest can read but not write, create or remove. */
  readOnly?: boolean;
}

/** Shared state of the handles of one preopened host directory. */
/**
 * A host descriptor owned by one handle, and the handle's `FinalizationRegistry` entry (the cell
 * is its held value and its unregister token, once registered).
 */
class HostFd {
  registered = false;
  /** Where the cell is in `Shared.cells` while its descriptor is open. */
  index = -1;
  constructor(public fd: number) {}
}

/** Unregistered handles beyond which `track` registers them at once (see `Shared.pending`). */
const MAX_PENDING = 1024;

class Shared {
  readonly times = new TimeOverlay();
  /**
   * The cells of every host descriptor still open, for `closeAll`; each knows its index, so one
   * is dropped by moving the last into its place (no hashing, as a `Set` of numbers would cost on
   * every open and close).
   */
  private readonly cells: HostFd[] = [];
  private readonly registry = new FinalizationRegistry<HostFd>((cell) => {
    const fd = cell.fd;
    if (this.drop(cell)) fs.closeSync(fd);
  });

  /** Forget `cell` (its descriptor is being closed): false if it was already closed. */
  private drop(cell: HostFd): boolean {
    if (cell.fd < 0) return false;
    cell.fd = -1;
    const last = this.cells.pop()!;
    if (last !== cell) {
      this.cells[cell.index] = last;
      last.index = cell.index;
    }
    return true;
  }
  constructor(readonly readOnly: boolean) {}

  /**
   * Handles whose descriptors are not registered yet, and their cells. The registry closes the
   * descriptor of a handle collected unclosed (a guest instance dropped while it had files open).
   * A handle can only be dropped once JavaScript regains control from the guest's synchronous
   * run, so registration waits until then (a microtask): a file opened and closed in between
   * (most of them) costs no registration and no unregistration (a weak cell and a keyed lookup,
   * ~2,600 instructions together). Held strongly meanwhile, a pending handle cannot be collected.
   */
  private readonly pendingOwners: object[] = [];
  private readonly pendingCells: HostFd[] = [];
  private flushQueued = false;
  private readonly flush = (): void => {
    this.flushQueued = false;
    const owners = this.pendingOwners;
    const cells = this.pendingCells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell.fd < 0) continue;
      cell.registered = true;
      this.registry.register(owners[i]!, cell, cell);
    }
    owners.length = 0;
    cells.length = 0;
  };

  /** Own `fd` for `owner`: closed by `release`, by `closeAll`, or when `owner` is collected unreleased. */
  track(owner: object, fd: number): HostFd {
    const cell = new HostFd(fd);
    cell.index = this.cells.length;
    this.cells.push(cell);
    this.pendingOwners.push(owner);
    this.pendingCells.push(cell);
    if (this.pendingCells.length > MAX_PENDING) this.flush();
    else if (!this.flushQueued) {
      this.flushQueued = true;
      // A promise reaction rather than queueMicrotask(): in Node, queueMicrotask wraps each task
      // in an AsyncResource, whose async_hooks code was a tenth of createNodeWASI()'s first-use
      // compilation (bench/analysis.md, "Row 1 set-up, 2026-12-07 (afternoon)"). flush() cannot throw.
      void Promise.resolve().then(this.flush);
    }
    return cell;
  }

  release(cell: HostFd): void {
    const fd = cell.fd;
    if (!this.drop(cell)) return;
    if (cell.registered) this.registry.unregister(cell);
    else {
      // Usually the newest pending handle (open, use, close): let go of it now.
      const last = this.pendingCells.length - 1;
      if (last >= 0 && this.pendingCells[last] === cell) {
        this.pendingCells.pop();
        this.pendingOwners.pop();
      }
    }
    fs.closeSync(fd);
  }

  /** After `closeAll`, every handle refuses to act: its host descriptor numbers may be reused. */
  closed = false;

  closeAll(): void {
    this.closed = true;
    this.parked.length = 0;
    this.pendingOwners.length = 0;
    this.pendingCells.length = 0;
    for (const cell of this.cells) {
      const fd = cell.fd;
      cell.fd = -1;
      fs.closeSync(fd);
    }
    this.cells.length = 0;
  }

  /**
   * Directory handles the core has closed, still open (oldest first, at most `MAX_PARKED`), each
   * with the host descriptor of the directory it was opened in and its name there. The core opens
   * every directory on a path again at each call ("d/f1", "d/f2": `d` twice); a parked handle
   * saves that open and its close, for one lstat (see `unpark`). Looked up by that descriptor
   * number and name, not by the host path: a path built and hashed per lookup cost more than the
   * few comparisons.
   */
  private readonly parked: NodeDirectory[] = [];

  /** The index in `parked` of the handle opened as `name` in the directory `parentFd`, or -1. */
  private parkedAt(parentFd: number, name: string): number {
    const parked = this.parked;
    for (let i = 0; i < parked.length; i++) {
      const dir = parked[i]!;
      if (dir.parentFd === parentFd && dir.name === name) return i;
    }
    return -1;
  }

  /** Remove the entry at `i` of `parked`, keeping the order (oldest first). */
  private unparkAt(i: number): NodeDirectory {
    const parked = this.parked;
    const dir = parked[i]!;
    for (; i < parked.length - 1; i++) parked[i] = parked[i + 1]!;
    parked.pop();
    return dir;
  }

  /** Keep `dir` (closed by the core) open, closing the oldest beyond `MAX_PARKED`. */
  park(dir: NodeDirectory): void {
    const i = this.parkedAt(dir.parentFd, dir.name);
    if (i >= 0) this.unparkAt(i).release();
    this.parked.push(dir);
    if (this.parked.length > MAX_PARKED) this.unparkAt(0).release();
  }

  /**
   * The parked handle opened as `name` in the directory `parentFd`, if its host path (that
   * directory's `/proc/self/fd` entry and `name`) still names that very directory: same device
   * and inode, not a symlink (lstat). The handle keeps its inode alive, so the number cannot have
   * been reused by another directory; a swap after the check is a swap after the open would have
   * been, and the handle is a directory inside the preopen either way. The path is the one the
   * handle was opened by: if `parentFd` was closed and its number reused since, the lstat looks
   * in the directory that number holds now, which is where the guest's path leads.
   */
  unpark(parentFd: number, name: string): NodeDirectory | null {
    const i = this.parkedAt(parentFd, name);
    if (i < 0) return null;
    const dir = this.unparkAt(i);
    const st = fs.lstatSync(dir.path, NO_THROW);
    settleStatMode(st);
    if (st !== undefined && st.isDirectory() && st.ino === dir.ino && st.dev === dir.dev) return dir;
    dir.release();
    return null;
  }

  /** The host descriptor `fd`, if this filesystem is still open. */
  live(fd: number): number {
    if (this.closed) throw new WasiError("BADF", "the filesystem was closed");
    return fd;
  }

  private readonly listings = new Map<string, { version: string; entries: DirEntry[] }>();

  /** The remembered listing of the directory `st` describes, if its times have not moved since. */
  listing(st: fs.BigIntStats): DirEntry[] | null {
    const hit = this.listings.get(`${st.dev}:${st.ino}`);
    return hit !== undefined && hit.version === `${st.mtimeNs}:${st.ctimeNs}:${st.nlink}` ? hit.entries : null;
  }

  /**
   * Remember a listing taken at `takenAtNs` (realtime) of the directory `st` describes. Inode times
   * come from a coarse kernel clock (a few ms a tick), so a change in the same tick as the last
   * one leaves them as they were: a listing is kept only when the directory last changed well
   * before it was taken, so that any later change must move its times.
   */
  remember(st: fs.BigIntStats, entries: DirEntry[], takenAtNs: bigint): void {
    const settled = takenAtNs - SETTLED_NS;
    if (st.mtimeNs > settled || st.ctimeNs > settled) return;
    if (this.listings.size >= 64) this.listings.delete(this.listings.keys().next().value!);
    this.listings.set(`${st.dev}:${st.ino}`, { version: `${st.mtimeNs}:${st.ctimeNs}:${st.nlink}`, entries });
  }

  writable(): void {
    if (this.readOnly) throw new WasiError("ROFS");
  }

  /**
   * The `FileStat` of `st`. `filetype`, when the caller knows it: an open descriptor's type never
   * changes (the inode's type is fixed for its life), so a file's is taken once, at its open.
   */
  stat(st: fs.BigIntStats, filetype: FileTypeValue = modeType(st)): FileStat {
    // Without overlaid times (always, unless the guest set times), no object for them.
    if (!this.times.active) {
      return {
        filetype, dev: st.dev, ino: st.ino, nlink: st.nlink, size: st.size,
        atim: st.atimeNs, mtim: st.mtimeNs, ctim: st.ctimeNs,
      };
    }
    const t = this.times.get(st);
    return {
      filetype, dev: st.dev, ino: st.ino, nlink: st.nlink, size: st.size,
      atim: t.atim, mtim: t.mtim, ctim: st.ctimeNs,
    };
  }
}

/**
 * A real host directory as a WASI filesystem. The core resolves every path component itself;
 * this host only ever acts on one name inside a directory it already holds open, never follows
 * a symlink in that name (`O_NOFOLLOW`, `lstat`), and on Linux reaches the directory through
 * `/proc/self/fd`, so a concurrent rename or symlink swap cannot redirect it outside the preopen.
 */
export class NodeFS {
  /** The root directory handle, to pass as a preopen. */
  readonly root: DirectoryHandle;
  private readonly shared: Shared;

  /**
   * @param hostPath a directory on the host; symlinks in it are resolved once, here.
   * @throws Error when `hostPath` is not a directory.
   */
  constructor(hostPath: string, options: NodeFSOptions = {}) {
    const real = realpath(hostPath);
    this.shared = new Shared(options.readOnly === true);
    try {
      // O_DIRECTORY refuses anything else: no stat beforehand.
      this.root = NodeDirectory.open(this.shared, real);
    } catch (e) {
      if (e instanceof WasiError && e.errno === Errno.NOTDIR) throw new Error(`not a directory: ${hostPath}`, { cause: e });
      throw e;
    }
  }

  /** Close every host descriptor this filesystem holds (open files stay valid until then). */
  close(): void {
    this.shared.closeAll();
  }
}

class NodeDirectory implements DirectoryHandle {
  readonly kind = "directory";
  /** The host descriptor's ownership (set right after construction, by `open`). */
  cell: HostFd | null = null;
  /** Device and inode, once parked (-1: not known yet). */
  dev = -1;
  ino = -1;
  /** `/proc/self/fd/N/` for this directory's entries (`at`), built once. */
  private readonly prefix: string;
  private constructor(
    private readonly shared: Shared, private readonly fd: number,
    /** The host path this handle was opened by. */
    readonly path: string,
    /** The host descriptor of the directory it was opened in (-1 for a preopen's root), and its name there. */
    readonly parentFd: number, readonly name: string,
  ) {
    this.prefix = PROC_FD ? `${PROC_FD_DIR}${fd}/` : `${path}/`;
  }

  /**
   * Open the directory at the host path `path`: the preopen's root (`parentFd` -1), or the entry
   * `name` of the directory whose host descriptor is `parentFd`.
   */
  static open(shared: Shared, path: string, parentFd = -1, name = ""): NodeDirectory {
    const before = TRUST_NOFOLLOW ? null : fsCall(() => fs.lstatSync(path, { bigint: true }));
    if (before !== null && !before.isDirectory()) throw new WasiError(before.isSymbolicLink() ? "LOOP" : "NOTDIR");
    const fd = fsCall(() => fs.openSync(path, C.O_RDONLY | C.O_DIRECTORY | C.O_NOFOLLOW));
    if (before !== null) {
      const opened = fs.fstatSync(fd, { bigint: true });
      if (opened.ino !== before.ino || opened.dev !== before.dev) {
        fs.closeSync(fd);
        throw new WasiError("LOOP", "the directory was replaced while it was being opened");
      }
    }
    const dir = new NodeDirectory(shared, fd, path, parentFd, name);
    dir.cell = shared.track(dir, fd);
    return dir;
  }

  /** The host path through which `name` inside this directory is reached. */
  private at(name: string): string {
    if (this.shared.closed) this.shared.live(this.fd);
    return this.prefix + name;
  }

  private self(): string {
    return PROC_FD ? `${PROC_FD_DIR}${this.shared.live(this.fd)}` : this.path;
  }

  stat(): FileStat {
    return this.shared.stat(fsCall(() => fs.fstatSync(this.shared.live(this.fd), BIGINT)), FileType.DIRECTORY);
  }

  setTimes(atim: TimeUpdate, mtim: TimeUpdate): void {
    this.shared.writable();
    const fd = this.shared.live(this.fd);
    setTimesFd(this.shared, fd, atim, mtim);
  }

  statAt(name: string): FileStat {
    return this.shared.stat(fsCall(() => fs.lstatSync(this.at(name), { bigint: true })));
  }

  /** A symlink gives `LOOP`, which the core expects (it then reads the link). */
  openDirectory(name: string): DirectoryHandle {
    if (PARK) {
      const parked = this.shared.unpark(this.fd, name);
      if (parked !== null) return parked;
    }
    const path = this.at(name);
    try {
      return NodeDirectory.open(this.shared, path, this.fd, name);
    } catch (e) {
      // With O_DIRECTORY | O_NOFOLLOW, Linux answers ENOTDIR for a symlink as for a file.
      if (e instanceof WasiError && e.errno === 54) {
        const st = fs.lstatSync(path, { throwIfNoEntry: false });
        settleStatMode(st);
        if (st?.isSymbolicLink() === true) throw new WasiError("LOOP");
      }
      throw e;
    }
  }

  openFile(name: string, o: OpenFileOptions): FileHandle {
    if (o.write || o.create || o.truncate) this.shared.writable();
    // O_NONBLOCK: opening a FIFO blocks until the other end opens, in a call no thread can
    // interrupt (a worker stuck there outlives its time limit). Non-blocking, the open returns at
    // once and the FIFO (or socket) is then refused below; on a regular file the flag does nothing.
    let flags = C.O_NOFOLLOW | (C.O_NONBLOCK ?? 0) | (o.write ? (o.read ? C.O_RDWR : C.O_WRONLY) : C.O_RDONLY);
    if (o.create) flags |= C.O_CREAT;
    if (o.exclusive) flags |= C.O_EXCL;
    if (o.truncate) flags |= C.O_TRUNC;
    const path = this.at(name);
    // Where O_NOFOLLOW and O_EXCL are not honoured (Deno), the name is looked at first and the
    // opened file compared with it after (checkOpened), so a symlink is refused and never followed.
    const before = TRUST_NOFOLLOW ? null : lstatOrNull(path);
    if (before !== null) {
      if (before.isSymbolicLink()) throw new WasiError("LOOP");
      if (o.exclusive) throw new WasiError("EXIST");
    }
    let fd: number;
    try {
      fd = fs.openSync(path, flags, 0o666);
    } catch (e) {
      // Non-blocking, a FIFO opened for writing with no reader is ENXIO: refused like any FIFO.
      if ((e as { code?: string }).code === "ENXIO") throw new WasiError("NOTSUP", "FIFOs cannot be opened");
      return fromNodeError(e);
    }
    const st = fs.fstatSync(fd, NUMBER);
    if (!TRUST_NOFOLLOW) checkOpened(fd, st, path, before);
    if (st.isDirectory()) {
      fs.closeSync(fd);
      throw new WasiError("ISDIR");
    }
    if (st.isFIFO() || st.isSocket()) {
      fs.closeSync(fd);
      settleStatMode(st);
      throw new WasiError("NOTSUP", "FIFOs and sockets in a preopen cannot be opened (their reads and writes would block the thread)");
    }
    return new NodeFile(this.shared, fd, path, fileType(st));
  }

  readDirectory(): DirEntry[] {
    // A listing costs an lstat per entry (for inode numbers); a directory whose mtime and ctime
    // have not moved still has the same entries, so its last listing is reused.
    const takenAt = BigInt(Date.now()) * 1_000_000n;
    const st = fsCall(() => fs.fstatSync(this.shared.live(this.fd), { bigint: true }));
    const cached = NODE_NATIVE ? this.shared.listing(st) : null;
    if (cached !== null) return cached;
    // The entries' types come with the listing; only their inode numbers need an lstat each,
    // and number stats (exact below 2^53, far above real inode numbers) cost much less than bigint ones.
    // Names as bytes: a host name that is not UTF-8 would decode to U+FFFD, several names to the
    // same one, and none of them could be opened again. Such entries are left out of the listing
    // (a guest cannot name them either: its paths must be UTF-8, else ILSEQ).
    const entries = fsCall(() => fs.readdirSync(this.self(), { withFileTypes: true, encoding: "buffer" }));
    const out: DirEntry[] = [];
    let last: fs.Stats | undefined;
    for (const e of entries) {
      const name = hostName(e.name);
      if (name === null) continue;
      const st = last = fs.lstatSync(this.at(name), { throwIfNoEntry: false });
      // Gone between the listing and the stat: it is no longer an entry.
      if (st !== undefined) out.push({ name, filetype: fileType(e), ino: BigInt(st.ino) });
    }
    // Only the last number stat is what Node's module resolution may look at (stat-mode.ts).
    settleStatMode(last);
    this.shared.remember(st, out, takenAt);
    return out;
  }

  createDirectoryAt(name: string): void {
    this.shared.writable();
    fsCall(() => fs.mkdirSync(this.at(name), 0o777));
  }

  removeDirectoryAt(name: string): void {
    this.shared.writable();
    fsCall(() => fs.rmdirSync(this.at(name)));
  }

  unlinkFileAt(name: string): void {
    this.shared.writable();
    fsCall(() => fs.unlinkSync(this.at(name)));
  }

  renameAt(name: string, newDir: DirectoryHandle, newName: string): void {
    this.shared.writable();
    const target = sameFs(this.shared, newDir).at(newName);
    fsCall(() => fs.renameSync(this.at(name), target));
  }

  linkAt(name: string, newDir: DirectoryHandle, newName: string): void {
    this.shared.writable();
    const target = sameFs(this.shared, newDir).at(newName);
    fsCall(() => fs.linkSync(this.at(name), target));
  }

  symlinkAt(target: string, name: string): void {
    this.shared.writable();
    fsCall(() => fs.symlinkSync(target, this.at(name)));
  }

  readlinkAt(name: string): string {
    const target = hostName(fsCall(() => fs.readlinkSync(this.at(name), "buffer")));
    // A target that is not UTF-8 cannot be given to the guest without changing it.
    if (target === null) throw new WasiError("ILSEQ", "the symlink's target is not valid UTF-8");
    return target;
  }

  setTimesAt(name: string, atim: TimeUpdate, mtim: TimeUpdate): void {
    this.shared.writable();
    setTimesPath(this.shared, this.at(name), atim, mtim);
  }

  sync(): void {
    fsCall(() => fs.fsyncSync(this.shared.live(this.fd)));
  }

  /**
   * The core no longer needs the handle: park it (`Shared.park`) where that is allowed, else close
   * the host descriptor. The root (a preopen) is never closed by the core.
   */
  close(): void {
    if (this.shared.closed) return;
    if (PARK && this.parentFd >= 0) {
      if (this.ino === -1) {
        const st = fs.fstatSync(this.fd);
        this.dev = st.dev;
        this.ino = st.ino;
      }
      this.shared.park(this);
      return;
    }
    this.release();
  }

  /** Close the host descriptor (not parked, or evicted from the parked handles). */
  release(): void {
    if (!this.shared.closed) this.shared.release(this.cell!);
  }

  /** @internal For rename and link across two handles of the same preopen. */
  pathOf(name: string): string {
    return this.at(name);
  }
}

function sameFs(shared: Shared, dir: DirectoryHandle): { at(name: string): string } {
  if (!(dir instanceof NodeDirectory) || (dir as unknown as { shared: Shared }).shared !== shared) {
    throw new WasiError("XDEV");
  }
  return { at: (n) => dir.pathOf(n) };
}

/** Set times on an open descriptor: nothing to resolve, so nothing to race. */
function setTimesFd(shared: Shared, fd: number, atim: TimeUpdate, mtim: TimeUpdate): void {
  const cur = shared.times.get(fsCall(() => fs.fstatSync(fd, { bigint: true })));
  const a = atim ?? cur.atim;
  const m = mtim ?? cur.mtim;
  fsCall(() => fs.futimesSync(fd, toSeconds(a), toSeconds(m)));
  shared.times.set(fs.fstatSync(fd, { bigint: true }), a, m);
}

/**
 * Set times on a name without following it. `lutimes` works on every file type, so there is no
 * check-then-use window in which a swapped-in symlink could redirect the change outside.
 */
function setTimesPath(shared: Shared, path: string, atim: TimeUpdate, mtim: TimeUpdate): void {
  const cur = shared.times.get(fsCall(() => fs.lstatSync(path, { bigint: true })));
  const a = atim ?? cur.atim;
  const m = mtim ?? cur.mtim;
  fsCall(() => fs.lutimesSync(path, toSeconds(a), toSeconds(m)));
  shared.times.set(fsCall(() => fs.lstatSync(path, { bigint: true })), a, m);
}

function toSeconds(ns: bigint): number {
  return Number(ns / 1000n) / 1e6;
}


/** `node:fs` takes positions and lengths as numbers: exact only up to 2^53 − 1. */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

class NodeFile implements FileHandle {
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
