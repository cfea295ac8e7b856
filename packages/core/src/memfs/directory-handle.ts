import { WasiError } from "../errors.js";
import type {
  DirEntry,
  DirectoryHandle,
  FileHandle,
  FileStat,
  OpenFileOptions,
  TimeUpdate,
} from "../host.js";
import type { FsContext } from "./context.js";
import { MemFileHandle } from "./file-handle.js";
import { DirInode, FileInode, SymlinkInode, fileTypeOf, setTimes, statOf, type Inode } from "./inode.js";

/**
 * An open MemFS directory. Names are single components already checked by the core; nothing here
 * follows a symlink. The handle keeps its directory alive after removal, when it lists as empty
 * and refuses new entries with `NOENT`.
 */
export class MemDirectoryHandle implements DirectoryHandle {
  readonly kind = "directory";
  /** @internal The directory this handle refers to. */
  declare readonly inode: DirInode;
  /** @internal The filesystem it belongs to. */
  declare readonly ctx: FsContext;

  constructor(ctx: FsContext, inode: DirInode) {
    this.ctx = ctx;
    this.inode = inode;
  }

  stat(): FileStat {
    return statOf(this.inode, this.ctx);
  }

  setTimes(atim: TimeUpdate, mtim: TimeUpdate): void {
    setTimes(this.inode, atim, mtim, this.ctx.now());
  }

  /** lstat of `name`. Throws `NOENT`. */
  statAt(name: string): FileStat {
    return statOf(this.#lookup(name), this.ctx);
  }

  /** Throws `NOENT`, `NOTDIR` when `name` is a file, `LOOP` when it is a symlink. */
  openDirectory(name: string): DirectoryHandle {
    const node = this.#lookup(name);
    if (node.kind !== "directory") throw new WasiError(node.kind === "symlink" ? "LOOP" : "NOTDIR");
    return new MemDirectoryHandle(this.ctx, node);
  }

  /**
   * Throws `NOENT` (missing without `create`, or this directory was removed), `EXIST` (`create` +
   * `exclusive`), `ISDIR`, `LOOP` (a symlink). `truncate` empties the file and updates mtim/ctim.
   */
  openFile(name: string, options: OpenFileOptions): FileHandle {
    const node = this.inode.entries.get(name);
    if (node === undefined) {
      if (!options.create) throw new WasiError("NOENT");
      this.#checkWritable();
      const file = new FileInode(this.ctx);
      this.inode.attach(name, file, file.ctim);
      return new MemFileHandle(this.ctx, file);
    }
    if (options.create && options.exclusive) throw new WasiError("EXIST");
    if (node.kind === "directory") throw new WasiError("ISDIR");
    if (node.kind === "symlink") throw new WasiError("LOOP");
    const handle = new MemFileHandle(this.ctx, node);
    if (options.truncate) handle.setSize(0n);
    return handle;
  }

  /**
   * Entries in insertion order, without `.` and `..`. The same array until the directory changes
   * (callers only read it): listing an unchanged directory again allocates nothing, and a listing
   * built while V8 collects no longer outlives the collection (bench/analysis.md, row 5).
   */
  readDirectory(): DirEntry[] {
    return this.inode.listing ||= Array.from(this.inode.entries, ([name, node]) => ({ name, filetype: fileTypeOf(node), ino: node.ino }));
  }

  /** Throws `EXIST`, or `NOENT` when this directory was removed. */
  createDirectoryAt(name: string): void {
    if (this.inode.entries.has(name)) throw new WasiError("EXIST");
    this.#checkWritable();
    const dir = new DirInode(this.ctx);
    this.inode.attach(name, dir, dir.ctim);
  }

  /** Throws `NOENT`, `NOTDIR`, `NOTEMPTY`. */
  removeDirectoryAt(name: string): void {
    const node = this.#lookup(name);
    if (node.kind !== "directory") throw new WasiError("NOTDIR");
    if (node.entries.size > 0) throw new WasiError("NOTEMPTY");
    this.inode.detach(name, node, this.ctx.now());
    node.removed = true;
  }

  /** Throws `NOENT`, `ISDIR`. Open handles keep the file's data alive. */
  unlinkFileAt(name: string): void {
    const node = this.#lookup(name);
    if (node.kind === "directory") throw new WasiError("ISDIR");
    this.inode.detach(name, node, this.ctx.now());
  }

  /**
   * POSIX rename. Throws `NOENT`, `XDEV` (`newDir` from another filesystem), `INVAL` (a directory
   * into its own subtree), `NOTEMPTY`, `NOTDIR` (directory over non-directory), `ISDIR` (the
   * reverse). Renaming onto the same inode (itself, or a hard link of itself) does nothing.
   */
  renameAt(name: string, newDir: DirectoryHandle, newName: string): void {
    const dst = this.#sameFs(newDir);
    const node = this.#lookup(name);
    if (dst.removed) throw new WasiError("NOENT");
    const existing = dst.entries.get(newName);
    if (existing === node) return;
    if (node.kind === "directory") {
      if (dst.isWithin(node)) throw new WasiError("INVAL");
      if (existing !== undefined) {
        if (existing.kind !== "directory") throw new WasiError("NOTDIR");
        if (existing.entries.size > 0) throw new WasiError("NOTEMPTY");
      }
    } else if (existing?.kind === "directory") {
      throw new WasiError("ISDIR");
    }
    const now = this.ctx.now();
    if (existing !== undefined) {
      dst.detach(newName, existing, now);
      if (existing.kind === "directory") existing.removed = true;
    }
    this.inode.detach(name, node, now);
    dst.attach(newName, node, now);
  }

  /** Throws `NOENT`, `PERM` (a directory), `EXIST`, `XDEV`. Symlinks are linked, not followed. */
  linkAt(name: string, newDir: DirectoryHandle, newName: string): void {
    const dst = this.#sameFs(newDir);
    const node = this.#lookup(name);
    if (node.kind === "directory") throw new WasiError("PERM");
    if (dst.entries.has(newName)) throw new WasiError("EXIST");
    if (dst.removed) throw new WasiError("NOENT");
    dst.attach(newName, node, this.ctx.now());
  }

  /** Throws `EXIST`, or `NOENT` when `target` is empty or this directory was removed. */
  symlinkAt(target: string, name: string): void {
    if (this.inode.entries.has(name)) throw new WasiError("EXIST");
    // POSIX (and Linux) reject an empty target: it could never resolve.
    if (target === "") throw new WasiError("NOENT");
    this.#checkWritable();
    const link = new SymlinkInode(this.ctx, target);
    this.inode.attach(name, link, link.ctim);
  }

  /** Throws `NOENT`, or `INVAL` when `name` is not a symlink. */
  readlinkAt(name: string): string {
    const node = this.#lookup(name);
    if (node.kind !== "symlink") throw new WasiError("INVAL");
    return node.target;
  }

  /** Set timestamps of `name` itself (a symlink is not followed). Throws `NOENT`. */
  setTimesAt(name: string, atim: TimeUpdate, mtim: TimeUpdate): void {
    setTimes(this.#lookup(name), atim, mtim, this.ctx.now());
  }

  #lookup(name: string): Inode {
    const node = this.inode.entries.get(name);
    if (node === undefined) throw new WasiError("NOENT");
    return node;
  }

  #checkWritable(): void {
    if (this.inode.removed) throw new WasiError("NOENT");
  }

  #sameFs(other: DirectoryHandle): DirInode {
    // Only this filesystem's handles hold its context (a directory slot never holds a file's).
    if ((other as MemDirectoryHandle).ctx !== this.ctx) throw new WasiError("XDEV");
    return (other as MemDirectoryHandle).inode;
  }
}
