import { FileType } from "./abi/constants.js";
import { WasiError } from "./errors.js";
import type { DirectoryHandle, FileStat } from "./host.js";

/** Symlinks followed in one resolution before `LOOP`, as Linux's MAXSYMLINKS. */
export const MAX_SYMLINK_HOPS = 40;

/**
 * Where a guest path leads: the directory that holds its last component and that component's
 * name, or `name: null` when the path names `dir` itself (`.`, `a/..`).
 */
export interface Resolved {
  dir: DirectoryHandle;
  name: string | null;
  /** The path ended in `/`: its object must be a directory. */
  trailingSlash: boolean;
  /**
   * The directory containing `dir`, when known (for the `..` entry of a listing). Like `dir`, it
   * may be a handle this resolution opened: valid only until the caller closes those.
   */
  parent: DirectoryHandle | null;
}

/**
 * Resolve `path` relative to `start`, one component at a time, never leaving `start`.
 *
 * - Absolute paths and `..` above `start` throw `PERM` (as wasmtime); so do symlinks whose target
 *   is absolute or climbs out.
 * - Symlinks in intermediate components are always followed; in the last component only when
 *   `follow` is set or the path ends in `/`. More than 40 hops throw `LOOP`.
 * - A missing last component is not an error (callers may create it); a missing intermediate one
 *   throws `NOENT`, a non-directory intermediate one `NOTDIR`. Empty paths throw `NOENT`, NUL bytes
 *   `INVAL`.
 *
 * Every directory handle opened on the way is pushed onto `opened`, so that the caller can close
 * those it does not keep (see `DirectoryHandle.close`).
 */
export function resolve(start: DirectoryHandle, path: string, follow: boolean, opened: DirectoryHandle[]): Resolved {
  if (path.length === 0) throw new WasiError("NOENT");
  // Pending components, last one first, so that splicing a symlink's target is a push (a NUL is `INVAL`).
  const pending = splitReversed(path);
  if (path.charCodeAt(0) === 47 /* / */) throw new WasiError("PERM", "absolute paths are not allowed");

  const stack: DirectoryHandle[] = [start];
  let trailingSlash = path.charCodeAt(path.length - 1) === 47;
  let hops = 0;

  while (pending.length > 0) {
    const c = pending.pop()!;
    const last = pending.length === 0;
    const top = stack[stack.length - 1]!;
    if (c === ".") {
      if (last) return entry(stack, null, trailingSlash);
      continue;
    }
    if (c === "..") {
      if (stack.length === 1) throw new WasiError("PERM", "path leaves its preopened directory");
      stack.pop();
      if (last) return entry(stack, null, trailingSlash);
      continue;
    }
    if (last && !follow && !trailingSlash) return entry(stack, c, false);
    if (!last) {
      // An intermediate component is opened directly (one host call, not a stat and an open);
      // the handle refuses a symlink with `LOOP`, and only then is the link read.
      const next = openOrLink(top, c);
      if (next !== null) {
        opened.push(next);
        stack.push(next);
        continue;
      }
    } else {
      const st = statOrNull(top, c);
      if (st === null || st.filetype !== FileType.SYMBOLIC_LINK) return entry(stack, c, trailingSlash);
    }
    if (++hops > MAX_SYMLINK_HOPS) throw new WasiError("LOOP");
    const target = top.readlinkAt(c);
    if (target.length === 0) throw new WasiError("NOENT");
    if (target.charCodeAt(0) === 47) throw new WasiError("PERM", "symlink target is absolute");
    if (last && target.endsWith("/")) trailingSlash = true;
    const parts = splitReversed(target);
    pending.push(...parts);
    // A target of "." or "x/.." ends on a directory itself; if nothing is left, name it.
    if (parts.length === 0) return entry(stack, null, trailingSlash);
  }
  // Only reachable for paths made of slashes after the first character, e.g. "a" handled above.
  return entry(stack, null, trailingSlash);
}

/**
 * The non-empty components of `path`, last first; a NUL anywhere is `INVAL`. One scan from the
 * end: `split` (a runtime call and an array of every part, empty ones included) cost more.
 */
function splitReversed(path: string): string[] {
  const out: string[] = [];
  for (let i = path.length, end = i; i >= 0; i--) {
    // A `/` before the first character ends the first component (never read out of bounds: slow).
    const c = i > 0 ? path.charCodeAt(i - 1) : 47;
    if (c === 0) throw new WasiError("INVAL");
    if (c === 47) {
      if (end > i) out.push(path.slice(i, end));
      end = i - 1;
    }
  }
  return out;
}

/** The result for `name` in the directory on top of `stack` (`name: null`: that directory itself). */
function entry(stack: DirectoryHandle[], name: string | null, trailingSlash: boolean): Resolved {
  return { dir: stack[stack.length - 1]!, name, trailingSlash, parent: stack[stack.length - 2] ?? null };
}

/** The directory `name`, or null when `name` is a symlink (`LOOP` from the host); other errors propagate. */
function openOrLink(dir: DirectoryHandle, name: string): DirectoryHandle | null {
  try {
    return dir.openDirectory(name);
  } catch (e) {
    if (e instanceof WasiError && e.errno === 32 /* LOOP */) return null;
    throw e;
  }
}

/** lstat that maps `NOENT` to null; every other error propagates. */
export function statOrNull(dir: DirectoryHandle, name: string): FileStat | null {
  try {
    return dir.statAt(name);
  } catch (e) {
    if (e instanceof WasiError && e.errno === 44 /* NOENT */) return null;
    throw e;
  }
}
