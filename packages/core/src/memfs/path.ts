import { WasiError } from "../errors.js";
import type { DirInode, Inode } from "./inode.js";

/**
 * Resolution of the host-side convenience paths of `MemFS`: trusted strings, "/"-separated,
 * always relative to the root (a leading "/" is allowed and means the same). Unlike the handle
 * API these follow symlinks, with the usual limit of 40 per lookup.
 */

const MAX_SYMLINKS = 40;

/** The non-empty components of `path` (so "a//b/" is ["a", "b"]). */
export function splitPath(path: string): string[] {
  return path.split("/").filter((c) => c !== "");
}

/**
 * The inode at `path`, starting from `start` (absolute symlink targets restart at `root`).
 * `followLast` says whether a symlink in the final component is followed.
 * Throws `NOENT`, `NOTDIR`, `LOOP`.
 */
export function resolve(root: DirInode, start: DirInode, path: string, followLast: boolean): Inode {
  // A stack of pending components, last one on top, so symlink targets can be pushed in front.
  const pending = splitPath(path).reverse();
  let node: Inode = start;
  let links = 0;
  for (;;) {
    const name = pending.pop();
    if (name === undefined) return node;
    if (node.kind !== "directory") throw new WasiError("NOTDIR");
    const dir: DirInode = node;
    if (name === ".") continue;
    if (name === "..") {
      node = dir.parent ?? dir;
      continue;
    }
    const next = dir.entries.get(name);
    if (next === undefined) throw new WasiError("NOENT");
    if (next.kind === "symlink" && (pending.length > 0 || followLast)) {
      if (++links > MAX_SYMLINKS) throw new WasiError("LOOP");
      for (const c of splitPath(next.target).reverse()) pending.push(c);
      node = next.target.startsWith("/") ? root : dir;
      continue;
    }
    node = next;
  }
}

/** `path` split into its parent path and a final name that can be created. Throws `INVAL`. */
export function splitLast(path: string): { parent: string; name: string } {
  const parts = splitPath(path);
  const name = parts.pop();
  if (name === undefined || name === "." || name === "..") throw new WasiError("INVAL");
  return { parent: parts.join("/"), name };
}
