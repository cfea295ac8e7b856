import type { MemFSTree } from "@anywasi/core";

type MemFSTreeEntry = MemFSTree[string];

/** A node of a filesystem tree, nested (a `MemFSTree` is flat, with directories implied). */
export type TreeNode =
  | { kind: "file"; bytes: Uint8Array }
  | { kind: "symlink"; target: string }
  | { kind: "directory"; children: Map<string, TreeNode> };

export type DirNode = Extract<TreeNode, { kind: "directory" }>;

function entryNode(entry: MemFSTreeEntry): TreeNode {
  if (typeof entry === "string") return { kind: "file", bytes: new TextEncoder().encode(entry) };
  if (entry instanceof Uint8Array) return { kind: "file", bytes: entry };
  const keys = Object.keys(entry);
  if (keys.length === 1 && keys[0] === "symlink" && typeof entry.symlink === "string") return { kind: "symlink", target: entry.symlink };
  // A directory given as an object of its entries, as MemFS.from takes it.
  return { kind: "directory", children: new Map(Object.entries(entry).map(([name, child]) => [name, entryNode(child as MemFSTreeEntry)])) };
}

/** The nested form of a flat tree; directories implied by deeper paths are created. */
export function nestTree(tree: MemFSTree): DirNode {
  const root: DirNode = { kind: "directory", children: new Map() };
  for (const [path, entry] of Object.entries(tree)) {
    const parts = path.split("/").filter((p) => p !== "" && p !== ".");
    const last = parts.pop();
    if (last === undefined) continue;
    let dir = root;
    for (const part of parts) {
      let next = dir.children.get(part);
      if (next === undefined || next.kind !== "directory") {
        next = { kind: "directory", children: new Map() };
        dir.children.set(part, next);
      }
      dir = next;
    }
    const node = entryNode(entry);
    const existing = dir.children.get(last);
    if (!(node.kind === "directory" && existing?.kind === "directory")) dir.children.set(last, node);
  }
  return root;
}

/** Byte-wise equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
