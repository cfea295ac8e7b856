import type { MemFSTree } from "@anywasi/core";

/**
 * The OPFS directory at `path` ("/"-separated, relative to the origin's root; "" or "/" is the
 * root), creating missing directories.
 * @throws DOMException `TypeMismatchError` when a component is a file; `SecurityError` when the
 * page may not use storage.
 */
export async function opfsDirectory(path: string): Promise<FileSystemDirectoryHandle> {
  let dir = await navigator.storage.getDirectory();
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") throw new TypeError(`OPFS path ${JSON.stringify(path)} must not contain ".."`);
    dir = await dir.getDirectoryHandle(part, { create: true });
  }
  return dir;
}

/**
 * Read a whole OPFS directory into the tree shape `MemFS.from()` takes: files as bytes, empty
 * directories as `{}`, entries in name order (so descriptor listings are reproducible).
 */
export async function readOpfsTree(dir: FileSystemDirectoryHandle): Promise<MemFSTree> {
  const tree: MemFSTree = {};
  const walk = async (d: FileSystemDirectoryHandle, prefix: string): Promise<void> => {
    const entries: [string, FileSystemHandle][] = [];
    for await (const entry of d.entries()) entries.push(entry);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0 && prefix !== "") tree[prefix.slice(0, -1)] = {};
    for (const [name, handle] of entries) {
      if (handle.kind === "directory") {
        await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
      } else {
        const file = await (handle as FileSystemFileHandle).getFile();
        tree[prefix + name] = new Uint8Array(await file.arrayBuffer());
      }
    }
  };
  await walk(dir, "");
  return tree;
}
