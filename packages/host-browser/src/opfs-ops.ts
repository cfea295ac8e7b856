import { WasiError } from "@anywasi/core";

/** OPFS's asynchronous operations the live filesystem (opfs-live.ts) is made of, and their errors as errnos. */

export type Found = { kind: "file"; handle: FileSystemFileHandle; size: number; mtimMs: number } | { kind: "directory"; handle: FileSystemDirectoryHandle };
export interface MovableHandle extends FileSystemHandle {
  move(parent: FileSystemDirectoryHandle, name: string): Promise<void>;
}

/** OPFS's failures as errnos (a `WasiError` passes through). */
export function errno(e: unknown): never {
  if (e instanceof WasiError) throw e;
  if (e instanceof DOMException) {
    switch (e.name) {
      case "NotFoundError": throw new WasiError("NOENT");
      case "TypeMismatchError": throw new WasiError("NOTDIR");
      case "NoModificationAllowedError": throw new WasiError("BUSY");
      case "InvalidModificationError": throw new WasiError("NOTEMPTY");
      case "QuotaExceededError": throw new WasiError("NOSPC");
      case "SecurityError": case "NotAllowedError": throw new WasiError("ACCES");
      default: throw new WasiError("IO");
    }
  }
  // OPFS refuses some names the core allows (e.g. with a backslash on some platforms).
  if (e instanceof TypeError) throw new WasiError("INVAL");
  throw e;
}

export const isDom = (e: unknown, name: string): boolean => e instanceof DOMException && e.name === name;

/** What `name` in `dir` is, or null when missing. */
export async function find(dir: FileSystemDirectoryHandle, name: string): Promise<Found | null> {
  try {
    const handle = await dir.getFileHandle(name);
    let size = 0;
    let mtimMs = 0;
    try {
      const file = await handle.getFile();
      size = file.size;
      mtimMs = file.lastModified;
    } catch (e) {
      // Another worker holds the file open: its size is not readable until it lets go.
      if (!isDom(e, "NoModificationAllowedError")) throw e;
      throw new WasiError("BUSY");
    }
    return { kind: "file", handle, size, mtimMs };
  } catch (e) {
    if (isDom(e, "NotFoundError")) return null;
    if (!isDom(e, "TypeMismatchError")) return errno(e);
  }
  try {
    return { kind: "directory", handle: await dir.getDirectoryHandle(name) };
  } catch (e) {
    if (isDom(e, "NotFoundError")) return null;
    return errno(e);
  }
}

/** The file at the "/"-separated `rel` below `dir`'s entry `name`. */
export async function fileAt(dir: FileSystemDirectoryHandle, name: string, rel: string): Promise<FileSystemFileHandle> {
  const parts = rel.split("/");
  let d = await dir.getDirectoryHandle(name);
  for (const p of parts.slice(0, -1)) d = await d.getDirectoryHandle(p);
  return d.getFileHandle(parts[parts.length - 1]!);
}

/**
 * Rename a directory where OPFS cannot move one (Chromium moves files only): copy the tree to
 * its new name, then remove the old one. Not atomic: another context can see both for a moment.
 */
export async function moveByCopy(src: FileSystemDirectoryHandle, parent: FileSystemDirectoryHandle, newName: string, oldParent: FileSystemDirectoryHandle, oldName: string): Promise<void> {
  const copy = async (from: FileSystemDirectoryHandle, to: FileSystemDirectoryHandle): Promise<void> => {
    for await (const [name, h] of from.entries()) {
      if (h.kind === "directory") {
        await copy(h as FileSystemDirectoryHandle, await to.getDirectoryHandle(name, { create: true }));
      } else {
        const out = await (await to.getFileHandle(name, { create: true })).createWritable();
        await (await (h as FileSystemFileHandle).getFile()).stream().pipeTo(out);
      }
    }
  };
  await copy(src, await parent.getDirectoryHandle(newName, { create: true }));
  await oldParent.removeEntry(oldName, { recursive: true });
}

export async function isEmpty(dir: FileSystemDirectoryHandle): Promise<boolean> {
  for await (const _ of dir.keys()) return false;
  return true;
}

/** The directory at the "/"-separated `path` below `root` ("" is `root`). */
export async function dirAt(root: FileSystemDirectoryHandle, path: string): Promise<FileSystemDirectoryHandle> {
  let d = root;
  for (const p of path.split("/")) if (p !== "") d = await d.getDirectoryHandle(p).catch((e: unknown) => errno(e));
  return d;
}

/** Copy the file at `from` to a new file at `to` (paths below `root`). */
export async function copyFile(root: FileSystemDirectoryHandle, from: string, to: string): Promise<void> {
  const [fromDir, fromName] = split(from);
  const [toDir, toName] = split(to);
  const file = await (await (await dirAt(root, fromDir)).getFileHandle(fromName)).getFile();
  const out = await (await (await dirAt(root, toDir)).getFileHandle(toName, { create: true })).createWritable();
  await file.stream().pipeTo(out);
}

/** A path's parent and last component. */
export function split(path: string): [string, string] {
  const at = path.lastIndexOf("/");
  return at < 0 ? ["", path] : [path.slice(0, at), path.slice(at + 1)];
}
