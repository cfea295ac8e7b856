import type { DirectoryHandle } from "../host.js";
import { exists, listDirectory, makeDirectory, makeSymlink, readFile, readTree, writeFile, writeTree } from "../tree.js";
import { FsContext, defaultNow } from "./context.js";
import { DirInode } from "./inode.js";
import { MemDirectoryHandle } from "./directory-handle.js";

/**
 * One entry of a `MemFS` tree description: a file's content (a string is stored as UTF-8), a
 * symlink (`{ symlink: target }`, an object with that one key), or a directory: `{}`, or an object
 * of its entries (`{ src: { "main.c": "..." } }`), nested to any depth.
 */
export type MemFSTreeEntry = string | Uint8Array | {
  /** The symlink's target, stored verbatim. */
  symlink: string;
} | { [name: string]: MemFSTreeEntry };

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

const decoder = new TextDecoder();

/**
 * An in-memory POSIX filesystem: regular files, directories, symlinks and hard links with
 * nanosecond timestamps (atim is not updated by reads). Give `root` to the runtime as a preopen.
 *
 * The methods other than `root` are a convenience for the host (setting up and inspecting the
 * filesystem), the tree helpers of the core bound to this root: paths are "/"-separated strings
 * relative to the root, resolved by the same rules as the guest's (symlinks followed, never out
 * of the root), missing parent directories are created by the writing methods, and errors are
 * `WasiError`s (`NOENT`, `NOTDIR`, `EXIST`, `ISDIR`, `INVAL`, `LOOP`, `PERM`).
 */
export class MemFS {
  /** The root directory, for use as a preopen. */
  declare readonly root: DirectoryHandle;

  constructor(options: MemFSOptions = {}) {
    const ctx = new FsContext(options.now ?? defaultNow);
    this.root = new MemDirectoryHandle(ctx, new DirInode(ctx));
  }

  /**
   * A filesystem holding `tree`, e.g.
   * `{ "dir/a.txt": "text", "bin/data": new Uint8Array([1]), "empty": {}, "lnk": { symlink: "dir/a.txt" } }`
   * or, nested, `{ dir: { "a.txt": "text" } }`. Intermediate directories are created. Throws
   * `EXIST` for conflicting entries, `INVAL` (naming the path) for an entry of another type.
   */
  static from(tree: MemFSTree, options: MemFSOptions = {}): MemFS {
    const fs = new MemFS(options);
    writeTree(fs.root, tree);
    return fs;
  }

  /** A copy of the content of the file at `path`. Throws `NOENT`, `ISDIR`. */
  readFile(path: string): Uint8Array {
    return readFile(this.root, path);
  }

  /** The content of the file at `path` decoded as UTF-8. Throws like `readFile`. */
  readText(path: string): string {
    return decoder.decode(this.readFile(path));
  }

  /** Create or replace the file at `path` (a string is stored as UTF-8), creating missing parents. */
  writeFile(path: string, data: string | Uint8Array): void {
    writeFile(this.root, path, data);
  }

  /** Create the directory `path` and any missing parents (`mkdir -p`). Throws `EXIST` for a file there, `NOTDIR`. */
  mkdir(path: string): void {
    makeDirectory(this.root, path);
  }

  /** Create a symlink at `path` whose content is `target`, creating missing parents. Throws `EXIST`. */
  symlink(target: string, path: string): void {
    makeSymlink(this.root, target, path);
  }

  /** Whether an entry exists at `path`; a symlink at the end counts even if dangling. */
  exists(path: string): boolean {
    return exists(this.root, path);
  }

  /** Names in the directory at `path` (default: the root), in creation order. Throws `NOENT`, `NOTDIR`. */
  list(path = ""): string[] {
    return listDirectory(this.root, path);
  }

  /**
   * The whole filesystem in the shape `from()` accepts: every file (as a copy), every symlink, and
   * every empty directory as `{}` (non-empty ones are implied by their content). Hard links appear
   * once per name, so `from(toObject())` would make separate files.
   */
  toObject(): MemFSTree {
    return readTree(this.root);
  }
}
