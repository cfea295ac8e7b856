import { WasiError } from "../errors.js";
import type { DirectoryHandle, FileHandle } from "../host.js";
import { FsContext, defaultNow } from "./context.js";
import { DirInode, type Inode } from "./inode.js";
import { MemDirectoryHandle } from "./directory-handle.js";
import { MemFileHandle } from "./file-handle.js";
import { resolve, splitLast, splitPath } from "./path.js";

/**
 * One entry of a `MemFS` tree description: a file's content (a string is stored as UTF-8), a
 * directory (`{}`) or a symlink (`{ symlink: target }`).
 */
export type MemFSTreeEntry = string | Uint8Array | { symlink: string } | Record<string, never>;

/** A filesystem described by "/"-separated paths relative to the root. */
export type MemFSTree = Record<string, MemFSTreeEntry>;

/** Options of a `MemFS`. */
export interface MemFSOptions {
  /**
   * Time source for timestamps, in ns since the Unix epoch. Default: the engine's high-resolution
   * clock (`performance.timeOrigin + performance.now()`), falling back to `Date.now()`.
   */
  now?: () => bigint;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * An in-memory POSIX filesystem: regular files, directories, symlinks and hard links with
 * nanosecond timestamps (atim is not updated by reads). Give `root` to the runtime as a preopen.
 *
 * The methods other than `root` are a convenience for the host (setting up and inspecting the
 * filesystem): paths are trusted "/"-separated strings relative to the root, symlinks along them
 * are followed, missing parent directories are created by the writing methods, and errors are
 * `WasiError`s (`NOENT`, `NOTDIR`, `EXIST`, `ISDIR`, `INVAL`, `LOOP`).
 */
export class MemFS {
  /** The root directory, for use as a preopen. */
  readonly root: DirectoryHandle;
  private readonly ctx: FsContext;
  private readonly rootInode: DirInode;

  constructor(options: MemFSOptions = {}) {
    this.ctx = new FsContext(options.now ?? defaultNow);
    this.rootInode = new DirInode(this.ctx);
    this.root = new MemDirectoryHandle(this.ctx, this.rootInode);
  }

  /**
   * A filesystem holding `tree`, e.g.
   * `{ "dir/a.txt": "text", "bin/data": new Uint8Array([1]), "empty": {}, "lnk": { symlink: "dir/a.txt" } }`.
   * Intermediate directories are created. Throws `EXIST` for conflicting entries.
   */
  static from(tree: MemFSTree, options: MemFSOptions = {}): MemFS {
    const fs = new MemFS(options);
    for (const [path, entry] of Object.entries(tree)) {
      if (typeof entry === "string" || entry instanceof Uint8Array) {
        fs.writeFile(path, entry);
      } else if ("symlink" in entry && typeof entry.symlink === "string") {
        fs.symlink(entry.symlink, path);
      } else if (Object.keys(entry).length === 0) {
        fs.mkdir(path);
      } else {
        throw new WasiError("INVAL", `MemFS.from: unsupported entry at ${path}`);
      }
    }
    return fs;
  }

  /** A copy of the content of the file at `path`. Throws `NOENT`, `ISDIR`. */
  readFile(path: string): Uint8Array {
    const node = this.resolve(path, true);
    if (node.kind === "directory") throw new WasiError("ISDIR");
    if (node.kind !== "file") throw new WasiError("INVAL");
    return node.data.snapshot();
  }

  /** The content of the file at `path` decoded as UTF-8. Throws like `readFile`. */
  readText(path: string): string {
    return decoder.decode(this.readFile(path));
  }

  /**
   * Create or replace the content of the file at `path` (a string is stored as UTF-8), creating
   * missing parent directories. A symlink at `path` is followed to an existing file.
   * Throws `ISDIR`, `NOTDIR`, `NOENT` (dangling symlink).
   */
  writeFile(path: string, data: string | Uint8Array): void {
    const { dir, name } = this.parentOf(path);
    let file: FileHandle;
    if (dir.inode.entries.get(name)?.kind === "symlink") {
      const target = resolve(this.rootInode, dir.inode, name, true);
      if (target.kind !== "file") throw new WasiError("ISDIR");
      file = new MemFileHandle(this.ctx, target);
      file.setSize(0n);
    } else {
      file = dir.openFile(name, { create: true, exclusive: false, truncate: true, read: false, write: true });
    }
    file.write(typeof data === "string" ? encoder.encode(data) : data, 0n);
  }

  /** Create the directory `path` and any missing parents (`mkdir -p`). Throws `EXIST`, `NOTDIR`. */
  mkdir(path: string): void {
    this.mkdirs(splitPath(path), true);
  }

  /** Create a symlink at `path` whose content is `target`, creating missing parents. Throws `EXIST`. */
  symlink(target: string, path: string): void {
    const { dir, name } = this.parentOf(path);
    dir.symlinkAt(target, name);
  }

  /** Whether an entry exists at `path`; a symlink at the end counts even if dangling. */
  exists(path: string): boolean {
    try {
      this.resolve(path, false);
      return true;
    } catch (e) {
      if (e instanceof WasiError) return false;
      throw e;
    }
  }

  /** Names in the directory at `path` (default: the root), in creation order. Throws `NOENT`, `NOTDIR`. */
  list(path = ""): string[] {
    const node = this.resolve(path, true);
    if (node.kind !== "directory") throw new WasiError("NOTDIR");
    return [...node.entries.keys()];
  }

  /**
   * The whole filesystem in the shape `from()` accepts: every file (as a copy, in a `Uint8Array`),
   * every symlink, and every empty directory as `{}` (non-empty ones are implied by their
   * content). Hard links appear once per name, so `from(toObject())` would make separate files.
   */
  toObject(): MemFSTree {
    const out: MemFSTree = {};
    const walk = (dir: DirInode, prefix: string): void => {
      for (const [name, node] of dir.entries) {
        const path = prefix + name;
        if (node.kind === "file") out[path] = node.data.snapshot();
        else if (node.kind === "symlink") out[path] = { symlink: node.target };
        else if (node.entries.size === 0) out[path] = {};
        else walk(node, path + "/");
      }
    };
    walk(this.rootInode, "");
    return out;
  }

  private resolve(path: string, followLast: boolean): Inode {
    return resolve(this.rootInode, this.rootInode, path, followLast);
  }

  /** The handle of the parent directory of `path` (created if missing) and the final name. */
  private parentOf(path: string): { dir: MemDirectoryHandle; name: string } {
    const { parent, name } = splitLast(path);
    return { dir: this.handle(this.mkdirs(splitPath(parent), false)), name };
  }

  /**
   * Walk `parts` from the root, creating missing directories. An existing non-directory on the
   * way is `NOTDIR`, or `EXIST` at the end when `existingFileIsExist`.
   */
  private mkdirs(parts: readonly string[], existingFileIsExist: boolean): DirInode {
    let dir = this.rootInode;
    parts.forEach((name, i) => {
      if (!dir.entries.has(name) && name !== "." && name !== "..") {
        this.handle(dir).createDirectoryAt(name);
      }
      const node = resolve(this.rootInode, dir, name, true);
      if (node.kind !== "directory") {
        throw new WasiError(existingFileIsExist && i === parts.length - 1 ? "EXIST" : "NOTDIR");
      }
      dir = node;
    });
    return dir;
  }

  private handle(dir: DirInode): MemDirectoryHandle {
    return new MemDirectoryHandle(this.ctx, dir);
  }
}
