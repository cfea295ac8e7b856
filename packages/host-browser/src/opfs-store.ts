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
 * @throws DOMException `NoModificationAllowedError` when another context holds a file open.
 */
export async function storeOpfsTree(dir: FileSystemDirectoryHandle, before: MemFSTree, after: MemFSTree): Promise<StoreReport> {
  const report: StoreReport = { written: [], removed: [], skipped: [] };
  await sync(dir, nestTree(before), nestTree(after), "", report);
  return report;
}

async function sync(dir: FileSystemDirectoryHandle, before: DirNode, after: DirNode, prefix: string, report: StoreReport): Promise<void> {
  // Removals first, so a name that changed kind (file <-> directory) is free to be recreated.
  for (const [name, old] of before.children) {
    const now = after.children.get(name);
    if (now !== undefined && now.kind === old.kind && now.kind !== "symlink") continue;
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
      await writeFile(await dir.getFileHandle(name, { create: true }), node.bytes);
      report.written.push(prefix + name);
    }
  }
}

async function writeFile(handle: FileSystemFileHandle, bytes: Uint8Array): Promise<void> {
  const access = await (handle as SyncAccessFileHandle).createSyncAccessHandle();
  try {
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
  write(buffer: Uint8Array, options?: { at?: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}
interface SyncAccessFileHandle extends FileSystemFileHandle {
  createSyncAccessHandle(): Promise<SyncAccessHandle>;
}
