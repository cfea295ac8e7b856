import { FileType } from "../abi/constants.js";
import type { DirEntry, FileStat, TimeUpdate } from "../host.js";
import { utf8 } from "../memory.js";
import type { FsContext } from "./context.js";
import { FileData } from "./file-data.js";

/** Identity and times shared by every kind of inode. Times are ns since the Unix epoch. */
abstract class InodeBase {
  declare readonly ino: bigint;
  declare atim: bigint;
  declare mtim: bigint;
  declare ctim: bigint;

  constructor(ctx: FsContext) {
    this.ino = ctx.nextIno();
    const now = ctx.now();
    this.atim = now;
    this.mtim = now;
    this.ctim = now;
  }
}

/** A regular file. `nlink` counts the directory entries naming it. */
export class FileInode extends InodeBase {
  readonly kind = "file";
  nlink = 0;
  readonly data = new FileData();
}

/** A symbolic link; `target` is stored verbatim. */
export class SymlinkInode extends InodeBase {
  readonly kind = "symlink";
  nlink = 0;
  declare readonly target: string;
  /** Length of the target in UTF-8 bytes, as reported by stat. */
  declare readonly size: number;

  constructor(ctx: FsContext, target: string) {
    super(ctx);
    this.target = target;
    this.size = utf8(target).length;
  }
}

/**
 * A directory. Directories cannot be hard-linked, so each has at most one parent, which lets
 * rename detect moves into the directory's own subtree. A removed directory keeps existing while
 * handles refer to it but accepts no new entries.
 */
export class DirInode extends InodeBase {
  readonly kind = "directory";
  readonly entries = new Map<string, Inode>();
  /** Containing directory; null for the root and for removed directories. */
  parent: DirInode | null = null;
  /** Number of subdirectories, for nlink. */
  subdirs = 0;
  removed = false;
  /** What `readDirectory()` returns until an entry is attached or detached (0: not made yet). */
  listing: DirEntry[] | 0 = 0;

  /** Link count as POSIX reports it: `.`, the name in the parent, and each child's `..`. */
  get nlink(): number {
    return this.removed ? 0 : 2 + this.subdirs;
  }

  /** Add the entry `name` for `node` (which must not exist yet) and update link counts and times. */
  attach(name: string, node: Inode, now: bigint): void {
    this.entries.set(name, node);
    this.listing = 0;
    if (node.kind === "directory") {
      this.subdirs++;
      node.parent = this;
    } else {
      node.nlink++;
    }
    node.ctim = now;
    this.mtim = now;
    this.ctim = now;
  }

  /** Remove the entry `name` (which must refer to `node`) and update link counts and times. */
  detach(name: string, node: Inode, now: bigint): void {
    this.entries.delete(name);
    this.listing = 0;
    if (node.kind === "directory") {
      this.subdirs--;
      node.parent = null;
    } else {
      node.nlink--;
    }
    node.ctim = now;
    this.mtim = now;
    this.ctim = now;
  }

  /** True when `this` is `dir` or one of its descendants. */
  isWithin(dir: DirInode): boolean {
    for (let d: DirInode | null = this; d !== null; d = d.parent) if (d === dir) return true;
    return false;
  }
}

/** Any inode. */
export type Inode = FileInode | DirInode | SymlinkInode;

/** The `FileStat` of `node`. */
export function statOf(node: Inode, ctx: FsContext): FileStat {
  // Directories report size 0: their "size" has no meaning that guests could rely on.
  const size = node.kind === "file" ? node.data.size : node.kind === "symlink" ? node.size : 0;
  return {
    filetype: fileTypeOf(node),
    dev: ctx.dev,
    ino: node.ino,
    nlink: BigInt(node.nlink),
    size: BigInt(size),
    atim: node.atim,
    mtim: node.mtim,
    ctim: node.ctim,
  };
}

/** The `FileType` of `node`, for directory listings. */
export function fileTypeOf(node: Inode): FileStat["filetype"] {
  return FILE_TYPES[node.kind];
}

const FILE_TYPES = { file: FileType.REGULAR_FILE, directory: FileType.DIRECTORY, symlink: FileType.SYMBOLIC_LINK } as const;

/** Apply explicit timestamps; any change also moves ctim to `now`. */
export function setTimes(node: Inode, atim: TimeUpdate, mtim: TimeUpdate, now: bigint): void {
  if (atim === null && mtim === null) return;
  if (atim !== null) node.atim = atim;
  if (mtim !== null) node.mtim = mtim;
  node.ctim = now;
}
