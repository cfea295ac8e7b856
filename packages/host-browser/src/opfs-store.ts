import type { MemFSTree } from "@anywasi/core";
import { nestTree, sameBytes, type DirNode } from "./tree.js";

/** What writing a tree back to OPFS did. */
export interface StoreReport {
  /** Files written (new or changed), as paths relative to the OPFS directory. */
  written: string[];
  /** Entries removed because the guest deleted (or replaced) them. */
  removed: string[];
  /** Symlinks the guest created: OPFS cannot hold them, so they were not stored. */
  skipped: string[];
}

/**
 * Make the OPFS directory `dir` hold `after`, given that it held `before` when the run started:
 * removes what the guest deleted, creates directories, and writes each new or changed file
 * through a synchronous access handle (a dedicated worker only). Unchanged files are not touched.
 * Used only where live OPFS is impossible (no JSPI; see opfs-live.ts).
 * @throws OpfsConflictError when a file the guest changed or removed no longer holds what it held
 * when the run started (another guest or tab wrote it meanwhile): the guest's version of it is not
 * stored, rather than silently overwriting the other writer's. DOMException
 * `NoModificationAllowedError` when another context holds a file open.
 */
export async function storeOpfsTree(dir: FileSystemDirectoryHandle, before: MemFSTree, after: MemFSTree): Promise<StoreReport> {
  const report: StoreReport = { written: [], removed: [], skipped: [] };
  await sync(dir, nestTree(before), nestTree(after), "", report);
  return report;
}

/** A concurrent change to OPFS that writing a snapshot back would have overwritten. */
export class OpfsConflictError extends Error {
  override readonly name = "OpfsConflictError";
  constructor(readonly path: string) {
    super(`OPFS entry ${path} was changed by another guest or tab while this guest ran; its changes to ${path} were not stored`);
  }
}

/** The bytes of the file `name` in `dir` now, or null when there is no such file. */
async function current(dir: FileSystemDirectoryHandle, name: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer());
  } catch (e) {
    if (e instanceof DOMException && (e.name === "NotFoundError" || e.name === "TypeMismatchError")) return null;
    throw e;
  }
}

/** Throw unless the file `name` still holds `expected` (null: absent); a file already gone is fine when `goneOk`. */
async function unchanged(dir: FileSystemDirectoryHandle, name: string, expected: Uint8Array | null, path: string, goneOk: boolean): Promise<void> {
  const now = await current(dir, name);
  if (now === null && (expected === null || goneOk)) return;
  if (now === null || expected === null || !sameBytes(now, expected)) throw new OpfsConflictError(path);
}

async function sync(dir: FileSystemDirectoryHandle, before: DirNode, after: DirNode, prefix: string, report: StoreReport): Promise<void> {
  // Removals first, so a name that changed kind (file <-> directory) is free to be recreated.
  for (const [name, old] of before.children) {
    const now = after.children.get(name);
    if (now !== undefined && now.kind === old.kind && now.kind !== "symlink") continue;
    if (old.kind === "file") await unchanged(dir, name, old.bytes, prefix + name, true);
    await dir.removeEntry(name, { recursive: true }).catch((e: unknown) => {
      if (!(e instanceof DOMException && e.name === "NotFoundError")) throw e;
    });
    report.removed.push(prefix + name);
  }
  for (const [name, node] of after.children) {
    const old = before.children.get(name);
    if (node.kind === "symlink") {
      report.skipped.push(prefix + name);
    } else if (node.kind === "directory") {
      const sub = await dir.getDirectoryHandle(name, { create: true });
      const oldDir: DirNode = old?.kind === "directory" ? old : { kind: "directory", children: new Map() };
      await sync(sub, oldDir, node, `${prefix}${name}/`, report);
    } else if (old?.kind !== "file" || !sameBytes(old.bytes, node.bytes)) {
      const expected = old?.kind === "file" ? old.bytes : null;
      await unchanged(dir, name, expected, prefix + name, false);
      await writeFile(await dir.getFileHandle(name, { create: true }), node.bytes, expected ?? new Uint8Array(0), prefix + name);
      report.written.push(prefix + name);
    }
  }
}

/** Replace the file's content with `bytes`, checking again under the file's lock that it still holds `expected`. */
async function writeFile(handle: FileSystemFileHandle, bytes: Uint8Array, expected: Uint8Array, path: string): Promise<void> {
  const access = await (handle as SyncAccessFileHandle).createSyncAccessHandle();
  try {
    const now = new Uint8Array(access.getSize());
    access.read(now, { at: 0 });
    if (!sameBytes(now, expected)) throw new OpfsConflictError(path);
    access.truncate(bytes.length);
    let at = 0;
    while (at < bytes.length) at += access.write(bytes.subarray(at), { at });
    access.flush();
  } finally {
    access.close();
  }
}

/** The worker-only part of the File System API (not in TypeScript's DOM library). */
interface SyncAccessHandle {
  read(into: Uint8Array, options: { at: number }): number;
  getSize(): number;
  write(buffer: Uint8Array, options?: { at?: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}
interface SyncAccessFileHandle extends FileSystemFileHandle {
  createSyncAccessHandle(): Promise<SyncAccessHandle>;
}
