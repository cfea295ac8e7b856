import {
  FileType, WasiError, type DirEntry, type DirectoryHandle, type FileHandle, type FileStat, type OpenFileOptions, type TimeUpdate,
} from "@anywasi/core";
import * as fs from "node:fs";
import { settleStatMode } from "./stat-mode.js";
import { fromNodeError, fsCall } from "./errors.js";
import { C, PROC_FD, PROC_FD_DIR, NODE_NATIVE, TRUST_NOFOLLOW, BIGINT, NUMBER, lstatOrNull, checkOpened, hostName, fileType, PARK } from "./node-fs-host.js";
import { setTimesFd, setTimesPath, type HostFd, type Shared } from "./node-fs-shared.js";
import { NodeFile } from "./node-file.js";

/** A directory of a NodeFS preopen, held open by its host descriptor; it acts on one name inside it at a time (the core resolves paths). */
export class NodeDirectory implements DirectoryHandle {
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
