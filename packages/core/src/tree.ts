import { FileType } from "./abi/constants.js";
import { errnoName } from "./abi/errno.js";
import { WasiError } from "./errors.js";
import type { DirectoryHandle } from "./host.js";
import { utf8 } from "./memory.js";
import { resolve, statOrNull, type Resolved } from "./path.js";

/**
 * One entry of a filesystem tree description: a file's content (a string is stored as UTF-8), a
 * symlink (`{ symlink: target }`, that one key), or a directory: `{}` or an object of its entries.
 */
export type TreeEntry = string | Uint8Array | { symlink: string } | { [name: string]: TreeEntry };

/** A filesystem described by "/"-separated paths relative to its root. */
export type Tree = Record<string, TreeEntry>;

/*
 * Host-side helpers over any `DirectoryHandle` (MemFS, a real directory, ...), for embedders that
 * set up or inspect a guest's filesystem. Paths are "/"-separated and relative to `root` (a
 * leading "/" means the same); they go through the core's own resolution, so the same rules as
 * for the guest apply: symlinks are followed inside `root`, nothing leads out of it (`PERM`).
 */

/**
 * Run `f` with a list for the handles it opens, and close them all afterwards. A `WasiError` is
 * rethrown with the same errno and a message that names the operation and the path (these helpers
 * are called by embedders, who otherwise see a bare "WASI error NOENT").
 */
function scoped<T>(what: string, path: string, f: (opened: DirectoryHandle[]) => T): T {
  const opened: DirectoryHandle[] = [];
  try {
    return f(opened);
  } catch (e) {
    if (!(e instanceof WasiError) || e.message.startsWith("cannot ")) throw e;
    const detail = e.message === `WASI error ${errnoName(e.errno)}` ? "" : ` (${e.message})`;
    throw new WasiError(e.errno, `cannot ${what} ${JSON.stringify(path)}: ${errnoName(e.errno)}${detail}`);
  } finally {
    for (const h of opened) h.close?.();
  }
}

function at(root: DirectoryHandle, path: string, follow: boolean, opened: DirectoryHandle[]): Resolved {
  const rel = path.replace(/^\/+/, "");
  return resolve(root, rel === "" ? "." : rel, follow, opened);
}

/**
 * The directory at `path`, created with its missing parents. An existing non-directory on the
 * way is `NOTDIR`, or `EXIST` at the end when `fileAtEndIsExist`.
 */
function mkdirs(root: DirectoryHandle, path: string, fileAtEndIsExist: boolean, opened: DirectoryHandle[]): DirectoryHandle {
  let dir = root;
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  parts.forEach((name, i) => {
    const r = resolve(dir, name, true, opened);
    if (r.name === null) { dir = r.dir; return; }
    const st = statOrNull(r.dir, r.name);
    if (st === null) r.dir.createDirectoryAt(r.name);
    else if (st.filetype !== FileType.DIRECTORY) throw new WasiError(fileAtEndIsExist && i === parts.length - 1 ? "EXIST" : "NOTDIR");
    dir = r.dir.openDirectory(r.name);
    opened.push(dir);
  });
  return dir;
}

/** Create the directory `path` and its missing parents (`mkdir -p`). Throws `EXIST` for a file there, `NOTDIR`. */
export function makeDirectory(root: DirectoryHandle, path: string): void {
  scoped("create the directory", path, (opened) => mkdirs(root, path, true, opened));
}

/** The parent of `path` (created if missing) and the last name. Throws `INVAL` for `.`, `..`, `/`. */
function parentOf(root: DirectoryHandle, path: string, opened: DirectoryHandle[]): { dir: DirectoryHandle; name: string } {
  const parts = path.split("/").filter((p) => p !== "");
  const name = parts.pop();
  if (name === undefined || name === "." || name === "..") throw new WasiError("INVAL");
  return { dir: mkdirs(root, parts.join("/"), false, opened), name };
}

/** The content of the file at `path`. Throws `NOENT`, `ISDIR`. */
export function readFile(root: DirectoryHandle, path: string): Uint8Array {
  return scoped("read", path, (opened) => {
    const r = at(root, path, true, opened);
    if (r.name === null) throw new WasiError("ISDIR");
    const file = r.dir.openFile(r.name, { create: false, exclusive: false, truncate: false, read: true, write: false });
    try {
      const out = new Uint8Array(Number(file.stat().size));
      let n = 0;
      while (n < out.length) {
        const got = file.read(out.subarray(n), BigInt(n));
        if (got === 0) break;
        n += got;
      }
      return n === out.length ? out : out.slice(0, n);
    } finally {
      file.close?.();
    }
  });
}

/**
 * Create or replace the file at `path`, creating missing parent directories; a symlink at `path`
 * is followed. Throws `ISDIR`, `NOTDIR`.
 */
export function writeFile(root: DirectoryHandle, path: string, data: string | Uint8Array): void {
  scoped("write", path, (opened) => {
    parentOf(root, path, opened);
    const r = at(root, path, true, opened);
    if (r.name === null) throw new WasiError("ISDIR");
    const file = r.dir.openFile(r.name, { create: true, exclusive: false, truncate: true, read: false, write: true });
    try {
      file.write(typeof data === "string" ? utf8(data) : data, 0n);
    } finally {
      file.close?.();
    }
  });
}

/** Create a symlink at `path` whose content is `target`, creating missing parents. Throws `EXIST`. */
export function makeSymlink(root: DirectoryHandle, target: string, path: string): void {
  scoped("create the symlink", path, (opened) => {
    const { dir, name } = parentOf(root, path, opened);
    dir.symlinkAt(target, name);
  });
}

/** Whether an entry exists at `path` (a dangling symlink at the end counts). */
export function exists(root: DirectoryHandle, path: string): boolean {
  try {
    return scoped("look up", path, (opened) => {
      const r = at(root, path, false, opened);
      return r.name === null || statOrNull(r.dir, r.name) !== null;
    });
  } catch (e) {
    if (e instanceof WasiError) return false;
    throw e;
  }
}

/** Names in the directory at `path`, in the directory's order. Throws `NOENT`, `NOTDIR`. */
export function listDirectory(root: DirectoryHandle, path: string): string[] {
  return scoped("list", path, (opened) => {
    const r = at(root, path, true, opened);
    let dir = r.dir;
    if (r.name !== null) {
      dir = r.dir.openDirectory(r.name);
      opened.push(dir);
    }
    return dir.readDirectory().map((e) => e.name);
  });
}

/** Create in `root` everything `tree` describes (see `Tree`). Throws `EXIST` on conflicts, `INVAL` on a bad entry. */
export function writeTree(root: DirectoryHandle, tree: Tree, prefix = ""): void {
  for (const [name, entry] of Object.entries(tree)) {
    const path = prefix + name;
    if (typeof entry === "string" || entry instanceof Uint8Array) writeFile(root, path, entry);
    else if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      const type = entry === null ? "null" : Array.isArray(entry) ? "an array" : typeof entry;
      throw new WasiError("INVAL", `bad tree entry at ${path}: ${type} (want a string, bytes, { symlink } or a directory object)`);
    } else if (isSymlink(entry)) makeSymlink(root, entry.symlink, path);
    else {
      scoped("create the directory", path, (opened) => mkdirs(root, path, false, opened));
      writeTree(root, entry, `${path}/`);
    }
  }
}

function isSymlink(entry: object): entry is { symlink: string } {
  const keys = Object.keys(entry);
  return keys.length === 1 && keys[0] === "symlink" && typeof (entry as { symlink: unknown }).symlink === "string";
}

/**
 * Everything under `root` in the shape `writeTree` accepts: files (as copies), symlinks, and
 * empty directories as `{}` (non-empty ones are implied by their content). Hard links appear once
 * per name.
 */
export function readTree(root: DirectoryHandle): Tree {
  const out: Tree = {};
  const walk = (dir: DirectoryHandle, prefix: string): void => {
    const entries = dir.readDirectory();
    if (entries.length === 0 && prefix !== "") out[prefix.slice(0, -1)] = {};
    for (const e of entries) {
      const path = prefix + e.name;
      if (e.filetype === FileType.DIRECTORY) {
        const sub = dir.openDirectory(e.name);
        try {
          walk(sub, `${path}/`);
        } finally {
          sub.close?.();
        }
      } else if (e.filetype === FileType.SYMBOLIC_LINK) out[path] = { symlink: dir.readlinkAt(e.name) };
      else out[path] = readFile(dir, e.name);
    }
  };
  walk(root, "");
  return out;
}
