import { WasiError, type DirEntry, type FileStat, type FileTypeValue, type TimeUpdate } from "@anywasi/core";
import * as fs from "node:fs";
import { settleStatMode } from "./stat-mode.js";
import { fsCall } from "./errors.js";
import { TimeOverlay } from "./time-overlay.js";
import { NO_THROW, modeType, MAX_PARKED, SETTLED_NS } from "./node-fs-host.js";
import type { NodeDirectory } from "./node-directory.js";

/**
 * A host descriptor owned by one handle, and the handle's `FinalizationRegistry` entry (the cell
 * is its held value and its unregister token, once registered).
 */
export class HostFd {
  registered = false;
  /** Where the cell is in `Shared.cells` while its descriptor is open. */
  index = -1;
  constructor(public fd: number) {}
}

/** Unregistered handles beyond which `track` registers them at once (see `Shared.pending`). */
const MAX_PENDING = 1024;

/** Shared state of the handles of one preopened host directory. */
export class Shared {
  readonly times = new TimeOverlay();
  /**
   * The cells of every host descriptor still open, for `closeAll`; each knows its index, so one
   * is dropped by moving the last into its place (no hashing, as a `Set` of numbers would cost on
   * every open and close).
   */
  private readonly cells: HostFd[] = [];
  private readonly registry = new FinalizationRegistry<HostFd>((cell) => {
    const fd = cell.fd;
    if (this.drop(cell)) fs.closeSync(fd);
  });

  /** Forget `cell` (its descriptor is being closed): false if it was already closed. */
  private drop(cell: HostFd): boolean {
    if (cell.fd < 0) return false;
    cell.fd = -1;
    const last = this.cells.pop()!;
    if (last !== cell) {
      this.cells[cell.index] = last;
      last.index = cell.index;
    }
    return true;
  }
  constructor(readonly readOnly: boolean) {}

  /**
   * Handles whose descriptors are not registered yet, and their cells. The registry closes the
   * descriptor of a handle collected unclosed (a guest instance dropped while it had files open).
   * A handle can only be dropped once JavaScript regains control from the guest's synchronous
   * run, so registration waits until then (a microtask): a file opened and closed in between
   * (most of them) costs no registration and no unregistration (a weak cell and a keyed lookup,
   * ~2,600 instructions together). Held strongly meanwhile, a pending handle cannot be collected.
   */
  private readonly pendingOwners: object[] = [];
  private readonly pendingCells: HostFd[] = [];
  private flushQueued = false;
  private readonly flush = (): void => {
    this.flushQueued = false;
    const owners = this.pendingOwners;
    const cells = this.pendingCells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell.fd < 0) continue;
      cell.registered = true;
      this.registry.register(owners[i]!, cell, cell);
    }
    owners.length = 0;
    cells.length = 0;
  };

  /** Own `fd` for `owner`: closed by `release`, by `closeAll`, or when `owner` is collected unreleased. */
  track(owner: object, fd: number): HostFd {
    const cell = new HostFd(fd);
    cell.index = this.cells.length;
    this.cells.push(cell);
    this.pendingOwners.push(owner);
    this.pendingCells.push(cell);
    if (this.pendingCells.length > MAX_PENDING) this.flush();
    else if (!this.flushQueued) {
      this.flushQueued = true;
      // A promise reaction rather than queueMicrotask(): in Node, queueMicrotask wraps each task
      // in an AsyncResource, whose async_hooks code was a tenth of createNodeWASI()'s first-use
      // compilation (bench/analysis.md, "Row 1 set-up, 2026-12-07 (afternoon)"). flush() cannot throw.
      void Promise.resolve().then(this.flush);
    }
    return cell;
  }

  release(cell: HostFd): void {
    const fd = cell.fd;
    if (!this.drop(cell)) return;
    if (cell.registered) this.registry.unregister(cell);
    else {
      // Usually the newest pending handle (open, use, close): let go of it now.
      const last = this.pendingCells.length - 1;
      if (last >= 0 && this.pendingCells[last] === cell) {
        this.pendingCells.pop();
        this.pendingOwners.pop();
      }
    }
    fs.closeSync(fd);
  }

  /** After `closeAll`, every handle refuses to act: its host descriptor numbers may be reused. */
  closed = false;

  closeAll(): void {
    this.closed = true;
    this.parked.length = 0;
    this.pendingOwners.length = 0;
    this.pendingCells.length = 0;
    for (const cell of this.cells) {
      const fd = cell.fd;
      cell.fd = -1;
      fs.closeSync(fd);
    }
    this.cells.length = 0;
  }

  /**
   * Directory handles the core has closed, still open (oldest first, at most `MAX_PARKED`), each
   * with the host descriptor of the directory it was opened in and its name there. The core opens
   * every directory on a path again at each call ("d/f1", "d/f2": `d` twice); a parked handle
   * saves that open and its close, for one lstat (see `unpark`). Looked up by that descriptor
   * number and name, not by the host path: a path built and hashed per lookup cost more than the
   * few comparisons.
   */
  private readonly parked: NodeDirectory[] = [];

  /** The index in `parked` of the handle opened as `name` in the directory `parentFd`, or -1. */
  private parkedAt(parentFd: number, name: string): number {
    const parked = this.parked;
    for (let i = 0; i < parked.length; i++) {
      const dir = parked[i]!;
      if (dir.parentFd === parentFd && dir.name === name) return i;
    }
    return -1;
  }

  /** Remove the entry at `i` of `parked`, keeping the order (oldest first). */
  private unparkAt(i: number): NodeDirectory {
    const parked = this.parked;
    const dir = parked[i]!;
    for (; i < parked.length - 1; i++) parked[i] = parked[i + 1]!;
    parked.pop();
    return dir;
  }

  /** Keep `dir` (closed by the core) open, closing the oldest beyond `MAX_PARKED`. */
  park(dir: NodeDirectory): void {
    const i = this.parkedAt(dir.parentFd, dir.name);
    if (i >= 0) this.unparkAt(i).release();
    this.parked.push(dir);
    if (this.parked.length > MAX_PARKED) this.unparkAt(0).release();
  }

  /**
   * The parked handle opened as `name` in the directory `parentFd`, if its host path (that
   * directory's `/proc/self/fd` entry and `name`) still names that very directory: same device
   * and inode, not a symlink (lstat). The handle keeps its inode alive, so the number cannot have
   * been reused by another directory; a swap after the check is a swap after the open would have
   * been, and the handle is a directory inside the preopen either way. The path is the one the
   * handle was opened by: if `parentFd` was closed and its number reused since, the lstat looks
   * in the directory that number holds now, which is where the guest's path leads.
   */
  unpark(parentFd: number, name: string): NodeDirectory | null {
    const i = this.parkedAt(parentFd, name);
    if (i < 0) return null;
    const dir = this.unparkAt(i);
    const st = fs.lstatSync(dir.path, NO_THROW);
    settleStatMode(st);
    if (st !== undefined && st.isDirectory() && st.ino === dir.ino && st.dev === dir.dev) return dir;
    dir.release();
    return null;
  }

  /** The host descriptor `fd`, if this filesystem is still open. */
  live(fd: number): number {
    if (this.closed) throw new WasiError("BADF", "the filesystem was closed");
    return fd;
  }

  private readonly listings = new Map<string, { version: string; entries: DirEntry[] }>();

  /** The remembered listing of the directory `st` describes, if its times have not moved since. */
  listing(st: fs.BigIntStats): DirEntry[] | null {
    const hit = this.listings.get(`${st.dev}:${st.ino}`);
    return hit !== undefined && hit.version === `${st.mtimeNs}:${st.ctimeNs}:${st.nlink}` ? hit.entries : null;
  }

  /**
   * Remember a listing taken at `takenAtNs` (realtime) of the directory `st` describes. Inode times
   * come from a coarse kernel clock (a few ms a tick), so a change in the same tick as the last
   * one leaves them as they were: a listing is kept only when the directory last changed well
   * before it was taken, so that any later change must move its times.
   */
  remember(st: fs.BigIntStats, entries: DirEntry[], takenAtNs: bigint): void {
    const settled = takenAtNs - SETTLED_NS;
    if (st.mtimeNs > settled || st.ctimeNs > settled) return;
    if (this.listings.size >= 64) this.listings.delete(this.listings.keys().next().value!);
    this.listings.set(`${st.dev}:${st.ino}`, { version: `${st.mtimeNs}:${st.ctimeNs}:${st.nlink}`, entries });
  }

  writable(): void {
    if (this.readOnly) throw new WasiError("ROFS");
  }

  /**
   * The `FileStat` of `st`. `filetype`, when the caller knows it: an open descriptor's type never
   * changes (the inode's type is fixed for its life), so a file's is taken once, at its open.
   */
  stat(st: fs.BigIntStats, filetype: FileTypeValue = modeType(st)): FileStat {
    // Without overlaid times (always, unless the guest set times), no object for them.
    if (!this.times.active) {
      return {
        filetype, dev: st.dev, ino: st.ino, nlink: st.nlink, size: st.size,
        atim: st.atimeNs, mtim: st.mtimeNs, ctim: st.ctimeNs,
      };
    }
    const t = this.times.get(st);
    return {
      filetype, dev: st.dev, ino: st.ino, nlink: st.nlink, size: st.size,
      atim: t.atim, mtim: t.mtim, ctim: st.ctimeNs,
    };
  }
}

/** Set times on an open descriptor: nothing to resolve, so nothing to race. */
export function setTimesFd(shared: Shared, fd: number, atim: TimeUpdate, mtim: TimeUpdate): void {
  const cur = shared.times.get(fsCall(() => fs.fstatSync(fd, { bigint: true })));
  const a = atim ?? cur.atim;
  const m = mtim ?? cur.mtim;
  fsCall(() => fs.futimesSync(fd, toSeconds(a), toSeconds(m)));
  shared.times.set(fs.fstatSync(fd, { bigint: true }), a, m);
}

/**
 * Set times on a name without following it. `lutimes` works on every file type, so there is no
 * check-then-use window in which a swapped-in symlink could redirect the change outside.
 */
export function setTimesPath(shared: Shared, path: string, atim: TimeUpdate, mtim: TimeUpdate): void {
  const cur = shared.times.get(fsCall(() => fs.lstatSync(path, { bigint: true })));
  const a = atim ?? cur.atim;
  const m = mtim ?? cur.mtim;
  fsCall(() => fs.lutimesSync(path, toSeconds(a), toSeconds(m)));
  shared.times.set(fsCall(() => fs.lstatSync(path, { bigint: true })), a, m);
}

export function toSeconds(ns: bigint): number {
  return Number(ns / 1000n) / 1e6;
}
