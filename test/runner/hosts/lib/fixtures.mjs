// Reads a host fixture directory into the tree object that `MemFS.from()` takes:
// { "a.txt": Uint8Array, "sub/b.txt": Uint8Array, "emptydir": {}, "lnk": { symlink: "a.txt" } }.
// Paths are relative to the directory, `/`-separated; directories appear as `{}` only when they
// are empty (non-empty ones are implied by their entries). Other kinds (sockets, FIFOs) are
// left out.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from "node:fs";
import { join } from "node:path";

export function readTree(root) {
  const tree = {};
  const walk = (dir, prefix) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.length === 0 && prefix) tree[prefix.slice(0, -1)] = {};
    for (const e of entries) {
      const path = join(dir, e.name);
      const key = prefix + e.name;
      if (e.isSymbolicLink()) tree[key] = { symlink: readlinkSync(path) };
      else if (e.isDirectory()) walk(path, key + "/");
      // A copy with its own ArrayBuffer: readFileSync may hand out a slice of a shared pool.
      else if (e.isFile()) tree[key] = new Uint8Array(readFileSync(path));
    }
  };
  walk(root, "");
  return tree;
}

/**
 * Copies the fixture directory `from` into the existing directory `to`: directories, regular
 * files (with their mode) and symlinks (verbatim, not followed), the same subset as readTree.
 * Not fs.cpSync: Deno's stats every ancestor of the destination (needing read permission on
 * them, e.g. all of /tmp), and this copy is the same on every host.
 */
export function copyTree(from, to) {
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else if (e.isDirectory()) {
      mkdirSync(dst);
      copyTree(src, dst);
    } else if (e.isFile()) copyFileSync(src, dst);
  }
}
