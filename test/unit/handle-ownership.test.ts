// Who opened a directory handle closes it, and nothing uses a handle after its close. A strict
// host (MemFS underneath) records every use of a closed handle: NodeFS once kept the parent of a
// directory opened as "a/b" in its descriptor, the per-call release closed it, and `fd_readdir`
// then answered BADF from the dead host descriptor (issue 12, defect 1).
import { describe, expect, it } from "vitest";
import {
  MemFS, OFlags, WasiError, type DirEntry, type DirectoryHandle, type FileHandle, type FileStat,
  type OpenFileOptions, type TimeUpdate,
} from "../../packages/core/src/index.js";
import { open, setup, type Env } from "./harness.js";

/** Every handle a `Strict` tree opened, and every use of a closed one. */
class Ledger {
  readonly opened: Strict[] = [];
  readonly misuse: string[] = [];
}

class Strict implements DirectoryHandle {
  readonly kind = "directory";
  closes = 0;
  constructor(readonly inner: DirectoryHandle, readonly name: string, private readonly ledger: Ledger) {}

  private live(op: string): DirectoryHandle {
    if (this.closes > 0) {
      this.ledger.misuse.push(`${op} on ${this.name} after close`);
      throw new WasiError("BADF");
    }
    return this.inner;
  }

  stat(): FileStat { return this.live("stat").stat(); }
  setTimes(a: TimeUpdate, m: TimeUpdate): void { this.live("setTimes").setTimes(a, m); }
  statAt(name: string): FileStat { return this.live("statAt").statAt(name); }
  openDirectory(name: string): DirectoryHandle {
    const h = new Strict(this.live("openDirectory").openDirectory(name), `${this.name}/${name}`, this.ledger);
    this.ledger.opened.push(h);
    return h;
  }
  openFile(name: string, o: OpenFileOptions): FileHandle { return this.live("openFile").openFile(name, o); }
  readDirectory(): DirEntry[] { return this.live("readDirectory").readDirectory(); }
  createDirectoryAt(name: string): void { this.live("createDirectoryAt").createDirectoryAt(name); }
  removeDirectoryAt(name: string): void { this.live("removeDirectoryAt").removeDirectoryAt(name); }
  unlinkFileAt(name: string): void { this.live("unlinkFileAt").unlinkFileAt(name); }
  renameAt(name: string, to: DirectoryHandle, newName: string): void {
    this.live("renameAt").renameAt(name, (to as Strict).live("renameAt target"), newName);
  }
  linkAt(name: string, to: DirectoryHandle, newName: string): void {
    this.live("linkAt").linkAt(name, (to as Strict).live("linkAt target"), newName);
  }
  symlinkAt(target: string, name: string): void { this.live("symlinkAt").symlinkAt(target, name); }
  readlinkAt(name: string): string { return this.live("readlinkAt").readlinkAt(name); }
  setTimesAt(name: string, a: TimeUpdate, m: TimeUpdate): void { this.live("setTimesAt").setTimesAt(name, a, m); }
  close(): void {
    this.closes++;
  }
}

/** fd_readdir from cookie 0 with a large buffer: [errno, name → ino]. */
function list(env: Env, fd: number): [number, Map<string, bigint>] {
  const buf = env.alloc(4096);
  const used = env.alloc(4);
  const errno = env.w.fd_readdir(fd, buf, 4096, 0n, used);
  const out = new Map<string, bigint>();
  if (errno !== 0) return [errno, out];
  const dv = env.dv();
  for (let at = buf; at < buf + env.u32(used);) {
    const ino = dv.getBigUint64(at + 8, true);
    const len = dv.getUint32(at + 16, true);
    out.set(env.text(at + 24, len), ino);
    at += 24 + len;
  }
  return [0, out];
}

function world(): { env: Env; fs: MemFS; ledger: Ledger } {
  const fs = MemFS.from({ "a/b/c/d/f.txt": "deep", "a/x.txt": "x", "m/n/o/g.txt": "g" });
  const ledger = new Ledger();
  const env = setup({ preopens: { "/": new Strict(fs.root, "", ledger) } });
  return { env, fs, ledger };
}

const ino = (fs: MemFS, path: string): bigint => {
  let h = fs.root;
  for (const part of path.split("/").filter((p) => p !== "")) h = h.openDirectory(part);
  return h.stat().ino;
};

describe("directory handle ownership", () => {
  it("a directory opened through two or more components lists, with `..` naming its parent", () => {
    const { env, fs, ledger } = world();
    const cases = [["a/b", "a/b"], ["a/b/c", "a/b/c"], ["a/b/c/d", "a/b/c/d"], ["a/b/c/d/..", "a/b/c"], ["a/b/./c/", "a/b/c"], ["m/n/o", "m/n/o"]];
    for (const [path, real] of cases as [string, string][]) {
      const fd = open(env, path, { oflags: OFlags.DIRECTORY });
      const [errno, names] = list(env, fd);
      expect(errno, path).toBe(0);
      const parent = real.split("/").slice(0, -1).join("/");
      expect(names.get("."), path).toBe(ino(fs, real));
      expect(names.get(".."), path).toBe(ino(fs, parent));
      expect(env.w.fd_close(fd)).toBe(0);
    }
    expect(ledger.misuse).toEqual([]);
  });

  it("`..` of a directory opened as `.` from a nested descriptor is still the real parent", () => {
    const { env, fs, ledger } = world();
    const b = open(env, "a/b", { oflags: OFlags.DIRECTORY });
    const self = open(env, ".", { oflags: OFlags.DIRECTORY, dirfd: b });
    const [errno, names] = list(env, self);
    expect(errno).toBe(0);
    expect(names.get("..")).toBe(ino(fs, "a"));
    expect(names.has("c")).toBe(true);
    expect(ledger.misuse).toEqual([]);
  });

  it("every handle opened while resolving is closed exactly once: at the end of its call, or with its last descriptor", () => {
    const { env, ledger } = world();
    const fds = ["a/b/c", "a/b/c/d", "m/n/o"].map((p) => open(env, p, { oflags: OFlags.DIRECTORY }));
    const held = new Set(ledger.opened.filter((h) => h.closes === 0));
    expect(held.size).toBe(3); // only the three directories the descriptors name stay open
    for (const fd of fds) {
      expect(list(env, fd)[0]).toBe(0);
      expect(env.w.fd_close(fd)).toBe(0);
    }
    expect(ledger.opened.map((h) => `${h.name}:${h.closes}`).filter((s) => !s.endsWith(":1"))).toEqual([]);
    expect(ledger.misuse).toEqual([]);
  });

  it("a directory kept open while its parents are renamed still lists its new entries", () => {
    const { env, fs, ledger } = world();
    const d = open(env, "a/b/c/d", { oflags: OFlags.DIRECTORY });
    fs.root.openDirectory("a").renameAt("b", fs.root.openDirectory("m"), "b2");
    fs.writeFile("m/b2/c/d/new.txt", "n");
    const [errno, names] = list(env, d);
    expect(errno).toBe(0);
    expect([...names.keys()].sort()).toEqual([".", "..", "f.txt", "new.txt"]);
    expect(ledger.misuse).toEqual([]);
  });
});
