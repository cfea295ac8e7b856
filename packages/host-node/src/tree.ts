import type { MemFSTree } from "@anywasi/core";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/**
 * Read the host directory `root` into the tree `MemFS.from()` takes: files (copied), symlinks
 * (verbatim) and empty directories; other kinds (sockets, FIFOs, devices) are left out.
 * @throws the `node:fs` error when `root` or something under it cannot be read.
 */
export function readTree(root: string): MemFSTree {
  const tree: MemFSTree = {};
  const walk = (dir: string, prefix: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.length === 0 && prefix !== "") tree[prefix.slice(0, -1)] = {};
    for (const e of entries) {
      const path = join(dir, e.name);
      const key = prefix + e.name;
      if (e.isSymbolicLink()) tree[key] = { symlink: readlinkSync(path) };
      else if (e.isDirectory()) walk(path, `${key}/`);
      else if (e.isFile()) tree[key] = new Uint8Array(readFileSync(path));
    }
  };
  walk(root, "");
  return tree;
}
