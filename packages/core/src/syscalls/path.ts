import {
  FileType, LookupFlags, OFlags, Rights, RIGHTS_ALL, RIGHTS_DIR, RIGHTS_FILE, RIGHTS_READING, RIGHTS_WRITING,
} from "../abi/constants.js";
import type { Context } from "../context.js";
import { WasiError } from "../errors.js";
import type { DirectoryDescriptor, FileDescriptor } from "../fd-table.js";
import type { DirectoryHandle, FileHandle, FileStat, OpenFileOptions } from "../host.js";
import { utf8 } from "../memory.js";
import { resolve, statOrNull, type Resolved } from "../path.js";
import { numberLimit } from "./file-limits.js";
import { FDFLAGS_ALL, timeUpdates, writeFilestat } from "./stat.js";

const OFLAGS_ALL = OFlags.CREAT | OFlags.DIRECTORY | OFlags.EXCL | OFlags.TRUNC;
const RIGHTS_MASK = BigInt(RIGHTS_ALL);

/** Decode `lookupflags`: whether to follow a last symlink. Undefined bits are `INVAL`, as in wasmtime. */
function following(flags: number): boolean {
  if ((flags & ~LookupFlags.SYMLINK_FOLLOW) !== 0) throw new WasiError("INVAL");
  return flags !== 0;
}

/** How `path_open` opens a regular file with `oflags` and the granted rights `base`. */
function fileOptions(oflags: number, base: number): OpenFileOptions {
  const truncate = (oflags & OFlags.TRUNC) !== 0;
  return {
    create: (oflags & OFlags.CREAT) !== 0,
    exclusive: (oflags & OFlags.EXCL) !== 0,
    truncate,
    read: (base & RIGHTS_READING) !== 0,
    write: (base & RIGHTS_WRITING) !== 0 || truncate,
  };
}

/** The descriptor of a newly opened regular file, its cursor at 0. */
function fileDescriptor(handle: FileHandle, base: number, inheriting: number, fdflags: number): FileDescriptor {
  return {
    kind: "file", handle, position: 0, limit: numberLimit(handle),
    rightsBase: base & RIGHTS_FILE, rightsInheriting: inheriting & RIGHTS_FILE, fdflags,
  };
}

/**
 * `path_open`'s first try: the file `name` opened directly. Null when the host found a directory
 * (`ISDIR`) or, with `follow`, a symlink (`LOOP`): the caller then looks at the name and decides
 * (a directory descriptor, the link's target, or the errno the type calls for). Every other error
 * is already the answer: the host checks `EXIST`, `NOENT` and a symlink without `follow` in the
 * same order as the caller would.
 */
function openFileOrNull(dir: DirectoryHandle, name: string, oflags: number, base: number, follow: boolean): FileHandle | null {
  try {
    return dir.openFile(name, fileOptions(oflags, base));
  } catch (e) {
    if (e instanceof WasiError && (e.errno === 31 /* ISDIR */ || (follow && e.errno === 32 /* LOOP */))) return null;
    throw e;
  }
}

/** A resolved path whose last component exists, with its lstat (or stat when followed). */
interface Existing extends Resolved { stat: FileStat }

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** `path_*`: every call that names a file by a path relative to a directory descriptor. */
export const pathCalls = (function pathCalls(ctx: Context) {
  const { mem, fds } = ctx;

  function str(ptr: number, len: number): string {
    return mem.string(ptr >>> 0, len >>> 0);
  }

  const { opened } = ctx;

  function lookup(fd: number, rights: number, pathPtr: number, pathLen: number, follow: boolean): { d: DirectoryDescriptor; r: Resolved } {
    const d = fds.directory(fd, rights);
    const r = resolve(d.handle, str(pathPtr, pathLen), follow, opened);
    return { d, r };
  }

  /** The stat of a resolved path's object; `NOENT` if missing, `NOTDIR` if a slash demands a directory. */
  function existing(r: Resolved): Existing {
    const stat = r.name === null ? r.dir.stat() : statOrNull(r.dir, r.name);
    if (stat === null) throw new WasiError("NOENT");
    if (r.trailingSlash && stat.filetype !== FileType.DIRECTORY) throw new WasiError("NOTDIR");
    return { ...r, stat };
  }

  /** The name a new entry will take: must not exist (`EXIST`); a trailing slash on a missing name is `NOENT`. */
  function fresh(r: Resolved, forDirectory: boolean): { dir: DirectoryHandle; name: string } {
    if (r.name === null) throw new WasiError("EXIST");
    const st = statOrNull(r.dir, r.name);
    if (st !== null) {
      if (r.trailingSlash && !forDirectory && st.filetype !== FileType.DIRECTORY) throw new WasiError("NOTDIR");
      throw new WasiError("EXIST");
    }
    if (r.trailingSlash && !forDirectory) throw new WasiError("NOENT");
    return { dir: r.dir, name: r.name };
  }

  /** The last component of a path that names an entry to remove or rename (never `.`/`..`). */
  function named(r: Resolved): { dir: DirectoryHandle; name: string; stat: FileStat } {
    if (r.name === null) throw new WasiError(r.trailingSlash ? "BUSY" : "INVAL");
    const stat = statOrNull(r.dir, r.name);
    if (stat === null) throw new WasiError("NOENT");
    return { dir: r.dir, name: r.name, stat };
  }

  return {
    /**
     * Open or create a file or directory (openat). Rights asked for are narrowed to what the
     * directory may hand down and to what the object's type supports. `O_DIRECTORY` on a
     * non-directory and a trailing slash on a file are `NOTDIR`; a symlink as the last component
     * without `SYMLINK_FOLLOW` is `LOOP` (`NOTDIR` with `O_DIRECTORY`), as on Linux.
     */
    path_open(
      dirfd: number, dirflags: number, pathPtr: number, pathLen: number, oflags: number,
      rightsBase: bigint, rightsInheriting: bigint, fdflags: number, fdPtr: number,
    ): void {
      fdPtr >>>= 0;
      if ((oflags & ~OFLAGS_ALL) !== 0 || (fdflags & ~FDFLAGS_ALL) !== 0) throw new WasiError("INVAL");
      let needed = Rights.PATH_OPEN;
      if ((oflags & OFlags.CREAT) !== 0) needed |= Rights.PATH_CREATE_FILE;
      if ((oflags & OFlags.TRUNC) !== 0) needed |= Rights.PATH_FILESTAT_SET_SIZE;
      const follow = following(dirflags);
      const wantDir = (oflags & OFlags.DIRECTORY) !== 0;
      const d = fds.directory(dirfd, needed);
      const path = str(pathPtr, pathLen);
      // Most opens name a regular file (or create one): open it at once, without looking first.
      // The host never follows the name and refuses a directory (`ISDIR`) or a symlink (`LOOP`);
      // only then is the name looked at, below. One host call instead of an lstat and an open.
      // Not with O_CREAT | O_EXCL and SYMLINK_FOLLOW: the host would answer `EXIST` for a symlink,
      // where the core follows it (and refuses one that leaves the preopen).
      const exclusive = (oflags & (OFlags.CREAT | OFlags.EXCL)) === (OFlags.CREAT | OFlags.EXCL);
      const tryFile = !wantDir && !(follow && exclusive);
      let r = resolve(d.handle, path, tryFile ? false : follow, opened);
      mem.check(fdPtr, 4);
      // A bigint `&` keeps two's complement bits: the mask alone takes the low 30 of the i64.
      const base = Number(rightsBase & RIGHTS_MASK) & d.rightsInheriting;
      const inheriting = Number(rightsInheriting & RIGHTS_MASK) & d.rightsInheriting;
      if (tryFile && r.name !== null && !r.trailingSlash) {
        const handle = openFileOrNull(r.dir, r.name, oflags, base, follow);
        if (handle !== null) {
          mem.setU32(fdPtr, fds.add(fileDescriptor(handle, base, inheriting, fdflags)));
          return;
        }
        // A directory or a symlink to follow: resolved again, following the last component.
        if (follow) r = resolve(d.handle, path, true, opened);
      }

      const st = r.name === null ? r.dir.stat() : statOrNull(r.dir, r.name);
      let fd: number;
      if (st !== null && st.filetype === FileType.DIRECTORY) {
        if (exclusive) throw new WasiError("EXIST");
        // As Linux: a directory cannot be created over, truncated or opened for writing.
        if ((oflags & (OFlags.CREAT | OFlags.TRUNC)) !== 0 || (base & Rights.FD_WRITE) !== 0) throw new WasiError("ISDIR");
        // `..` is taken now, while the handles this call opened are alive; a path that names the
        // descriptor's own directory (".") keeps the descriptor's parent.
        const parentIno = r.name !== null ? r.dir.stat().ino : r.parent !== null ? r.parent.stat().ino : d.parentIno;
        const handle = r.name === null ? r.dir : r.dir.openDirectory(r.name);
        fd = fds.add({
          kind: "directory", handle, preopen: null, listing: null, parentIno,
          rightsBase: base & RIGHTS_DIR, rightsInheriting: inheriting, fdflags,
        });
      } else {
        if (st !== null) {
          if (exclusive) throw new WasiError("EXIST");
          if (st.filetype === FileType.SYMBOLIC_LINK) throw new WasiError(wantDir ? "NOTDIR" : "LOOP");
          if (wantDir || r.trailingSlash) throw new WasiError("NOTDIR");
        } else {
          if ((oflags & OFlags.CREAT) === 0) throw new WasiError("NOENT");
          if (wantDir) throw new WasiError("INVAL");
          if (r.trailingSlash) throw new WasiError("ISDIR");
        }
        // r.name is non-null here: a null name always resolves to a directory.
        const handle = r.dir.openFile(r.name!, fileOptions(oflags, base));
        fd = fds.add(fileDescriptor(handle, base, inheriting, fdflags));
      }
      mem.setU32(fdPtr, fd);
    },

    /** Create a directory (mkdirat). An existing name, `.` included, is `EXIST`. */
    path_create_directory(fd: number, pathPtr: number, pathLen: number): void {
      const { r } = lookup(fd, Rights.PATH_CREATE_DIRECTORY, pathPtr, pathLen, false);
      const { dir, name } = fresh(r, true);
      dir.createDirectoryAt(name);
    },

    /** Remove an empty directory (unlinkat AT_REMOVEDIR). */
    path_remove_directory(fd: number, pathPtr: number, pathLen: number): void {
      const { r } = lookup(fd, Rights.PATH_REMOVE_DIRECTORY, pathPtr, pathLen, false);
      const { dir, name, stat } = named(r);
      if (stat.filetype !== FileType.DIRECTORY) throw new WasiError("NOTDIR");
      dir.removeDirectoryAt(name);
    },

    /** Remove a non-directory (unlinkat). A trailing slash on a file is `NOTDIR`; a directory `ISDIR`. */
    path_unlink_file(fd: number, pathPtr: number, pathLen: number): void {
      const { r } = lookup(fd, Rights.PATH_UNLINK_FILE, pathPtr, pathLen, false);
      const { dir, name, stat } = named(r);
      if (stat.filetype === FileType.DIRECTORY) throw new WasiError("ISDIR");
      if (r.trailingSlash) throw new WasiError("NOTDIR");
      dir.unlinkFileAt(name);
    },

    /** Metadata of the object a path names (fstatat), following a last symlink with `SYMLINK_FOLLOW`. */
    path_filestat_get(fd: number, flags: number, pathPtr: number, pathLen: number, ptr: number): void {
      const { r } = lookup(fd, Rights.PATH_FILESTAT_GET, pathPtr, pathLen, following(flags));
      const e = existing(r);
      writeFilestat(mem, ptr >>> 0, e.stat);
    },

    /** Set the times of the object a path names (utimensat), validating the flags first. */
    path_filestat_set_times(fd: number, flags: number, pathPtr: number, pathLen: number, atim: bigint, mtim: bigint, fst: number): void {
      const d = fds.directory(fd, Rights.PATH_FILESTAT_SET_TIMES);
      const [a, m] = timeUpdates(ctx, atim, mtim, fst);
      const r = resolve(d.handle, str(pathPtr, pathLen), following(flags), opened);
      existing(r);
      if (r.name === null) r.dir.setTimes(a, m);
      else r.dir.setTimesAt(r.name, a, m);
    },

    /**
     * Create a hard link (linkat). Errors come in Linux's order: the source is looked up whole
     * first, then the new name (`EXIST`), and only then is a directory source refused (`PERM`).
     */
    path_link(oldFd: number, oldFlags: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number): void {
      const src = lookup(oldFd, Rights.PATH_LINK_SOURCE, oldPtr, oldLen, following(oldFlags)).r;
      const s = existing(src);
      const dst = lookup(newFd, Rights.PATH_LINK_TARGET, newPtr, newLen, false).r;
      const t = fresh(dst, false);
      if (s.stat.filetype === FileType.DIRECTORY || s.name === null) throw new WasiError("PERM");
      s.dir.linkAt(s.name, t.dir, t.name);
    },

    /**
     * Create a symlink whose content is `old` verbatim (symlinkat). An absolute target is `PERM`
     * on every filesystem, as in wasmtime and the official suite: a sandboxed guest names nothing
     * outside its descriptors, and such a link could never be followed anyway.
     */
    path_symlink(oldPtr: number, oldLen: number, fd: number, newPtr: number, newLen: number): void {
      const target = str(oldPtr, oldLen);
      if (target.includes("\0")) throw new WasiError("INVAL");
      const d = fds.directory(fd, Rights.PATH_SYMLINK);
      if (target.charCodeAt(0) === 47 /* / */) throw new WasiError("PERM", "symlink target is absolute");
      const r = resolve(d.handle, str(newPtr, newLen), false, opened);
      const { dir, name } = fresh(r, false);
      dir.symlinkAt(target, name);
    },

    /** Read a symlink's content (readlinkat), truncated to the buffer like POSIX readlink. */
    path_readlink(fd: number, pathPtr: number, pathLen: number, buf: number, bufLen: number, usedPtr: number): void {
      const { r } = lookup(fd, Rights.PATH_READLINK, pathPtr, pathLen, false);
      buf >>>= 0; bufLen >>>= 0; usedPtr >>>= 0;
      mem.check(buf, bufLen);
      mem.check(usedPtr, 4);
      if (r.name === null) throw new WasiError("INVAL");
      const content = utf8(r.dir.readlinkAt(r.name));
      const n = Math.min(content.length, bufLen);
      mem.u8.set(content.subarray(0, n), buf);
      mem.setU32(usedPtr, n);
    },

    /**
     * Rename (renameat). Moving a directory into itself is `INVAL`; the type rules of POSIX
     * rename (file over directory `ISDIR`, directory over file `NOTDIR`, over a non-empty
     * directory `NOTEMPTY`) are the host's, checked by the contract tests.
     */
    path_rename(oldFd: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number): void {
      const src = lookup(oldFd, Rights.PATH_RENAME_SOURCE, oldPtr, oldLen, false).r;
      const dst = lookup(newFd, Rights.PATH_RENAME_TARGET, newPtr, newLen, false).r;
      const s = named(src);
      if (dst.name === null) throw new WasiError(s.stat.filetype === FileType.DIRECTORY ? "BUSY" : "ISDIR");
      const t = statOrNull(dst.dir, dst.name);
      const srcIsDir = s.stat.filetype === FileType.DIRECTORY;
      if (src.trailingSlash && !srcIsDir) throw new WasiError("NOTDIR");
      if (dst.trailingSlash && !srcIsDir) throw new WasiError("NOTDIR");
      if (t !== null) {
        if (t.ino === s.stat.ino && t.dev === s.stat.dev) return;
        if (srcIsDir && t.filetype !== FileType.DIRECTORY) throw new WasiError("NOTDIR");
        if (!srcIsDir && t.filetype === FileType.DIRECTORY) throw new WasiError("ISDIR");
      }
      s.dir.renameAt(s.name, dst.dir, dst.name);
    },
  };
});
