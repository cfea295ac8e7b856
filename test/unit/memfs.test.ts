import { describe, it, expect } from "vitest";
import { MemFS, MAX_FILE_SIZE, type MemFSOptions } from "../../packages/core/src/memfs/index.js";
import { Errno } from "../../packages/core/src/abi/errno.js";
import { FileType } from "../../packages/core/src/abi/constants.js";
import { WasiError } from "../../packages/core/src/errors.js";
import type { DirectoryHandle, FileHandle, OpenFileOptions } from "../../packages/core/src/host.js";

const RW: OpenFileOptions = { create: false, exclusive: false, truncate: false, read: true, write: true };
const CREATE: OpenFileOptions = { ...RW, create: true };
const enc = new TextEncoder();
const dec = new TextDecoder();

function errno(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WasiError);
    return (e as WasiError).errno;
  }
  throw new Error("expected a WasiError");
}

/** A clock the test advances by hand. */
function manualClock(start = 1_000n): { options: MemFSOptions; set(t: bigint): void } {
  let t = start;
  return { options: { now: () => t }, set: (v) => void (t = v) };
}

function readAll(f: FileHandle): string {
  const buf = new Uint8Array(Number(f.stat().size));
  const n = f.read(buf, 0n);
  return dec.decode(buf.subarray(0, n));
}

function create(dir: DirectoryHandle, name: string, text = ""): FileHandle {
  const f = dir.openFile(name, CREATE);
  f.write(enc.encode(text), 0n);
  return f;
}

describe("MemFS lookups", () => {
  const fs = MemFS.from({ "d/a.txt": "A", lnk: { symlink: "d/a.txt" }, dlnk: { symlink: "d" } });
  const root = fs.root;

  it("statAt is lstat and reports kinds", () => {
    expect(root.statAt("lnk").filetype).toBe(FileType.SYMBOLIC_LINK);
    expect(root.statAt("lnk").size).toBe(7n);
    expect(root.statAt("d").filetype).toBe(FileType.DIRECTORY);
    expect(root.openDirectory("d").statAt("a.txt").filetype).toBe(FileType.REGULAR_FILE);
    expect(errno(() => root.statAt("nope"))).toBe(Errno.NOENT);
  });

  it("openFile errors", () => {
    expect(errno(() => root.openFile("lnk", RW))).toBe(Errno.LOOP);
    expect(errno(() => root.openFile("d", RW))).toBe(Errno.ISDIR);
    expect(errno(() => root.openFile("nope", RW))).toBe(Errno.NOENT);
    expect(errno(() => root.openFile("d", { ...CREATE, exclusive: true }))).toBe(Errno.EXIST);
    expect(errno(() => root.openFile("lnk", { ...CREATE, exclusive: true }))).toBe(Errno.EXIST);
    const d = root.openDirectory("d");
    expect(errno(() => d.openFile("a.txt", { ...CREATE, exclusive: true }))).toBe(Errno.EXIST);
    expect(readAll(d.openFile("a.txt", CREATE))).toBe("A");
  });

  it("openDirectory errors", () => {
    // A symlink is never followed by a handle: LOOP tells the core to read the link itself.
    expect(errno(() => root.openDirectory("dlnk"))).toBe(Errno.LOOP);
    expect(errno(() => root.openDirectory("lnk"))).toBe(Errno.LOOP);
    expect(root.openDirectory("d").kind).toBe("directory");
    expect(errno(() => root.openDirectory("d").openDirectory("a.txt"))).toBe(Errno.NOTDIR);
    expect(errno(() => root.openDirectory("nope"))).toBe(Errno.NOENT);
  });

  it("readlinkAt", () => {
    expect(root.readlinkAt("lnk")).toBe("d/a.txt");
    expect(errno(() => root.readlinkAt("d"))).toBe(Errno.INVAL);
    expect(errno(() => root.readlinkAt("nope"))).toBe(Errno.NOENT);
  });

  it("readDirectory lists in insertion order with filetype and ino", () => {
    const entries = root.readDirectory();
    expect(entries.map((e) => e.name)).toEqual(["d", "lnk", "dlnk"]);
    expect(entries.map((e) => e.filetype)).toEqual([FileType.DIRECTORY, FileType.SYMBOLIC_LINK, FileType.SYMBOLIC_LINK]);
    for (const e of entries) expect(e.ino).toBe(root.statAt(e.name).ino);
  });

  it("ino unique, root is 1, dev per instance", () => {
    expect(root.stat().ino).toBe(1n);
    const inos = new Set([root.stat().ino, ...root.readDirectory().map((e) => e.ino)]);
    expect(inos.size).toBe(4);
    const other = new MemFS();
    expect(other.root.stat().dev).not.toBe(root.stat().dev);
    expect(root.statAt("d").dev).toBe(root.stat().dev);
  });
});

describe("directory listings", () => {
  const names = (d: DirectoryHandle): string[] => d.readDirectory().map((e) => e.name);

  it("an unchanged directory lists as the same array; every change makes a new one", () => {
    const fs = MemFS.from({ a: "1", d: { x: "" } });
    const root = fs.root;
    const first = root.readDirectory();
    expect(root.readDirectory()).toBe(first);
    // Reading, writing and stat-ing entries is not a change of the directory.
    fs.writeFile("a", "22");
    root.statAt("d");
    expect(root.readDirectory()).toBe(first);
    const steps: [string, () => void, string[]][] = [
      ["create a file", () => root.openFile("b", CREATE).close?.(), ["a", "d", "b"]],
      ["create a directory", () => root.createDirectoryAt("e"), ["a", "d", "b", "e"]],
      ["symlink", () => root.symlinkAt("a", "s"), ["a", "d", "b", "e", "s"]],
      ["hard link", () => root.linkAt("a", root, "h"), ["a", "d", "b", "e", "s", "h"]],
      ["rename within", () => root.renameAt("b", root, "c"), ["a", "d", "e", "s", "h", "c"]],
      ["rename over an entry", () => root.renameAt("c", root, "a"), ["d", "e", "s", "h", "a"]],
      ["unlink", () => root.unlinkFileAt("s"), ["d", "e", "h", "a"]],
      ["remove a directory", () => root.removeDirectoryAt("e"), ["d", "h", "a"]],
    ];
    let before = root.readDirectory();
    for (const [what, change, want] of steps) {
      change();
      const now = root.readDirectory();
      expect(now, what).not.toBe(before);
      expect(names(root), what).toEqual(want);
      before = now;
    }
    // Renaming a name over another link to the same file does nothing (POSIX), listing included.
    root.linkAt("a", root, "a2");
    const linked = root.readDirectory();
    root.renameAt("a2", root, "a");
    expect(root.readDirectory()).toBe(linked);
    expect(names(root)).toEqual(["d", "h", "a", "a2"]);
    // A rename between directories changes both listings.
    const d = root.openDirectory("d");
    const dBefore = d.readDirectory();
    root.renameAt("a2", d, "moved");
    expect(names(d)).toEqual(["x", "moved"]);
    expect(d.readDirectory()).not.toBe(dBefore);
    expect(names(root)).toEqual(["d", "h", "a"]);
  });

  it("a listing taken earlier keeps what it listed", () => {
    const fs = MemFS.from({ a: "", b: "" });
    const old = fs.root.readDirectory();
    fs.root.unlinkFileAt("a");
    fs.root.openFile("z", CREATE);
    expect(old.map((e) => e.name)).toEqual(["a", "b"]);
    expect(names(fs.root)).toEqual(["b", "z"]);
  });
});

describe("creating and removing", () => {
  it("createDirectoryAt, EXIST, nlink of directories", () => {
    const fs = new MemFS();
    const root = fs.root;
    expect(root.stat().nlink).toBe(2n);
    root.createDirectoryAt("a");
    root.createDirectoryAt("b");
    create(root, "f");
    expect(root.stat().nlink).toBe(4n);
    expect(root.statAt("a").nlink).toBe(2n);
    expect(errno(() => root.createDirectoryAt("a"))).toBe(Errno.EXIST);
    expect(errno(() => root.createDirectoryAt("f"))).toBe(Errno.EXIST);
    root.removeDirectoryAt("b");
    expect(root.stat().nlink).toBe(3n);
  });

  it("removeDirectoryAt errors", () => {
    const fs = MemFS.from({ "d/x": "", f: "", e: {}, l: { symlink: "e" } });
    expect(errno(() => fs.root.removeDirectoryAt("d"))).toBe(Errno.NOTEMPTY);
    expect(errno(() => fs.root.removeDirectoryAt("f"))).toBe(Errno.NOTDIR);
    expect(errno(() => fs.root.removeDirectoryAt("l"))).toBe(Errno.NOTDIR);
    expect(errno(() => fs.root.removeDirectoryAt("nope"))).toBe(Errno.NOENT);
    fs.root.removeDirectoryAt("e");
    expect(fs.exists("e")).toBe(false);
  });

  it("unlinkFileAt", () => {
    const fs = MemFS.from({ d: {}, f: "x", l: { symlink: "d" } });
    expect(errno(() => fs.root.unlinkFileAt("d"))).toBe(Errno.ISDIR);
    expect(errno(() => fs.root.unlinkFileAt("nope"))).toBe(Errno.NOENT);
    fs.root.unlinkFileAt("l");
    expect(fs.exists("d")).toBe(true);
    fs.root.unlinkFileAt("f");
    expect(fs.list()).toEqual(["d"]);
  });

  it("symlinkAt", () => {
    const fs = MemFS.from({ f: "" });
    fs.root.symlinkAt("../../anything", "s");
    expect(fs.root.readlinkAt("s")).toBe("../../anything");
    expect(errno(() => fs.root.symlinkAt("x", "f"))).toBe(Errno.EXIST);
    expect(errno(() => fs.root.symlinkAt("x", "s"))).toBe(Errno.EXIST);
    expect(fs.root.statAt("s").nlink).toBe(1n);
  });

  it("open after unlink keeps the data", () => {
    const fs = new MemFS();
    const f = create(fs.root, "f", "hello");
    fs.root.unlinkFileAt("f");
    expect(f.stat().nlink).toBe(0n);
    f.write(enc.encode("!"), 5n);
    expect(readAll(f)).toBe("hello!");
    expect(errno(() => fs.root.statAt("f"))).toBe(Errno.NOENT);
  });

  it("a removed directory's handle refuses new entries", () => {
    const fs = MemFS.from({ d: {}, other: {} });
    const d = fs.root.openDirectory("d");
    fs.root.removeDirectoryAt("d");
    expect(d.stat().nlink).toBe(0n);
    expect(d.readDirectory()).toEqual([]);
    expect(errno(() => d.openFile("x", CREATE))).toBe(Errno.NOENT);
    expect(errno(() => d.createDirectoryAt("x"))).toBe(Errno.NOENT);
    expect(errno(() => d.symlinkAt("t", "x"))).toBe(Errno.NOENT);
    create(fs.root, "f");
    expect(errno(() => fs.root.linkAt("f", d, "x"))).toBe(Errno.NOENT);
    expect(errno(() => fs.root.renameAt("f", d, "x"))).toBe(Errno.NOENT);
    expect(errno(() => d.statAt("x"))).toBe(Errno.NOENT);
  });
});

describe("hard links", () => {
  it("counts names and shares data", () => {
    const fs = MemFS.from({ f: "data", sub: {} });
    const sub = fs.root.openDirectory("sub");
    fs.root.linkAt("f", sub, "g");
    expect(fs.root.statAt("f").nlink).toBe(2n);
    expect(sub.statAt("g").ino).toBe(fs.root.statAt("f").ino);
    fs.writeFile("sub/g", "new");
    expect(fs.readText("f")).toBe("new");
    fs.root.unlinkFileAt("f");
    expect(sub.statAt("g").nlink).toBe(1n);
    expect(fs.readText("sub/g")).toBe("new");
  });

  it("errors", () => {
    const fs = MemFS.from({ f: "", d: {}, l: { symlink: "nowhere" } });
    expect(errno(() => fs.root.linkAt("d", fs.root, "d2"))).toBe(Errno.PERM);
    expect(errno(() => fs.root.linkAt("f", fs.root, "d"))).toBe(Errno.EXIST);
    expect(errno(() => fs.root.linkAt("nope", fs.root, "x"))).toBe(Errno.NOENT);
    expect(errno(() => fs.root.linkAt("f", new MemFS().root, "x"))).toBe(Errno.XDEV);
    fs.root.linkAt("l", fs.root, "l2");
    expect(fs.root.readlinkAt("l2")).toBe("nowhere");
    expect(fs.root.statAt("l").nlink).toBe(2n);
  });
});

describe("rename", () => {
  it("moves files and directories between directories", () => {
    const fs = MemFS.from({ "a/f": "F", "a/sub/x": "X", b: {} });
    const a = fs.root.openDirectory("a");
    const b = fs.root.openDirectory("b");
    const subIno = a.statAt("sub").ino;
    a.renameAt("f", b, "g");
    a.renameAt("sub", b, "sub2");
    expect(fs.readText("b/g")).toBe("F");
    expect(fs.readText("b/sub2/x")).toBe("X");
    expect(b.statAt("sub2").ino).toBe(subIno);
    expect(fs.list("a")).toEqual([]);
    expect(a.stat().nlink).toBe(2n);
    expect(b.stat().nlink).toBe(3n);
    // The moved directory's ".." now points at b.
    expect(fs.readText("b/sub2/../g")).toBe("F");
  });

  it("file over file replaces it", () => {
    const fs = MemFS.from({ a: "A", b: "B" });
    const old = fs.root.openFile("b", RW);
    fs.root.renameAt("a", fs.root, "b");
    expect(fs.list()).toEqual(["b"]);
    expect(fs.readText("b")).toBe("A");
    expect(old.stat().nlink).toBe(0n);
    expect(readAll(old)).toBe("B");
  });

  it("dir over empty dir replaces it; over non-empty is NOTEMPTY", () => {
    const fs = MemFS.from({ "a/x": "", e: {}, "full/y": "" });
    const e = fs.root.openDirectory("e");
    expect(errno(() => fs.root.renameAt("a", fs.root, "full"))).toBe(Errno.NOTEMPTY);
    fs.root.renameAt("a", fs.root, "e");
    expect(fs.list("e")).toEqual(["x"]);
    expect(e.stat().nlink).toBe(0n);
    expect(errno(() => e.createDirectoryAt("z"))).toBe(Errno.NOENT);
    expect(fs.root.stat().nlink).toBe(4n);
  });

  it("kind mismatches", () => {
    const fs = MemFS.from({ f: "", d: {}, l: { symlink: "d" } });
    expect(errno(() => fs.root.renameAt("f", fs.root, "d"))).toBe(Errno.ISDIR);
    expect(errno(() => fs.root.renameAt("l", fs.root, "d"))).toBe(Errno.ISDIR);
    expect(errno(() => fs.root.renameAt("d", fs.root, "f"))).toBe(Errno.NOTDIR);
    expect(errno(() => fs.root.renameAt("d", fs.root, "l"))).toBe(Errno.NOTDIR);
    expect(errno(() => fs.root.renameAt("nope", fs.root, "x"))).toBe(Errno.NOENT);
    expect(errno(() => fs.root.renameAt("f", new MemFS().root, "x"))).toBe(Errno.XDEV);
    // A handle of another kind of filesystem (here a plain object standing in for one) too, for
    // rename and link alike, and nothing moves.
    const foreign = { ...new MemFS().root } as unknown as DirectoryHandle;
    expect(errno(() => fs.root.renameAt("f", foreign, "x"))).toBe(Errno.XDEV);
    expect(errno(() => fs.root.linkAt("f", foreign, "x"))).toBe(Errno.XDEV);
    expect(fs.root.readDirectory().map((e) => e.name)).toEqual(["f", "d", "l"]);
    // A symlink is renamed itself, over a file.
    fs.root.renameAt("l", fs.root, "f");
    expect(fs.root.readlinkAt("f")).toBe("d");
  });

  it("directory into its own subtree is INVAL", () => {
    const fs = MemFS.from({ "a/b/c": {} });
    const a = fs.root.openDirectory("a");
    const c = a.openDirectory("b").openDirectory("c");
    expect(errno(() => fs.root.renameAt("a", c, "x"))).toBe(Errno.INVAL);
    expect(errno(() => fs.root.renameAt("a", a, "x"))).toBe(Errno.INVAL);
    expect(fs.exists("a/b/c")).toBe(true);
  });

  it("same inode is a no-op", () => {
    const fs = MemFS.from({ f: "x", d: {} });
    fs.root.linkAt("f", fs.root, "g");
    fs.root.renameAt("f", fs.root, "g");
    expect(fs.list()).toEqual(["f", "d", "g"]);
    expect(fs.root.statAt("f").nlink).toBe(2n);
    fs.root.renameAt("f", fs.root, "f");
    fs.root.renameAt("d", fs.root, "d");
    expect(fs.list()).toEqual(["f", "d", "g"]);
  });

  it("updates ctim of the moved inode and both directories", () => {
    const clock = manualClock();
    const fs = MemFS.from({ "a/f": "", b: {} }, clock.options);
    clock.set(5_000n);
    fs.root.openDirectory("a").renameAt("f", fs.root.openDirectory("b"), "f");
    const f = fs.root.openDirectory("b").statAt("f");
    expect(f.ctim).toBe(5_000n);
    expect(f.mtim).toBe(1_000n);
    for (const d of ["a", "b"]) {
      expect(fs.root.statAt(d).mtim).toBe(5_000n);
      expect(fs.root.statAt(d).ctim).toBe(5_000n);
    }
  });
});

describe("file data", () => {
  it("reads at and beyond EOF return 0", () => {
    const fs = MemFS.from({ f: "abc" });
    const f = fs.root.openFile("f", RW);
    const buf = new Uint8Array(10);
    expect(f.read(buf, 1n)).toBe(2);
    expect(dec.decode(buf.subarray(0, 2))).toBe("bc");
    expect(f.read(buf, 3n)).toBe(0);
    expect(f.read(buf, 1n << 62n)).toBe(0);
    expect(f.read(new Uint8Array(0), 0n)).toBe(0);
  });

  it("writes beyond EOF zero-fill the hole", () => {
    const fs = new MemFS();
    const f = create(fs.root, "f", "ab");
    expect(f.write(enc.encode("z"), 5n)).toBe(1);
    expect([...fs.readFile("f")]).toEqual([97, 98, 0, 0, 0, 122]);
    expect(f.stat().size).toBe(6n);
  });

  it("copies written bytes", () => {
    const fs = new MemFS();
    const f = fs.root.openFile("f", CREATE);
    const src = new Uint8Array([1, 2, 3]);
    f.write(src, 0n);
    src[0] = 9;
    expect([...fs.readFile("f")]).toEqual([1, 2, 3]);
  });

  it("setSize truncates and extends with zeros, never old bytes", () => {
    const fs = new MemFS();
    const f = create(fs.root, "f", "abcdefgh");
    f.setSize(2n);
    expect(fs.readText("f")).toBe("ab");
    f.setSize(6n);
    expect([...fs.readFile("f")]).toEqual([97, 98, 0, 0, 0, 0]);
    // Holes after a shrink by a small amount (the buffer is kept) are zero too.
    const g = create(fs.root, "g", "x".repeat(100));
    g.setSize(90n);
    g.write(enc.encode("y"), 99n);
    const data = fs.readFile("g");
    expect(data.subarray(90, 99).every((b) => b === 0)).toBe(true);
    f.setSize(0n);
    f.setSize(3n);
    expect([...fs.readFile("f")]).toEqual([0, 0, 0]);
  });

  it("truncate on open", () => {
    const fs = MemFS.from({ f: "abc" });
    fs.root.openFile("f", { ...RW, truncate: true });
    expect(fs.root.statAt("f").size).toBe(0n);
  });

  it("many small appends grow geometrically and keep content", () => {
    const fs = new MemFS();
    const f = fs.root.openFile("f", CREATE);
    const chunk = new Uint8Array(7).fill(1);
    let size = 0n;
    for (let i = 0; i < 20_000; i++) size += BigInt(f.write(chunk, size));
    expect(f.stat().size).toBe(140_000n);
    const all = fs.readFile("f");
    expect(all.length).toBe(140_000);
    expect(all.every((b) => b === 1)).toBe(true);
  });

  it("sizes beyond the limit are FBIG", () => {
    const fs = new MemFS();
    const f = fs.root.openFile("f", CREATE);
    expect(errno(() => f.setSize(BigInt(MAX_FILE_SIZE) + 1n))).toBe(Errno.FBIG);
    expect(errno(() => f.write(new Uint8Array(1), BigInt(MAX_FILE_SIZE)))).toBe(Errno.FBIG);
    expect(errno(() => f.write(new Uint8Array(1), 1n << 63n))).toBe(Errno.FBIG);
    expect(f.write(new Uint8Array(0), 1n << 63n)).toBe(0);
    expect(f.stat().size).toBe(0n);
    expect(errno(() => f.setSize(-1n))).toBe(Errno.INVAL);
  });

  it("allocate extends but never shrinks", () => {
    const fs = MemFS.from({ f: "abcdef" });
    const f = fs.root.openFile("f", RW);
    f.allocate?.(0n, 3n);
    expect(f.stat().size).toBe(6n);
    f.allocate?.(4n, 6n);
    expect(f.stat().size).toBe(10n);
  });
});

describe("times", () => {
  it("creation sets all times and touches the parent", () => {
    const clock = manualClock();
    const fs = new MemFS(clock.options);
    clock.set(2_000n);
    const f = create(fs.root, "f");
    expect(f.stat()).toMatchObject({ atim: 2_000n, mtim: 2_000n, ctim: 2_000n });
    expect(fs.root.stat()).toMatchObject({ atim: 1_000n, mtim: 2_000n, ctim: 2_000n });
  });

  it("write and setSize update mtim and ctim; read updates nothing", () => {
    const clock = manualClock();
    const fs = MemFS.from({ f: "abc" }, clock.options);
    const f = fs.root.openFile("f", RW);
    clock.set(3_000n);
    f.read(new Uint8Array(3), 0n);
    expect(f.stat()).toMatchObject({ atim: 1_000n, mtim: 1_000n, ctim: 1_000n });
    f.write(enc.encode("x"), 0n);
    expect(f.stat()).toMatchObject({ atim: 1_000n, mtim: 3_000n, ctim: 3_000n });
    clock.set(4_000n);
    f.setSize(1n);
    expect(f.stat()).toMatchObject({ mtim: 4_000n, ctim: 4_000n });
    clock.set(5_000n);
    fs.root.openFile("f", { ...RW, truncate: true });
    expect(f.stat()).toMatchObject({ mtim: 5_000n, ctim: 5_000n });
  });

  it("setTimes keeps full precision, null leaves a time, ctim moves", () => {
    const clock = manualClock();
    const fs = MemFS.from({ f: "", l: { symlink: "f" } }, clock.options);
    const f = fs.root.openFile("f", RW);
    clock.set(7_000n);
    f.setTimes(1_234_567_890_123_456_789n, null);
    expect(f.stat()).toMatchObject({ atim: 1_234_567_890_123_456_789n, mtim: 1_000n, ctim: 7_000n });
    f.setTimes(null, 42n);
    expect(f.stat()).toMatchObject({ atim: 1_234_567_890_123_456_789n, mtim: 42n });
    fs.root.setTimesAt("l", 5n, 6n);
    expect(fs.root.statAt("l")).toMatchObject({ atim: 5n, mtim: 6n, ctim: 7_000n });
    expect(fs.root.statAt("f").mtim).toBe(42n);
    fs.root.setTimes(8n, 9n);
    expect(fs.root.stat()).toMatchObject({ atim: 8n, mtim: 9n });
    expect(errno(() => fs.root.setTimesAt("nope", 1n, 1n))).toBe(Errno.NOENT);
  });

  it("link count changes update ctim", () => {
    const clock = manualClock();
    const fs = MemFS.from({ f: "" }, clock.options);
    const f = fs.root.openFile("f", RW);
    clock.set(2_000n);
    fs.root.linkAt("f", fs.root, "g");
    expect(f.stat()).toMatchObject({ mtim: 1_000n, ctim: 2_000n });
    clock.set(3_000n);
    fs.root.unlinkFileAt("g");
    expect(f.stat().ctim).toBe(3_000n);
    expect(fs.root.stat()).toMatchObject({ mtim: 3_000n, ctim: 3_000n });
  });

  it("default clock is close to Date.now", () => {
    const t = new MemFS().root.stat().mtim;
    const ms = Number(t / 1_000_000n);
    expect(Math.abs(ms - Date.now())).toBeLessThan(1_000);
  });
});

describe("host API", () => {
  it("from / toObject round trip", () => {
    const fs = MemFS.from({
      "dir/a.txt": "text",
      "dir/bin": new Uint8Array([1, 2]),
      emptydir: {},
      lnk: { symlink: "dir/a.txt" },
      "deep/er/x": "",
    });
    expect(fs.toObject()).toEqual({
      "dir/a.txt": enc.encode("text"),
      "dir/bin": new Uint8Array([1, 2]),
      emptydir: {},
      lnk: { symlink: "dir/a.txt" },
      "deep/er/x": new Uint8Array(0),
    });
    expect(MemFS.from(fs.toObject()).toObject()).toEqual(fs.toObject());
    expect(new MemFS().toObject()).toEqual({});
  });

  it("paths follow symlinks", () => {
    const fs = MemFS.from({ "dir/a.txt": "text", lnk: { symlink: "dir/a.txt" }, dl: { symlink: "dir" }, abs: { symlink: "/dir" } });
    expect(fs.readText("lnk")).toBe("text");
    expect(fs.readText("/dl/a.txt")).toBe("text");
    // Host paths follow the guest's rules: an absolute symlink target leads out of the root.
    expect(errno(() => fs.readText("abs/a.txt"))).toBe(Errno.PERM);
    expect(fs.list("dl")).toEqual(["a.txt"]);
    fs.writeFile("lnk", "new");
    expect(fs.readText("dir/a.txt")).toBe("new");
    expect(fs.root.readlinkAt("lnk")).toBe("dir/a.txt");
    fs.writeFile("dl/b", "b");
    expect(fs.list("dir")).toEqual(["a.txt", "b"]);
    expect(fs.readText("dir/./../dir/b")).toBe("b");
  });

  it("errors for bad paths", () => {
    const fs = MemFS.from({ f: "x", d: {}, loop: { symlink: "loop" }, dangling: { symlink: "nope" } });
    expect(errno(() => fs.readFile("nope"))).toBe(Errno.NOENT);
    expect(errno(() => fs.readFile("d"))).toBe(Errno.ISDIR);
    expect(errno(() => fs.readFile("f/x"))).toBe(Errno.NOTDIR);
    expect(errno(() => fs.readFile("loop"))).toBe(Errno.LOOP);
    expect(errno(() => fs.list("f"))).toBe(Errno.NOTDIR);
    expect(errno(() => fs.mkdir("f"))).toBe(Errno.EXIST);
    expect(errno(() => fs.mkdir("f/x"))).toBe(Errno.NOTDIR);
    expect(errno(() => fs.writeFile("d", "x"))).toBe(Errno.ISDIR);
    fs.writeFile("dangling", "x"); // as open(O_CREAT) through a dangling symlink: creates its target
    expect(fs.readText("nope")).toBe("x");
    expect(errno(() => fs.symlink("x", "f"))).toBe(Errno.EXIST);
    expect(errno(() => fs.writeFile("", "x"))).toBe(Errno.INVAL);
  });

  it("mkdir is recursive and idempotent; exists does not follow the last symlink", () => {
    const fs = new MemFS();
    fs.mkdir("a/b/c");
    fs.mkdir("a/b");
    expect(fs.list("a/b")).toEqual(["c"]);
    fs.symlink("missing", "a/s");
    expect(fs.exists("a/s")).toBe(true);
    expect(fs.exists("a/s/x")).toBe(false);
    expect(fs.exists("a/b/c")).toBe(true);
    expect(fs.exists("zz")).toBe(false);
    expect(fs.exists("")).toBe(true);
  });

  it("readFile returns a copy", () => {
    const fs = MemFS.from({ f: "abc" });
    fs.readFile("f")[0] = 0;
    expect(fs.readText("f")).toBe("abc");
  });
});
