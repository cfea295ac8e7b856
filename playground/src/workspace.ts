// The virtual filesystem the guests see as `/`: kept in this page's memory (each run gets a copy
// through `spawn({ files })` and `Process.files()` is the new state), or in the origin private
// file system (`spawn({ opfs })`: the worker loads it before the run and writes it back after),
// where it survives a reload.
import { opfsDirectory, readOpfsTree, type MemFSTree, type Process } from "@anywasi/browser";

/** The OPFS directory behind `/` when files are kept in OPFS. */
export const OPFS_DIR = "anywasi-playground";

const encoder = new TextEncoder();

export function entryBytes(entry: MemFSTree[string] | undefined): Uint8Array | null {
  if (typeof entry === "string") return encoder.encode(entry);
  if (entry instanceof Uint8Array) return entry;
  return null;
}

function parts(path: string): string[] {
  return path.split("/").filter((p) => p !== "" && p !== ".");
}

export class Workspace {
  private memory: MemFSTree;

  constructor(private readonly seed: Readonly<Record<string, string>>, public persistent: boolean) {
    this.memory = { ...seed };
  }

  /** Every file and empty directory, as a flat tree (paths relative to `/`). */
  async list(): Promise<MemFSTree> {
    if (!this.persistent) return this.memory;
    return readOpfsTree(await opfsDirectory(OPFS_DIR));
  }

  async read(path: string): Promise<Uint8Array | null> {
    return entryBytes((await this.list())[parts(path).join("/")]);
  }

  /** What to give `spawn()` so that the guest's `/` is this workspace. */
  spawnOptions(): { files: MemFSTree } | { opfs: Record<string, string> } {
    return this.persistent ? { opfs: { "/": OPFS_DIR } } : { files: this.memory };
  }

  /** Take over what the guest left (in memory; OPFS was written back by the worker). */
  async afterRun(p: Process): Promise<void> {
    if (this.persistent) return;
    try {
      this.memory = await p.files();
    } catch {
      // Killed, or the module never started: the files stay as they were before the run.
    }
  }

  /**
   * Make the workspace hold `tree` (what a guest outside spawn() left, e.g. the Ruby VM). In OPFS,
   * only files that changed are written and only entries that are gone are removed.
   * @returns whether anything changed
   */
  async replace(tree: MemFSTree): Promise<boolean> {
    const before = await this.list();
    const changed = (path: string): boolean => {
      const a = entryBytes(before[path]);
      const b = entryBytes(tree[path]);
      if (a === null || b === null) return a !== b || (before[path] === undefined) !== (tree[path] === undefined);
      return a.length !== b.length || a.some((x, i) => x !== b[i]);
    };
    const paths = new Set([...Object.keys(before), ...Object.keys(tree)]);
    const diff = [...paths].filter(changed);
    if (diff.length === 0) return false;
    if (!this.persistent) {
      this.memory = tree;
      return true;
    }
    const implied = (path: string): boolean => Object.keys(tree).some((k) => k.startsWith(path + "/"));
    for (const path of diff) {
      const entry = tree[path];
      const bytes = entryBytes(entry);
      if (bytes !== null) await this.write(path, bytes);
      else if (entry === undefined) { if (!implied(path)) await this.remove(path).catch(() => {}); }
      else if (typeof entry === "object" && !(entry instanceof Uint8Array) && !("symlink" in entry)) await this.ensureDir(path); // no symlinks in OPFS
    }
    return true;
  }

  async write(path: string, bytes: Uint8Array): Promise<void> {
    const names = parts(path);
    const name = names.pop();
    if (name === undefined) throw new Error("a file needs a name");
    if (!this.persistent) {
      // A file inside an "empty directory" entry replaces that entry.
      for (let i = 1; i <= names.length; i++) delete this.memory[names.slice(0, i).join("/")];
      this.memory = { ...this.memory, [[...names, name].join("/")]: bytes };
      return;
    }
    let dir = await opfsDirectory(OPFS_DIR);
    for (const n of names) dir = await dir.getDirectoryHandle(n, { create: true });
    const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
    await writable.write(bytes as Uint8Array<ArrayBuffer>);
    await writable.close();
  }

  /** Make sure directory `path` exists (the webhook sample needs /data). */
  async ensureDir(path: string): Promise<void> {
    const key = parts(path).join("/");
    if (!this.persistent) {
      const tree = this.memory;
      if (!Object.keys(tree).some((k) => k === key || k.startsWith(key + "/"))) this.memory = { ...tree, [key]: {} };
      return;
    }
    let dir = await opfsDirectory(OPFS_DIR);
    for (const n of parts(path)) dir = await dir.getDirectoryHandle(n, { create: true });
  }

  async remove(path: string): Promise<void> {
    const key = parts(path).join("/");
    if (!this.persistent) {
      const next: MemFSTree = {};
      for (const [k, v] of Object.entries(this.memory)) if (k !== key && !k.startsWith(key + "/")) next[k] = v;
      this.memory = next;
      return;
    }
    const names = parts(path);
    const name = names.pop();
    if (name === undefined) return;
    let dir = await opfsDirectory(OPFS_DIR);
    for (const n of names) dir = await dir.getDirectoryHandle(n);
    await dir.removeEntry(name, { recursive: true });
  }

  /** Back to the seed files (in OPFS too, when kept there). */
  async reset(): Promise<void> {
    this.memory = { ...this.seed };
    if (this.persistent) {
      await this.clearOpfs();
      await this.copyToOpfs(this.memory);
    }
  }

  /**
   * Switch between memory and OPFS. Turning OPFS on moves the current files there when the OPFS
   * directory is empty (otherwise what it holds wins: it is what survived the last visit);
   * turning it off keeps a copy of the OPFS files in memory.
   */
  async setPersistent(on: boolean): Promise<void> {
    if (on === this.persistent) return;
    if (on) {
      const stored = await readOpfsTree(await opfsDirectory(OPFS_DIR));
      if (Object.keys(stored).length === 0) await this.copyToOpfs(this.memory);
    } else {
      this.memory = await readOpfsTree(await opfsDirectory(OPFS_DIR));
    }
    this.persistent = on;
  }

  private async copyToOpfs(tree: MemFSTree): Promise<void> {
    const was = this.persistent;
    this.persistent = true;
    try {
      for (const [path, entry] of Object.entries(tree)) {
        const bytes = entryBytes(entry);
        if (bytes !== null) await this.write(path, bytes);
        else if (typeof entry === "object" && !("symlink" in entry)) await this.ensureDir(path);
      }
    } finally {
      this.persistent = was;
    }
  }

  private async clearOpfs(): Promise<void> {
    const root = await opfsDirectory(OPFS_DIR);
    const names: string[] = [];
    for await (const name of root.keys()) names.push(name);
    for (const name of names) await root.removeEntry(name, { recursive: true });
  }
}
