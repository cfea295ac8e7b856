/*
 * What NodeFS's handles know of the host: the platform's guarantees (`/proc/self/fd`, `O_NOFOLLOW`),
 * option objects allocated once, and the stat helpers that map a host file to WASI's view of it.
 */
import { FileType, WasiError, type FileTypeValue } from "@anywasi/core";
import * as fs from "node:fs";
import { settleStatMode } from "./stat-mode.js";
import { fsCall } from "./errors.js";

export const C = fs.constants;
// Linux's /proc/self/fd/N names the very directory an fd was opened on, whatever happens to its
// path afterwards; operating through it makes a symlink swapped into an ancestor harmless.
export const PROC_FD = (() => {
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
export const PROC_FD_DIR = (() => {
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
export const NODE_NATIVE = !("Deno" in globalThis);
export const TRUST_NOFOLLOW = NODE_NATIVE;

/** What `fileType` asks of a stat or a directory entry. */
export type Typed = Pick<fs.Dirent, "isFile" | "isDirectory" | "isSymbolicLink" | "isCharacterDevice" | "isBlockDevice" | "isSocket">;

/** Options of a bigint stat and of a number one, allocated once (`fstatSync`'s default is a new object per call). */
export const BIGINT = { bigint: true } as const;
export const NUMBER = { bigint: false } as const;
/** Options of a `lstat` that answers undefined for a missing name, allocated once. */
export const NO_THROW = { throwIfNoEntry: false } as const;

/**
 * The one resolution of a preopen's path: libuv's realpath(3), one call, where `fs.realpathSync`
 * walks the path in JavaScript (an lstat per component, ~0.2 ms at its first call) and shares
 * Node 20's stat cache (see stat-mode.ts). Deno's compatibility layer may lack `.native`.
 */
export const realpath: (path: string) => string = fs.realpathSync.native ?? fs.realpathSync;

export const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** `lstat` of `path`, or null when nothing is there; other failures are errno values. */
export function lstatOrNull(path: string): fs.Stats | null {
  const st = fsCall(() => fs.lstatSync(path, { throwIfNoEntry: false })) ?? null;
  settleStatMode(st);
  return st;
}

/**
 * Without a trusted O_NOFOLLOW: the file just opened must be what `path` names now and, if
 * something was there before the open, that same file — else a symlink was swapped in (or the
 * open followed one) and the descriptor is closed and refused with `LOOP`.
 */
export function checkOpened(fd: number, opened: fs.Stats, path: string, before: fs.Stats | null): void {
  const now = lstatOrNull(path);
  const same = (a: fs.Stats | null): boolean => a !== null && a.ino === opened.ino && a.dev === opened.dev;
  if (!same(now) || (before !== null && !same(before))) {
    fs.closeSync(fd);
    throw new WasiError("LOOP", "the file was replaced while it was being opened");
  }
}

/** A host name (bytes; a string where the runtime ignores `encoding: "buffer"`) as UTF-8, or null if it is not UTF-8. */
export function hostName(raw: Uint8Array | string): string | null {
  if (typeof raw === "string") return raw;
  try {
    return strictUtf8.decode(raw);
  } catch {
    return null;
  }
}

export function fileType(st: Typed): FileTypeValue {
  if (st.isFile()) return FileType.REGULAR_FILE;
  if (st.isDirectory()) return FileType.DIRECTORY;
  if (st.isSymbolicLink()) return FileType.SYMBOLIC_LINK;
  if (st.isCharacterDevice()) return FileType.CHARACTER_DEVICE;
  if (st.isBlockDevice()) return FileType.BLOCK_DEVICE;
  if (st.isSocket()) return FileType.SOCKET_STREAM;
  return FileType.UNKNOWN;
}

// Mode bits as on POSIX: Node on Linux and macOS (Node on Windows and Deno answer `isFile()` their own way).
export const MODE_BITS = NODE_NATIVE && process.platform !== "win32" && typeof C.S_IFMT === "number";
export const S_IFMT = C.S_IFMT;
/** `fileType` from a stat's mode bits: one conversion, where each `isFile()` of a bigint stat builds bigints. */
export function modeType(st: fs.BigIntStats): FileTypeValue {
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
export const PARK = PROC_FD && NODE_NATIVE;
export const MAX_PARKED = 8;

/** How long a directory must have been unchanged before its listing may be reused (see `remember`). */
export const SETTLED_NS = 100_000_000n;
