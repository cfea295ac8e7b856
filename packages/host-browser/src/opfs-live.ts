import {
  FileType, WasiError,
  type DirEntry, type DirectoryHandle, type FileHandle, type FileStat, type OpenFileOptions, type TimeUpdate,
} from "@anywasi/core";
import type { AsyncOps } from "./opfs-async.js";
import { OpenFile, OpfsFile, lockFile } from "./opfs-file.js";
import { copyFile, dirAt, errno, fileAt, find, isEmpty, moveByCopy, split, type Found, type MovableHandle } from "./opfs-ops.js";

type Times = { atim: bigint; mtim: bigint };

/**
 * An OPFS directory preopened for one guest, live: every lookup, listing and change goes to OPFS
 * when the guest makes it (directory operations through `AsyncOps`, i.e. JSPI; file data through
 * sync access handles). What OPFS cannot store lives here for the run only: symlinks, access
 * and modification times set by the guest (OPFS keeps lastModified only), and hard links (extra
 * names of an OPFS file, stored as copies when the run ends, as the snapshot model did).
 */
export class OpfsMount {
  readonly open = new Map<string, OpenFile>();
  readonly links = new Map<string, string>();
  readonly times = new Map<string, Times>();
  /** Hard links: extra name → the path of the OPFS file it names. */
  readonly hard = new Map<string, string>();
  /** Directory handles the core holds (descriptors): a rename of them or an ancestor moves them. */
  readonly dirs = new Set<OpfsDir>();
  #root: FileSystemDirectoryHandle | null = null;
  readonly #inos = new Map<string, bigint>();
  #nextIno = 1n;

  constructor(readonly ops: AsyncOps, readonly dev: bigint) {}

  /** The root directory handle to preopen. */
  root(dir: FileSystemDirectoryHandle): DirectoryHandle {
    this.#root = dir;
    return new OpfsDir(this, dir, "");
  }

  /** The OPFS directory at `path` below the root (an asynchronous operation of the syscall in progress). */
  dirAt(path: string): FileSystemDirectoryHandle {
    return this.ops.lookup(`dir ${path}`, () => dirAt(this.#root!, path));
  }

  /** Hard links to the file at `path`, besides `path` itself. */
  extraLinks(path: string): bigint {
    let n = 0n;
    for (const t of this.hard.values()) if (t === path) n++;
    return n;
  }

  /** Store every hard link as a copy of its file (at the end of the run, files closed). */
  async storeLinks(): Promise<void> {
    for (const [name, target] of this.hard) await copyFile(this.#root!, target, name);
    this.hard.clear();
  }

  /** A stable inode number for the entry at `path` (while it keeps its path). */
  ino(path: string): bigint {
    let n = this.#inos.get(path);
    if (n === undefined) this.#inos.set(path, (n = this.#nextIno++));
    return n;
  }

  /** Carry everything kept by path from `from` (and below it) to `to`. */
  moved(from: string, to: string): void {
    for (const [name, target] of this.hard) {
      if (target === from || target.startsWith(`${from}/`)) this.hard.set(name, to + target.slice(from.length));
    }
    for (const map of [this.#inos, this.links, this.times, this.open, this.hard] as Map<string, unknown>[]) {
      for (const [p, v] of [...map]) {
        if (p !== from && !p.startsWith(`${from}/`)) continue;
        map.delete(p);
        map.set(to + p.slice(from.length), v);
      }
    }
    for (const [p, f] of this.open) f.path = p;
    for (const d of this.dirs) {
      if (d.path !== from && !d.path.startsWith(`${from}/`)) continue;
      // Its handle names the old path (a directory moves by copy): found again when next used.
      d.path = to + d.path.slice(from.length);
      d.stale = true;
    }
  }

  /** Close what the guest left open (at the end of the run). */
  closeAll(): void {
    for (const f of this.open.values()) f.access.close();
    this.open.clear();
  }

  readonly release = (file: OpenFile): void => {
    if (--file.refs > 0) return;
    file.access.close();
    if (file.gone) return;
    this.times.set(file.path, { atim: file.atim, mtim: file.mtim });
    if (this.open.get(file.path) === file) this.open.delete(file.path);
  };
}

class OpfsDir implements DirectoryHandle {
  readonly kind = "directory";
  #handle: FileSystemDirectoryHandle;
  /** Set when this directory was renamed (itself or an ancestor): `#handle` names its old path. */
  stale = false;
  constructor(readonly mount: OpfsMount, handle: FileSystemDirectoryHandle, public path: string) {
    this.#handle = handle;
  }

  /** This directory in OPFS. Read it before the first `await` of an operation (it may need a lookup). */
  get handle(): FileSystemDirectoryHandle {
    if (!this.stale) return this.#handle;
    const h = this.mount.dirAt(this.path);
    this.mount.ops.defer(() => { this.#handle = h; this.stale = false; });
    return h;
  }

  close(): void {
    this.mount.dirs.delete(this);
  }

  #child(name: string): string {
    return this.path === "" ? name : `${this.path}/${name}`;
  }

  #find(name: string): Found | null {
    const dir = this.handle;
    return this.mount.ops.run(`find ${this.#child(name)}`, () => find(dir, name));
  }

  #stat(path: string, filetype: FileStat["filetype"], size: bigint, mtimMs: number): FileStat {
    const t = this.mount.times.get(path);
    const m = BigInt(Math.trunc(mtimMs)) * 1_000_000n;
    const nlink = filetype === FileType.REGULAR_FILE ? 1n + this.mount.extraLinks(path) : 1n;
    return { filetype, dev: this.mount.dev, ino: this.mount.ino(path), nlink, size, atim: t?.atim ?? m, mtim: t?.mtim ?? m, ctim: t?.mtim ?? m };
  }

  stat(): FileStat {
    return this.#stat(this.path, FileType.DIRECTORY, 0n, 0);
  }

  setTimes(atim: TimeUpdate, mtim: TimeUpdate): void {
    this.#setTimes(this.path, atim, mtim, 0n);
  }

  #setTimes(path: string, atim: TimeUpdate, mtim: TimeUpdate, current: bigint): void {
    const t = this.mount.times.get(path) ?? { atim: current, mtim: current };
    this.mount.ops.defer(() => this.mount.times.set(path, { atim: atim ?? t.atim, mtim: mtim ?? t.mtim }));
  }

  statAt(name: string): FileStat {
    const path = this.#child(name);
    const link = this.mount.links.get(path);
    if (link !== undefined) return this.#stat(path, FileType.SYMBOLIC_LINK, BigInt(new TextEncoder().encode(link).length), 0);
    const target = this.mount.hard.get(path);
    if (target !== undefined) {
      const [dir, base] = split(target);
      return new OpfsDir(this.mount, this.mount.dirAt(dir), dir).statAt(base);
    }
    const open = this.mount.open.get(path);
    if (open !== undefined) return open.stat();
    const found = this.#find(name);
    if (found === null) throw new WasiError("NOENT");
    if (found.kind === "directory") return this.#stat(path, FileType.DIRECTORY, 0n, 0);
    return this.#stat(path, FileType.REGULAR_FILE, BigInt(found.size), found.mtimMs);
  }

  openDirectory(name: string): DirectoryHandle {
    const path = this.#child(name);
    if (this.mount.links.has(path)) throw new WasiError("LOOP");
    const parent = this.handle;
    const dir = this.mount.ops.run(`opendir ${path}`, () => parent.getDirectoryHandle(name).catch((e: unknown) => errno(e)));
    const opened = new OpfsDir(this.mount, dir, path);
    this.mount.dirs.add(opened);
    return opened;
  }

  openFile(name: string, options: OpenFileOptions): FileHandle {
    const path = this.#child(name);
    if (this.mount.links.has(path)) {
      if (options.create && options.exclusive) throw new WasiError("EXIST");
      throw new WasiError("LOOP");
    }
    const target = this.mount.hard.get(path);
    if (target !== undefined) {
      if (options.create && options.exclusive) throw new WasiError("EXIST");
      const [dir, base] = split(target);
      return new OpfsDir(this.mount, this.mount.dirAt(dir), dir).openFile(base, options);
    }
    const { mount } = this;
    let file = mount.open.get(path);
    if (file !== undefined) {
      if (options.create && options.exclusive) throw new WasiError("EXIST");
      if (options.truncate && file.size > 0) { file.access.truncate(0); file.size = 0; file.touch(); }
    } else {
      const dir = this.handle;
      const opened = mount.ops.run(`open ${path}`, () => this.#open(dir, name, path, options));
      mount.ops.defer(() => mount.open.set(path, opened));
      opened.extraLinks = () => mount.extraLinks(opened.path);
      file = opened;
    }
    return new OpfsFile(file, mount.release);
  }

  async #open(dir: FileSystemDirectoryHandle, name: string, path: string, options: OpenFileOptions): Promise<OpenFile> {
    const found = await find(dir, name);
    if (found?.kind === "directory") throw new WasiError("ISDIR");
    if (found !== null && options.create && options.exclusive) throw new WasiError("EXIST");
    if (found === null && !options.create) throw new WasiError("NOENT");
    const handle = found?.handle ?? await dir.getFileHandle(name, { create: true }).catch((e: unknown) => errno(e));
    const access = await lockFile(handle);
    const file = new OpenFile(path, handle, access, this.mount.ino(path), this.mount.dev, found?.mtimMs ?? Date.now());
    const t = this.mount.times.get(path);
    if (t !== undefined) { file.atim = t.atim; file.mtim = t.mtim; }
    if (options.truncate && file.size > 0) { access.truncate(0); file.size = 0; file.touch(); }
    return file;
  }

  readDirectory(): DirEntry[] {
    const dir = this.handle;
    const names = this.mount.ops.run(`list ${this.path}`, async () => {
      const out: [string, FileSystemHandle["kind"]][] = [];
      try {
        for await (const [name, h] of dir.entries()) out.push([name, h.kind]);
      } catch (e) {
        errno(e);
      }
      return out;
    });
    const entries: DirEntry[] = names.map(([name, kind]) => ({
      name, filetype: kind === "directory" ? FileType.DIRECTORY : FileType.REGULAR_FILE, ino: this.mount.ino(this.#child(name)),
    }));
    const prefix = this.path === "" ? "" : `${this.path}/`;
    for (const p of this.mount.links.keys()) {
      const name = p.slice(prefix.length);
      if (p.startsWith(prefix) && !name.includes("/")) entries.push({ name, filetype: FileType.SYMBOLIC_LINK, ino: this.mount.ino(p) });
    }
    for (const [p, target] of this.mount.hard) {
      const name = p.slice(prefix.length);
      if (p.startsWith(prefix) && !name.includes("/")) entries.push({ name, filetype: FileType.REGULAR_FILE, ino: this.mount.ino(target) });
    }
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  createDirectoryAt(name: string): void {
    if (this.mount.links.has(this.#child(name)) || this.mount.hard.has(this.#child(name))) throw new WasiError("EXIST");
    const dir = this.handle;
    this.mount.ops.run(`mkdir ${this.#child(name)}`, async () => {
      if ((await find(dir, name)) !== null) throw new WasiError("EXIST");
      await dir.getDirectoryHandle(name, { create: true }).catch((e: unknown) => errno(e));
    });
  }

  removeDirectoryAt(name: string): void {
    const path = this.#child(name);
    if (this.mount.links.has(path)) throw new WasiError("NOTDIR");
    for (const p of [...this.mount.links.keys(), ...this.mount.hard.keys()]) if (p.startsWith(`${path}/`)) throw new WasiError("NOTEMPTY");
    const dir = this.handle;
    this.mount.ops.run(`rmdir ${path}`, async () => {
      const found = await find(dir, name);
      if (found === null) throw new WasiError("NOENT");
      if (found.kind !== "directory") throw new WasiError("NOTDIR");
      if (!(await isEmpty(found.handle))) throw new WasiError("NOTEMPTY");
      await dir.removeEntry(name).catch((e: unknown) => errno(e));
    });
    this.mount.ops.defer(() => this.mount.times.delete(path));
  }

  unlinkFileAt(name: string): void {
    const path = this.#child(name);
    if (this.mount.links.has(path) || this.mount.hard.has(path)) {
      this.mount.ops.defer(() => { this.mount.links.delete(path); this.mount.hard.delete(path); });
      return;
    }
    const alias = [...this.mount.hard].find(([, t]) => t === path)?.[0];
    if (alias !== undefined) {
      // The file lives on under its other name: move it there (then that name is no link any more).
      const [dir, base] = split(alias);
      const aliasDir = new OpfsDir(this.mount, this.mount.dirAt(dir), dir);
      this.#rename(name, aliasDir, base, path, alias);
      this.mount.ops.defer(() => this.mount.hard.delete(alias));
      return;
    }
    const dir = this.handle;
    this.mount.ops.run(`unlink ${path}`, async () => {
      const found = await find(dir, name);
      if (found === null) throw new WasiError("NOENT");
      if (found.kind === "directory") throw new WasiError("ISDIR");
      await this.#drop(path, name, dir);
    });
    this.#forget(path);
  }

  /** After the entry at `path` was removed: what was kept about it goes (when the syscall returns). */
  #forget(path: string): void {
    const { mount } = this;
    mount.ops.defer(() => {
      mount.open.delete(path);
      mount.times.delete(path);
      mount.links.delete(path);
    });
  }

  /**
   * Remove the file `name` of `dir` at `path`; descriptors still open on it keep its bytes. The
   * caller forgets `path` (`#forget`) once the operation is over.
   */
  async #drop(path: string, name: string, dir: FileSystemDirectoryHandle): Promise<void> {
    this.mount.open.get(path)?.detach();
    await dir.removeEntry(name).catch((e: unknown) => errno(e));
  }

  renameAt(name: string, newDir: DirectoryHandle, newName: string): void {
    if (!(newDir instanceof OpfsDir) || newDir.mount !== this.mount) throw new WasiError("XDEV");
    const from = this.#child(name);
    const to = newDir.#child(newName);
    const { hard } = this.mount;
    if ((hard.get(from) ?? from) === (hard.get(to) ?? to)) {
      // Two names of one file (or one name twice): POSIX does nothing.
      if (!this.mount.links.has(from) && !hard.has(from)) this.statAt(name);
      return;
    }
    const linkTarget = hard.get(from);
    if (linkTarget !== undefined) {
      const existing = hard.has(to) ? null : newDir.#find(newName);
      if (existing?.kind === "directory") throw new WasiError("ISDIR");
      if (existing !== null) newDir.unlinkFileAt(newName);
      this.mount.ops.defer(() => { hard.delete(from); hard.set(to, linkTarget); });
      return;
    }
    if (hard.has(to)) this.mount.ops.defer(() => hard.delete(to));
    this.#rename(name, newDir, newName, from, to);
  }

  /** Rename the OPFS entry `name` (at `from`) to `newName` of `newDir` (at `to`). */
  #rename(name: string, newDir: OpfsDir, newName: string, from: string, to: string): void {
    if (to.startsWith(`${from}/`)) throw new WasiError("INVAL");
    const { mount } = this;
    const link = mount.links.get(from);
    const toIsLink = mount.links.has(to);
    const here = this.handle;
    const there = newDir.handle;
    mount.ops.run(`rename ${from} ${to}`, async () => {
      const dst = toIsLink ? null : await find(there, newName);
      if (link !== undefined) {
        if (dst?.kind === "directory") throw new WasiError("ISDIR");
        if (dst !== null) await this.#drop(to, newName, there);
        return;
      }
      const src = await find(here, name);
      if (src === null) throw new WasiError("NOENT");
      if (dst !== null) {
        if (src.kind === "file" && dst.kind === "directory") throw new WasiError("ISDIR");
        if (src.kind === "directory" && dst.kind === "file") throw new WasiError("NOTDIR");
        if (dst.kind === "directory" && !(await isEmpty(dst.handle))) throw new WasiError("NOTEMPTY");
        if (dst.kind === "file") await this.#drop(to, newName, there);
        else await there.removeEntry(newName).catch((e: unknown) => errno(e));
      }
      // Files with a sync access handle cannot move: let go of them, move, take them again.
      const open = [...mount.open.values()].filter((f) => f.path === from || f.path.startsWith(`${from}/`));
      for (const f of open) f.access.close();
      let failure: unknown = null;
      try {
        const movable = src.handle as unknown as Partial<MovableHandle>;
        if (typeof movable.move === "function") await movable.move(there, newName);
        else if (src.kind === "directory") await moveByCopy(src.handle, there, newName, here, name);
        else throw new WasiError("NOTSUP");
      } catch (e) {
        failure = e;
      }
      for (const f of open) {
        // The handles the guest opened still name the old path (only the handle that moved follows it).
        if (failure === null) f.handle = src.kind === "file" ? src.handle : await fileAt(there, newName, f.path.slice(from.length + 1));
        f.access = await lockFile(f.handle);
      }
      if (failure !== null) errno(failure);
    });
    this.#forget(to);
    mount.ops.defer(() => {
      mount.moved(from, to);
      if (link !== undefined) mount.links.set(to, link);
    });
  }

  linkAt(name: string, newDir: DirectoryHandle, newName: string): void {
    if (!(newDir instanceof OpfsDir) || newDir.mount !== this.mount) throw new WasiError("XDEV");
    const path = this.#child(name);
    // OPFS has no links: a hard link to a symlink is refused, as a filesystem without them does.
    if (this.mount.links.has(path)) throw new WasiError("PERM");
    const st = this.statAt(name);
    if (st.filetype === FileType.DIRECTORY) throw new WasiError("PERM");
    const to = newDir.#child(newName);
    if (newDir.mount.links.has(to) || newDir.mount.hard.has(to) || newDir.#find(newName) !== null) throw new WasiError("EXIST");
    const target = this.mount.hard.get(path) ?? path;
    this.mount.ops.defer(() => this.mount.hard.set(to, target));
  }

  symlinkAt(target: string, name: string): void {
    const path = this.#child(name);
    if (this.mount.links.has(path) || this.mount.hard.has(path) || this.#find(name) !== null) throw new WasiError("EXIST");
    this.mount.ops.defer(() => this.mount.links.set(path, target));
  }

  readlinkAt(name: string): string {
    const link = this.mount.links.get(this.#child(name));
    if (link !== undefined) return link;
    if (this.mount.hard.has(this.#child(name))) throw new WasiError("INVAL");
    throw new WasiError(this.#find(name) === null ? "NOENT" : "INVAL");
  }

  setTimesAt(name: string, atim: TimeUpdate, mtim: TimeUpdate): void {
    const path = this.#child(name);
    const open = this.mount.open.get(path);
    if (open !== undefined) {
      if (atim !== null) open.atim = atim;
      if (mtim !== null) open.mtim = mtim;
      return;
    }
    const st = this.statAt(name);
    this.#setTimes(path, atim, mtim, st.mtim);
  }
}
