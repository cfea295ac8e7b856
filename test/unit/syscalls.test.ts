/** Behaviour of the syscalls through `wasiImport`, driven without a compiled module. */
import { describe, expect, it } from "vitest";
import {
  ClockId, Errno, EventType, FdFlags, FstFlags, MemFS, OFlags, OutputCollector, ProcExit, Rights, SubClockFlags,
  Whence, WASI, blockingSleep, systemClock, type Clock,
} from "../../packages/core/src/index.js";
import { hex, instantiate, open, read, setup, write, PAGE, type Env } from "./harness.js";

const dec = new TextDecoder();

/** (module (import "wasi_snapshot_preview1" "proc_exit" ...) (memory (export "memory") 1)
 *   (func (export "_start") (call $proc_exit (i32.const 42)) unreachable)) */
const EXIT_42 = hex("0061736d0100000001080260017f0060000002240116776173695f736e617073686f745f70726576696577310970726f635f657869740000030201010503010001071302066d656d6f72790200065f737461727400010a09010700412a1000000b");

describe("stdio are ordinary descriptors", () => {
  it("fd_renumber(1, 5) with 5 not open is BADF and leaves stdout where it was (wasi-testsuite, wasmtime)", () => {
    const out = new OutputCollector();
    const e = setup({ stdout: out });
    expect(e.w.fd_renumber(1, 5)).toBe(Errno.BADF);
    expect(e.w.fd_fdstat_get(5, e.alloc(24))).toBe(Errno.BADF);
    expect(write(e, 1, "kept")).toEqual([0, 4]);
    expect(out.text()).toBe("kept");
  });

  it("fd_renumber onto an open descriptor closes it first", () => {
    const out = new OutputCollector();
    const fs = MemFS.from({ a: "", b: "" });
    const e = setup({ stdout: out, preopens: { "/": fs.root } });
    expect(open(e, "a")).toBe(4);
    expect(open(e, "b")).toBe(5);
    expect(e.w.fd_renumber(1, 5)).toBe(0);
    expect(write(e, 5, "moved")).toEqual([0, 5]);
    expect(out.text()).toBe("moved");
    expect(fs.readText("b")).toBe(""); // the file that was at 5 got closed, not written
    expect(open(e, "a")).toBe(1); // 1 is the lowest free number now
  });

  it("fd_renumber from a closed descriptor is BADF; onto itself is a no-op", () => {
    const out = new OutputCollector();
    const e = setup({ stdout: out });
    expect(e.w.fd_renumber(9, 1)).toBe(Errno.BADF);
    expect(e.w.fd_renumber(1, 1)).toBe(0);
    expect(write(e, 1, "still")).toEqual([0, 5]);
    expect(out.text()).toBe("still");
  });

  it("fd_renumber to fd 0xFFFFFFFF (passed by wasm as the i32 -1) is BADF and keeps the descriptor", () => {
    const out = new OutputCollector();
    const e = setup({ stdout: out });
    expect(e.w.fd_renumber(1, 0xffff_ffff | 0)).toBe(Errno.BADF);
    expect(write(e, 1, "kept")).toEqual([0, 4]);
    expect(out.text()).toBe("kept");
  });

  it("fd_close(0) frees 0: the next path_open returns 0 and reads the file", () => {
    const fs = MemFS.from({ "in.txt": "data" });
    const e = setup({ stdin: "stdin text", preopens: { "/": fs.root } });
    expect(e.w.fd_close(0)).toBe(0);
    expect(read(e, 0, 10)[0]).toBe(Errno.BADF);
    expect(open(e, "in.txt")).toBe(0);
    expect(read(e, 0, 10)).toEqual([0, "data"]);
    expect(e.w.fd_close(0)).toBe(0);
    expect(e.w.fd_close(0)).toBe(Errno.BADF);
  });

  it("a preopen can be closed too", () => {
    const e = setup({ preopens: { "/": MemFS.from({ f: "" }).root } });
    expect(e.w.fd_close(3)).toBe(0);
    const [p, len] = e.put("f");
    expect(e.w.path_open(3, 0, p, len, 0, 0n, 0n, 0, e.alloc(4))).toBe(Errno.BADF);
    expect(e.w.fd_prestat_get(3, e.alloc(8))).toBe(Errno.BADF);
  });
});

describe("fd_readdir paging", () => {
  interface Ent { next: bigint; ino: bigint; type: number; name: string }
  /** Parse the complete entries of a buffer. */
  function parse(e: Env, buf: number, used: number): Ent[] {
    const out: Ent[] = [];
    let off = 0;
    while (off + 24 <= used) {
      const namlen = e.u32(buf + off + 16);
      if (off + 24 + namlen > used) break;
      out.push({ next: e.u64(buf + off), ino: e.u64(buf + off + 8), type: e.u8()[buf + off + 20]!, name: e.text(buf + off + 24, namlen) });
      off += 24 + namlen;
    }
    return out;
  }

  function hundred(): { fs: MemFS; names: string[] } {
    const names = Array.from({ length: 100 }, (_, i) => `file-${String(i).padStart(3, "0")}`);
    const tree: Record<string, string> = {};
    for (const n of names) tree[`d/${n}`] = n;
    return { fs: MemFS.from(tree), names };
  }

  it("100 entries through a 64-byte buffer: each exactly once, . and .. first, bufused == len when cut", () => {
    const { fs, names } = hundred();
    const e = setup({ preopens: { "/": fs.root } });
    const fd = open(e, "d", { oflags: OFlags.DIRECTORY });
    const LEN = 64;
    const buf = e.alloc(LEN + 16);
    const usedPtr = e.alloc(4);
    const seen: Ent[] = [];
    let cookie = 0n;
    let calls = 0;
    for (;;) {
      e.u8().fill(0xaa, buf, buf + LEN + 16);
      expect(e.w.fd_readdir(fd, buf, LEN, cookie, usedPtr)).toBe(0);
      const used = e.u32(usedPtr);
      expect(used).toBeLessThanOrEqual(LEN);
      expect(e.u8()[buf + LEN]).toBe(0xaa); // never past len
      const ents = parse(e, buf, used);
      calls++;
      if (used < LEN) {
        seen.push(...ents);
        break;
      }
      expect(ents.length).toBeGreaterThan(0); // 64 bytes always hold one 33-byte entry
      seen.push(...ents);
      cookie = ents[ents.length - 1]!.next;
      expect(calls).toBeLessThan(200);
    }
    expect(seen.map((x) => x.name)).toEqual([".", "..", ...names]);
    expect(seen.map((x) => x.next)).toEqual(seen.map((_, i) => BigInt(i + 1)));
    expect(seen[0]!.ino).toBe(fs.root.statAt("d").ino);
    expect(seen[1]!.ino).toBe(fs.root.stat().ino); // .. of an opened subdirectory is its parent
    expect(calls).toBeGreaterThan(50);
  });

  it("a buffer smaller than a header gets the first bytes of the first entry", () => {
    const { fs } = hundred();
    const e = setup({ preopens: { "/": fs.root } });
    const buf = e.alloc(32);
    e.u8().fill(0xaa, buf, buf + 32);
    const usedPtr = e.alloc(4);
    expect(e.w.fd_readdir(3, buf, 10, 0n, usedPtr)).toBe(0);
    expect(e.u32(usedPtr)).toBe(10);
    const ino = fs.root.stat().ino;
    const head = new Uint8Array(16);
    new DataView(head.buffer).setBigUint64(0, 1n, true);
    new DataView(head.buffer).setBigUint64(8, ino, true);
    expect(Array.from(e.bytes(buf, 10))).toEqual(Array.from(head.subarray(0, 10)));
    expect(e.u8()[buf + 10]).toBe(0xaa);
  });

  it("cookies resume anywhere; a cookie past the end gives 0 bytes", () => {
    const { fs, names } = hundred();
    const e = setup({ preopens: { "/": fs.root } });
    const fd = open(e, "d", { oflags: OFlags.DIRECTORY });
    const buf = e.alloc(4096);
    const usedPtr = e.alloc(4);
    expect(e.w.fd_readdir(fd, buf, 4096, 0n, usedPtr)).toBe(0);
    expect(e.w.fd_readdir(fd, buf, 4096, 50n, usedPtr)).toBe(0);
    const ents = parse(e, buf, e.u32(usedPtr));
    expect(ents[0]!.name).toBe(names[48]);
    expect(ents[0]!.next).toBe(51n);
    expect(e.w.fd_readdir(fd, buf, 4096, 102n, usedPtr)).toBe(0);
    expect(e.u32(usedPtr)).toBe(0);
    expect(e.w.fd_readdir(fd, buf, 4096, 0xffff_ffff_ffffn, usedPtr)).toBe(0);
    expect(e.u32(usedPtr)).toBe(0);
    expect(e.w.fd_readdir(fd, buf, 0, 0n, usedPtr)).toBe(0);
    expect(e.u32(usedPtr)).toBe(0);
  });

  it("on a file is NOTDIR; without FD_READDIR is NOTCAPABLE", () => {
    const fs = MemFS.from({ f: "", d: {} });
    const e = setup({ preopens: { "/": fs.root } });
    const f = open(e, "f");
    expect(e.w.fd_readdir(f, e.alloc(64), 64, 0n, e.alloc(4))).toBe(Errno.NOTDIR);
    const d = open(e, "d", { oflags: OFlags.DIRECTORY, rights: BigInt(Rights.PATH_OPEN) });
    expect(e.w.fd_readdir(d, e.alloc(64), 64, 0n, e.alloc(4))).toBe(Errno.NOTCAPABLE);
  });
});

describe("O_APPEND", () => {
  it("writes go to the end whatever the cursor; pwrite appends too; clearing the flag restores positional writes", () => {
    const fs = MemFS.from({ log: "abc" });
    const e = setup({ preopens: { "/": fs.root } });
    const fd = open(e, "log", { fdflags: FdFlags.APPEND });
    const off = e.alloc(8);
    expect(e.w.fd_seek(fd, 0n, Whence.SET, off)).toBe(0);
    expect(write(e, fd, "XY")).toEqual([0, 2]);
    expect(fs.readText("log")).toBe("abcXY");
    expect(e.w.fd_tell(fd, off)).toBe(0);
    expect(e.u64(off)).toBe(5n);
    const [iovs] = e.iov("Z");
    const n = e.alloc(4);
    expect(e.w.fd_pwrite(fd, iovs, 1, 0n, n)).toBe(0);
    expect(fs.readText("log")).toBe("abcXYZ");
    expect(e.w.fd_tell(fd, off)).toBe(0);
    expect(e.u64(off)).toBe(5n); // pwrite never moves the cursor
    const st = e.alloc(24);
    expect(e.w.fd_fdstat_get(fd, st)).toBe(0);
    expect(e.dv().getUint16(st + 2, true)).toBe(FdFlags.APPEND);
    expect(e.w.fd_fdstat_set_flags(fd, 0)).toBe(0);
    expect(e.w.fd_seek(fd, 0n, Whence.SET, off)).toBe(0);
    expect(write(e, fd, "Q")).toEqual([0, 1]);
    expect(fs.readText("log")).toBe("QbcXYZ");
    expect(e.w.fd_fdstat_set_flags(fd, FdFlags.APPEND)).toBe(0);
    expect(write(e, fd, "!")).toEqual([0, 1]);
    expect(fs.readText("log")).toBe("QbcXYZ!");
    expect(e.w.fd_fdstat_set_flags(fd, 0x20)).toBe(Errno.INVAL);
  });

  it("two descriptors appending interleave without overwriting", () => {
    const fs = MemFS.from({ log: "" });
    const e = setup({ preopens: { "/": fs.root } });
    const a = open(e, "log", { fdflags: FdFlags.APPEND });
    const b = open(e, "log", { fdflags: FdFlags.APPEND });
    write(e, a, "1");
    write(e, b, "2");
    write(e, a, "3");
    expect(fs.readText("log")).toBe("123");
  });
});

describe("cursor rules: fd_seek, fd_tell, fd_pread, fd_pwrite", () => {
  function fileEnv(): { e: Env; fs: MemFS; fd: number; off: number } {
    const fs = MemFS.from({ f: "0123456789" });
    const e = setup({ preopens: { "/": fs.root } });
    return { e, fs, fd: open(e, "f"), off: e.alloc(8) };
  }
  const tell = (e: Env, fd: number, off: number): bigint => {
    expect(e.w.fd_tell(fd, off)).toBe(0);
    return e.u64(off);
  };

  it("read advances; pread and pwrite neither use nor move the cursor", () => {
    const { e, fs, fd, off } = fileEnv();
    expect(read(e, fd, 3)).toEqual([0, "012"]);
    expect(tell(e, fd, off)).toBe(3n);
    const [iovs, buf] = e.iov(2);
    const n = e.alloc(4);
    expect(e.w.fd_pread(fd, iovs, 1, 7n, n)).toBe(0);
    expect(e.text(buf, e.u32(n))).toBe("78");
    expect(tell(e, fd, off)).toBe(3n);
    const [wiovs] = e.iov("ab");
    expect(e.w.fd_pwrite(fd, wiovs, 1, 1n, n)).toBe(0);
    expect(e.u32(n)).toBe(2);
    expect(fs.readText("f")).toBe("0ab3456789");
    expect(tell(e, fd, off)).toBe(3n);
    expect(read(e, fd, 2)).toEqual([0, "34"]);
    // pread at or past the end reads nothing
    expect(e.w.fd_pread(fd, iovs, 1, 10n, n)).toBe(0);
    expect(e.u32(n)).toBe(0);
    expect(e.w.fd_pread(fd, iovs, 1, 1000n, n)).toBe(0);
    expect(e.u32(n)).toBe(0);
    // offsets above 2^63-1 (negative as i64) are INVAL
    expect(e.w.fd_pread(fd, iovs, 1, -1n, n)).toBe(Errno.INVAL);
    expect(e.w.fd_pwrite(fd, wiovs, 1, -1n, n)).toBe(Errno.INVAL);
  });

  it("fd_seek SET, CUR, END and the new offset", () => {
    const { e, fd, off } = fileEnv();
    expect(e.w.fd_seek(fd, 4n, Whence.SET, off)).toBe(0);
    expect(e.u64(off)).toBe(4n);
    expect(e.w.fd_seek(fd, 2n, Whence.CUR, off)).toBe(0);
    expect(e.u64(off)).toBe(6n);
    expect(e.w.fd_seek(fd, -1n, Whence.END, off)).toBe(0);
    expect(e.u64(off)).toBe(9n);
    expect(read(e, fd, 5)).toEqual([0, "9"]);
    expect(e.w.fd_seek(fd, -3n, Whence.CUR, off)).toBe(0);
    expect(e.u64(off)).toBe(7n);
  });

  it("a negative result or a bad whence is INVAL and leaves the cursor", () => {
    const { e, fd, off } = fileEnv();
    expect(e.w.fd_seek(fd, 5n, Whence.SET, off)).toBe(0);
    e.dv().setBigUint64(off, 0xdeadn, true);
    expect(e.w.fd_seek(fd, -6n, Whence.CUR, off)).toBe(Errno.INVAL);
    expect(e.w.fd_seek(fd, -11n, Whence.END, off)).toBe(Errno.INVAL);
    expect(e.w.fd_seek(fd, -1n, Whence.SET, off)).toBe(Errno.INVAL);
    expect(e.w.fd_seek(fd, 0n, 3, off)).toBe(Errno.INVAL);
    expect(e.u64(off)).toBe(0xdeadn); // not written on failure
    expect(tell(e, fd, off)).toBe(5n);
  });

  it("seeking past the end then writing leaves a zero-filled hole", () => {
    const { e, fs, fd, off } = fileEnv();
    expect(e.w.fd_seek(fd, 20n, Whence.SET, off)).toBe(0);
    expect(read(e, fd, 4)).toEqual([0, ""]);
    expect(write(e, fd, "x")).toEqual([0, 1]);
    const bytes = fs.readFile("f");
    expect(bytes.length).toBe(21);
    expect(Array.from(bytes.subarray(10, 20))).toEqual(new Array(10).fill(0));
    expect(tell(e, fd, off)).toBe(21n);
  });

  it("streams are not seekable (SPIPE); directories are ISDIR", () => {
    const { e, off } = fileEnv();
    expect(e.w.fd_seek(1, 0n, Whence.CUR, off)).toBe(Errno.SPIPE);
    expect(e.w.fd_tell(0, off)).toBe(Errno.SPIPE);
    const [iovs] = e.iov(4);
    expect(e.w.fd_pread(0, iovs, 1, 0n, e.alloc(4))).toBe(Errno.SPIPE);
    expect(e.w.fd_pwrite(1, iovs, 1, 0n, e.alloc(4))).toBe(Errno.SPIPE);
    expect(e.w.fd_seek(3, 0n, Whence.SET, off)).toBe(Errno.ISDIR);
  });

  it("fd_tell needs only FD_TELL, fd_seek needs FD_SEEK (except seek(0, CUR))", () => {
    const { e, fd, off } = fileEnv();
    expect(e.w.fd_fdstat_set_rights(fd, BigInt(Rights.FD_TELL | Rights.FD_READ), 0n)).toBe(0);
    expect(e.w.fd_seek(fd, 1n, Whence.SET, off)).toBe(Errno.NOTCAPABLE);
    expect(e.w.fd_seek(fd, 0n, Whence.CUR, off)).toBe(0);
    expect(tell(e, fd, off)).toBe(0n);
    const [iovs] = e.iov(2);
    expect(e.w.fd_pread(fd, iovs, 1, 0n, e.alloc(4))).toBe(Errno.NOTCAPABLE);
  });
});

describe("rights", () => {
  it("narrowing with fd_fdstat_set_rights removes abilities; adding them back is NOTCAPABLE", () => {
    const fs = MemFS.from({ f: "abc" });
    const e = setup({ preopens: { "/": fs.root } });
    const fd = open(e, "f");
    const st = e.alloc(24);
    expect(e.w.fd_fdstat_get(fd, st)).toBe(0);
    const before = e.u64(st + 8);
    expect(before & BigInt(Rights.FD_WRITE)).not.toBe(0n);
    const narrowed = before & ~BigInt(Rights.FD_WRITE);
    expect(e.w.fd_fdstat_set_rights(fd, narrowed, 0n)).toBe(0);
    expect(write(e, fd, "x")[0]).toBe(Errno.NOTCAPABLE);
    expect(read(e, fd, 3)).toEqual([0, "abc"]);
    expect(e.w.fd_fdstat_get(fd, st)).toBe(0);
    expect(e.u64(st + 8)).toBe(narrowed);
    expect(e.w.fd_fdstat_set_rights(fd, before, 0n)).toBe(Errno.NOTCAPABLE);
    expect(e.w.fd_fdstat_set_rights(fd, narrowed, BigInt(Rights.FD_READ))).toBe(Errno.NOTCAPABLE);
    expect(e.w.fd_fdstat_get(fd, st)).toBe(0);
    expect(e.u64(st + 8)).toBe(narrowed);
    expect(fs.readText("f")).toBe("abc");
  });

  it("a bit outside the defined rights is NOTCAPABLE", () => {
    const e = setup();
    expect(e.w.fd_fdstat_set_rights(1, 1n << 40n, 0n)).toBe(Errno.NOTCAPABLE);
    expect(e.w.fd_fdstat_set_rights(1, -1n, 0n)).toBe(Errno.NOTCAPABLE);
  });

  it("a directory's inheriting rights bound what path_open hands out", () => {
    const fs = MemFS.from({ f: "abc" });
    const e = setup({ preopens: { "/": fs.root } });
    const st = e.alloc(24);
    expect(e.w.fd_fdstat_get(3, st)).toBe(0);
    const base = e.u64(st + 8);
    const inh = e.u64(st + 16) & ~BigInt(Rights.FD_WRITE);
    expect(e.w.fd_fdstat_set_rights(3, base, inh)).toBe(0);
    const fd = open(e, "f"); // asks for everything
    expect(write(e, fd, "x")[0]).toBe(Errno.NOTCAPABLE);
    expect(e.w.fd_fdstat_get(fd, st)).toBe(0);
    expect(e.u64(st + 8) & BigInt(Rights.FD_WRITE)).toBe(0n);
    // removing PATH_OPEN from the directory forbids opening at all
    expect(e.w.fd_fdstat_set_rights(3, base & ~BigInt(Rights.PATH_OPEN), inh)).toBe(0);
    const [p, len] = e.put("f");
    expect(e.w.path_open(3, 0, p, len, 0, 0n, 0n, 0, e.alloc(4))).toBe(Errno.NOTCAPABLE);
  });

  it("stdout has no FD_READ, stdin no FD_WRITE", () => {
    const e = setup({ stdin: "in" });
    expect(read(e, 1, 4)[0]).toBe(Errno.NOTCAPABLE);
    expect(write(e, 0, "x")[0]).toBe(Errno.NOTCAPABLE);
  });
});

describe("fd_filestat_set_times", () => {
  const FS_NOW = 1_000_000_000_000n;
  const CLOCK_NOW = 1_700_000_000_123_456_789n;
  const clock: Clock = { now: (id) => (id === ClockId.REALTIME ? CLOCK_NOW : 5n), resolution: () => 1n };

  function env(): { e: Env; fs: MemFS; fd: number } {
    const fs = MemFS.from({ f: "x" }, { now: () => FS_NOW });
    const e = setup({ preopens: { "/": fs.root }, clock });
    return { e, fs, fd: open(e, "f") };
  }
  function times(e: Env, fd: number): [bigint, bigint, bigint] {
    const p = e.alloc(64);
    expect(e.w.fd_filestat_get(fd, p)).toBe(0);
    return [e.u64(p + 40), e.u64(p + 48), e.u64(p + 56)];
  }

  it("sets exact nanoseconds, each independently", () => {
    const { e, fd } = env();
    expect(e.w.fd_filestat_set_times(fd, 123_456_789_012_345_678n, 0n, FstFlags.ATIM)).toBe(0);
    expect(times(e, fd)).toEqual([123_456_789_012_345_678n, FS_NOW, FS_NOW]);
    expect(e.w.fd_filestat_set_times(fd, 0n, 987_654_321_987_654_321n, FstFlags.MTIM)).toBe(0);
    expect(times(e, fd)).toEqual([123_456_789_012_345_678n, 987_654_321_987_654_321n, FS_NOW]);
    expect(e.w.fd_filestat_set_times(fd, 1n, 2n, FstFlags.ATIM | FstFlags.MTIM)).toBe(0);
    expect(times(e, fd)).toEqual([1n, 2n, FS_NOW]);
    // no flags: nothing changes
    expect(e.w.fd_filestat_set_times(fd, 7n, 7n, 0)).toBe(0);
    expect(times(e, fd)).toEqual([1n, 2n, FS_NOW]);
  });

  it("large u64 values survive (passed as negative i64)", () => {
    const { e, fd } = env();
    expect(e.w.fd_filestat_set_times(fd, -2n, -3n, FstFlags.ATIM | FstFlags.MTIM)).toBe(0);
    expect(times(e, fd).slice(0, 2)).toEqual([0xffff_ffff_ffff_fffen, 0xffff_ffff_ffff_fffdn]);
  });

  it("*_NOW takes the WASI realtime clock", () => {
    const { e, fd } = env();
    expect(e.w.fd_filestat_set_times(fd, 1n, 2n, FstFlags.ATIM_NOW)).toBe(0);
    expect(times(e, fd).slice(0, 2)).toEqual([CLOCK_NOW, FS_NOW]);
    expect(e.w.fd_filestat_set_times(fd, 1n, 2n, FstFlags.MTIM_NOW | FstFlags.ATIM)).toBe(0);
    expect(times(e, fd).slice(0, 2)).toEqual([1n, CLOCK_NOW]);
  });

  it("X with X_NOW, or an unknown bit, is INVAL and changes nothing", () => {
    const { e, fd } = env();
    for (const flags of [FstFlags.ATIM | FstFlags.ATIM_NOW, FstFlags.MTIM | FstFlags.MTIM_NOW, 16, FstFlags.ATIM | 32]) {
      expect(e.w.fd_filestat_set_times(fd, 1n, 2n, flags)).toBe(Errno.INVAL);
    }
    expect(times(e, fd)).toEqual([FS_NOW, FS_NOW, FS_NOW]);
  });

  it("on the preopened directory works; on stdout (no FD_FILESTAT_SET_TIMES right) is NOTCAPABLE", () => {
    const { e, fs } = env();
    expect(e.w.fd_filestat_set_times(3, 11n, 22n, FstFlags.ATIM | FstFlags.MTIM)).toBe(0);
    expect(fs.root.stat().atim).toBe(11n);
    expect(fs.root.stat().mtim).toBe(22n);
    expect(e.w.fd_filestat_set_times(1, 11n, 22n, FstFlags.ATIM)).toBe(Errno.NOTCAPABLE);
    expect(e.w.fd_filestat_set_times(9, 11n, 22n, FstFlags.ATIM)).toBe(Errno.BADF);
  });
});

describe("poll_oneoff", () => {
  function clockSub(e: Env, p: number, userdata: bigint, id: number, timeout: bigint, flags = 0): void {
    const dv = e.dv();
    dv.setBigUint64(p, userdata, true);
    dv.setUint8(p + 8, EventType.CLOCK);
    dv.setUint32(p + 16, id, true);
    dv.setBigUint64(p + 24, timeout, true);
    dv.setBigUint64(p + 32, 0n, true);
    dv.setUint16(p + 40, flags, true);
  }
  function fdSub(e: Env, p: number, userdata: bigint, type: number, fd: number): void {
    e.dv().setBigUint64(p, userdata, true);
    e.dv().setUint8(p + 8, type);
    e.dv().setUint32(p + 16, fd, true);
  }

  it("zero subscriptions is INVAL", () => {
    const e = setup();
    const nev = e.alloc(4);
    e.dv().setUint32(nev, 77, true);
    expect(e.w.poll_oneoff(e.alloc(48), e.alloc(32), 0, nev)).toBe(Errno.INVAL);
    expect(e.u32(nev)).toBe(77);
  });

  it("two relative clocks: only the earliest is reported, after its timeout", () => {
    const e = setup();
    const subs = e.alloc(96);
    clockSub(e, subs, 1n, ClockId.MONOTONIC, 20_000_000n); // 20 ms
    clockSub(e, subs + 48, 2n, ClockId.MONOTONIC, 30_000_000_000n); // 30 s
    const out = e.alloc(64);
    const nev = e.alloc(4);
    const t0 = performance.now();
    expect(e.w.poll_oneoff(subs, out, 2, nev)).toBe(0);
    const ms = performance.now() - t0;
    expect(e.u32(nev)).toBe(1);
    expect(e.u64(out)).toBe(1n);
    expect(e.dv().getUint16(out + 8, true)).toBe(0);
    expect(e.u8()[out + 10]).toBe(EventType.CLOCK);
    expect(ms).toBeGreaterThanOrEqual(19);
    expect(ms).toBeLessThan(5000);
  });

  it("an absolute realtime deadline in the past fires at once", () => {
    const e = setup();
    const subs = e.alloc(48);
    // 30 s after the epoch: a poll that took it for a relative timeout would wait 30 s, so a
    // bound of a third of that shows it did not wait, with room for a loaded machine.
    clockSub(e, subs, 9n, ClockId.REALTIME, 30_000_000_000n /* 1970 */, SubClockFlags.ABSTIME);
    const out = e.alloc(32);
    const nev = e.alloc(4);
    const t0 = performance.now();
    expect(e.w.poll_oneoff(subs, out, 1, nev)).toBe(0);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(e.u32(nev)).toBe(1);
    expect(e.u64(out)).toBe(9n);
    expect(e.dv().getUint16(out + 8, true)).toBe(0);
  });

  it("an absolute monotonic deadline a little in the future waits for it", () => {
    const clock: Clock = {
      now: (id) => (id === ClockId.REALTIME ? BigInt(Date.now()) * 1_000_000n : BigInt(Math.round(performance.now() * 1e6))),
      resolution: () => 1000n,
    };
    const e = setup({ clock });
    const subs = e.alloc(48);
    const deadline = clock.now(ClockId.MONOTONIC) + 15_000_000n;
    clockSub(e, subs, 3n, ClockId.MONOTONIC, deadline, SubClockFlags.ABSTIME);
    const out = e.alloc(32);
    const nev = e.alloc(4);
    expect(e.w.poll_oneoff(subs, out, 1, nev)).toBe(0);
    expect(clock.now(ClockId.MONOTONIC)).toBeGreaterThanOrEqual(deadline);
    expect(e.u32(nev)).toBe(1);
  });

  it("a subscription on a closed descriptor gets an event with error BADF", () => {
    const e = setup();
    const subs = e.alloc(48);
    fdSub(e, subs, 5n, EventType.FD_READ, 42);
    const out = e.alloc(32);
    const nev = e.alloc(4);
    expect(e.w.poll_oneoff(subs, out, 1, nev)).toBe(0);
    expect(e.u32(nev)).toBe(1);
    expect(e.u64(out)).toBe(5n);
    expect(e.dv().getUint16(out + 8, true)).toBe(Errno.BADF);
    expect(e.u8()[out + 10]).toBe(EventType.FD_READ);
  });

  it("an invalid clock id gets an event with error INVAL, without waiting for the other clock", () => {
    const e = setup();
    const subs = e.alloc(96);
    clockSub(e, subs, 1n, 99, 1_000n);
    clockSub(e, subs + 48, 2n, ClockId.MONOTONIC, 30_000_000_000n);
    const out = e.alloc(64);
    const nev = e.alloc(4);
    const t0 = performance.now();
    expect(e.w.poll_oneoff(subs, out, 2, nev)).toBe(0);
    // The other clock is 30 s away: a third of that shows it was not waited for.
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(e.u32(nev)).toBe(1);
    expect(e.u64(out)).toBe(1n);
    expect(e.dv().getUint16(out + 8, true)).toBe(Errno.INVAL);
    expect(e.u8()[out + 10]).toBe(EventType.CLOCK);
  });

  it("an unknown subscription tag gets an event with error INVAL", () => {
    const e = setup();
    const subs = e.alloc(48);
    e.dv().setBigUint64(subs, 4n, true);
    e.dv().setUint8(subs + 8, 7);
    const out = e.alloc(32);
    const nev = e.alloc(4);
    expect(e.w.poll_oneoff(subs, out, 1, nev)).toBe(0);
    expect(e.u32(nev)).toBe(1);
    expect(e.dv().getUint16(out + 8, true)).toBe(Errno.INVAL);
  });

  it("a zero timeout is reported at once, the whole event written (padding zeroed, userdata's high half kept)", () => {
    let reads = 0;
    const clock: Clock = { now: (id) => { reads++; return systemClock.now(id); }, resolution: () => 1n };
    const e = setup({ clock });
    const subs = e.alloc(48);
    const out = e.alloc(32);
    const nev = e.alloc(4);
    for (const userdata of [0n, 1n, 0xfedcba9876543210n, 0xffffffffn, 0x100000000n]) {
      clockSub(e, subs, userdata, ClockId.MONOTONIC, 0n);
      e.u8().fill(0xff, out, out + 32);
      reads = 0;
      expect(e.w.poll_oneoff(subs, out, 1, nev)).toBe(0);
      expect(e.u32(nev)).toBe(1);
      expect(e.u64(out)).toBe(userdata);
      // error 0, type CLOCK, and every other byte (padding, fd_readwrite) zero.
      expect([...e.bytes(out + 8, 24)]).toEqual(new Array(24).fill(0));
      // Due at the call's start: the clock is not read again to find that out.
      expect(reads).toBe(1);
    }
  });

  it("an event that overwrites its own subscription (same address) is still right", () => {
    const e = setup();
    const subs = e.alloc(48);
    const nev = e.alloc(4);
    clockSub(e, subs, 0x0123456789abcdefn, ClockId.MONOTONIC, 0n);
    expect(e.w.poll_oneoff(subs, subs, 1, nev)).toBe(0);
    expect(e.u32(nev)).toBe(1);
    expect(e.u64(subs)).toBe(0x0123456789abcdefn);
    expect([...e.bytes(subs + 8, 24)]).toEqual(new Array(24).fill(0));
  });

  it("a sleep is never shorter than asked on the guest's clock, even when the host's sleep wakes early", () => {
    // A clock that moves only when the host sleeps, and a sleep that covers half of what it is asked.
    let t = 1_000_000_000n;
    const log: string[] = [];
    const clock: Clock = {
      now: () => t,
      resolution: () => 1n,
      sleep: (ns) => { log.push(`sleep ${ns}`); t += ns / 2n + 1n; },
    };
    const e = setup({ clock, stdout: { write: () => {}, flush: () => log.push("flush") } });
    const subs = e.alloc(48);
    const out = e.alloc(32);
    const nev = e.alloc(4);
    clockSub(e, subs, 7n, ClockId.MONOTONIC, 1_000_000n);
    const start = t;
    expect(e.w.poll_oneoff(subs, out, 1, nev)).toBe(0);
    expect(t - start).toBeGreaterThanOrEqual(1_000_000n);
    expect(e.u32(nev)).toBe(1);
    expect(e.u64(out)).toBe(7n);
    // Each sleep asks for what is left; output is flushed before each.
    expect(log.filter((l) => l.startsWith("sleep")).slice(0, 2)).toEqual(["sleep 1000000", "sleep 499999"]);
    log.forEach((l, i) => { if (l.startsWith("sleep")) expect(log[i - 1]).toBe("flush"); });
    // A zero timeout neither sleeps nor flushes: it does not block.
    log.length = 0;
    clockSub(e, subs, 8n, ClockId.MONOTONIC, 0n);
    expect(e.w.poll_oneoff(subs, out, 1, nev)).toBe(0);
    expect(log).toEqual([]);
  });

  it("the default sleep never returns before its time on the monotonic clock", () => {
    // A lower bound only (no upper bound: the machine may be loaded).
    for (const ns of [1n, 50_000n, 200_000n, 1_000_000n, 1_500_000n]) {
      for (let i = 0; i < 5; i++) {
        const t0 = systemClock.now(ClockId.MONOTONIC);
        blockingSleep(ns);
        expect(systemClock.now(ClockId.MONOTONIC) - t0).toBeGreaterThanOrEqual(ns);
      }
    }
    blockingSleep(0n);
    blockingSleep(-5n);
  });

  it("stdout is ready for writing, stdin with data for reading", () => {
    const e = setup({ stdin: "abc" });
    const subs = e.alloc(96);
    fdSub(e, subs, 1n, EventType.FD_WRITE, 1);
    fdSub(e, subs + 48, 2n, EventType.FD_READ, 0);
    const out = e.alloc(64);
    const nev = e.alloc(4);
    expect(e.w.poll_oneoff(subs, out, 2, nev)).toBe(0);
    expect(e.u32(nev)).toBe(2);
    const uds = [e.u64(out), e.u64(out + 32)].sort();
    expect(uds).toEqual([1n, 2n]);
    expect(e.dv().getUint16(out + 8, true)).toBe(0);
    expect(e.dv().getUint16(out + 40, true)).toBe(0);
  });
});

describe("random_get", () => {
  it("fills shared (SharedArrayBuffer-backed) memory", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const e = setup({}, memory);
    const p = 4096;
    expect(e.w.random_get(p, 1024)).toBe(0);
    const b = e.bytes(p, 1024);
    expect(b.some((x) => x !== 0)).toBe(true);
    expect(new Set(b).size).toBeGreaterThan(100);
    expect(e.u8()[p + 1024]).toBe(0);
    expect(e.u8()[p - 1]).toBe(0);
  });

  it("fills more than crypto's 64 KiB per-call limit", () => {
    const e = setup({}, new WebAssembly.Memory({ initial: 3 }));
    expect(e.w.random_get(8, 2 * PAGE)).toBe(0);
    const tail = e.bytes(8 + 2 * PAGE - 4096, 4096);
    expect(tail.some((x) => x !== 0)).toBe(true);
  });

  it("zero length is fine, even at the end of memory", () => {
    const e = setup();
    expect(e.w.random_get(PAGE, 0)).toBe(0);
  });
});

describe("memory.grow", () => {
  it("a pointer into a page added after initialize is usable (non-shared memory)", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const e = setup({ args: ["prog"] }, memory);
    expect(e.w.clock_time_get(ClockId.MONOTONIC, 0n, PAGE + 8)).toBe(Errno.FAULT);
    memory.grow(1);
    expect(e.w.clock_time_get(ClockId.MONOTONIC, 0n, PAGE + 8)).toBe(0);
    expect(e.u64(PAGE + 8)).toBeGreaterThan(0n);
    expect(e.w.args_sizes_get(PAGE + 100, PAGE + 104)).toBe(0);
    expect(e.u32(PAGE + 100)).toBe(1);
    expect(e.u32(PAGE + 104)).toBe(5);
    // then a call into the old page still works with the new buffer
    expect(e.w.args_sizes_get(16, 20)).toBe(0);
    expect(e.u32(20)).toBe(5);
  });

  it("works for shared memory too", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const e = setup({}, memory);
    expect(e.w.random_get(PAGE + 10, 32)).toBe(Errno.FAULT);
    memory.grow(1);
    expect(e.w.random_get(PAGE + 10, 32)).toBe(0);
    expect(e.bytes(PAGE + 10, 32).some((x) => x !== 0)).toBe(true);
  });

  it("a write through iovecs into the new page", () => {
    const out = new OutputCollector();
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const e = setup({ stdout: out }, memory);
    memory.grow(1);
    const u8 = new Uint8Array(memory.buffer);
    u8.set(new TextEncoder().encode("grown"), PAGE + 64);
    const dv = new DataView(memory.buffer);
    dv.setUint32(PAGE, PAGE + 64, true);
    dv.setUint32(PAGE + 4, 5, true);
    expect(e.w.fd_write(1, PAGE, 1, PAGE + 8)).toBe(0);
    expect(out.text()).toBe("grown");
  });

  it("writing the same buffer again, before and after a grow, hands the stream its current bytes", () => {
    // fd_write reuses its last view for the same buffer: it must not outlive the memory it views.
    const seen: Uint8Array[] = [];
    const views: Uint8Array[] = [];
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const e = setup({ stdout: (b) => { views.push(b); seen.push(b.slice()); } }, memory);
    const [iovs, buf] = e.iov("aaaa");
    expect(e.w.fd_write(1, iovs, 1, 16)).toBe(0);
    e.u8().set(new TextEncoder().encode("bbbb"), buf);
    expect(e.w.fd_write(1, iovs, 1, 16)).toBe(0);
    memory.grow(1);
    e.u8().set(new TextEncoder().encode("cccc"), buf);
    expect(e.w.fd_write(1, iovs, 1, 16)).toBe(0);
    expect(seen.map((b) => new TextDecoder().decode(b))).toEqual(["aaaa", "bbbb", "cccc"]);
    expect(views[2]?.buffer).toBe(memory.buffer);
    expect(views[1]).toBe(views[0]);
  });
});

describe("proc_exit and proc_raise", () => {
  it("proc_exit throws ProcExit with the code when called directly", () => {
    const e = setup();
    let thrown: unknown;
    try {
      e.w.proc_exit(7);
    } catch (x) {
      thrown = x;
    }
    expect(thrown).toBeInstanceOf(ProcExit);
    expect((thrown as ProcExit).code).toBe(7);
  });

  it("proc_exit flushes output before unwinding", () => {
    let flushed = 0;
    const e = setup({ stdout: { write() {}, flush: () => void flushed++ } });
    expect(() => e.w.proc_exit(0)).toThrow(ProcExit);
    expect(flushed).toBeGreaterThan(0);
  });

  it("start() returns the code of proc_exit", async () => {
    const wasi = new WASI();
    const instance = await instantiate(EXIT_42, wasi.getImportObject());
    expect(wasi.start(instance)).toBe(42);
  });

  it("proc_raise: ignored signals return 0, fatal ones end with 128+sig, unknown ones INVAL", () => {
    const e = setup();
    expect(e.w.proc_raise(0)).toBe(0);
    expect(e.w.proc_raise(16)).toBe(0); // SIGCHLD
    expect(e.w.proc_raise(31)).toBe(Errno.INVAL);
    try {
      e.w.proc_raise(15);
      expect.unreachable();
    } catch (x) {
      expect(x).toBeInstanceOf(ProcExit);
      expect((x as ProcExit).code).toBe(128 + 15);
    }
  });
});

describe("args and environ in UTF-8", () => {
  it("sizes count UTF-8 bytes including NULs", () => {
    const e = setup({ args: ["prog", "héllo", "日本"], env: { LANG: "日本", X: "é" } });
    const a = e.alloc(8);
    expect(e.w.args_sizes_get(a, a + 4)).toBe(0);
    expect(e.u32(a)).toBe(3);
    expect(e.u32(a + 4)).toBe(5 + 7 + 7);
    expect(e.w.environ_sizes_get(a, a + 4)).toBe(0);
    expect(e.u32(a)).toBe(2);
    expect(e.u32(a + 4)).toBe("LANG=".length + 6 + 1 + "X=".length + 2 + 1);
  });

  it("args_get and environ_get write the strings and pointers", () => {
    const e = setup({ args: ["prog", "héllo", "日本"], env: ["LANG=日本", "EMPTY="] });
    const argv = e.alloc(12);
    const buf = e.alloc(19);
    expect(e.w.args_get(argv, buf)).toBe(0);
    const strs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = e.u32(argv + 4 * i);
      let end = p;
      while (e.u8()[end] !== 0) end++;
      strs.push(e.text(p, end - p));
    }
    expect(strs).toEqual(["prog", "héllo", "日本"]);
    expect(e.u32(argv + 8) - e.u32(argv + 4)).toBe(7);
    const envp = e.alloc(8);
    const ebuf = e.alloc(19);
    expect(e.w.environ_get(envp, ebuf)).toBe(0);
    expect(dec.decode(e.bytes(ebuf, 19))).toBe("LANG=日本\0EMPTY=\0");
    expect(e.u32(envp)).toBe(ebuf);
    expect(e.u32(envp + 4)).toBe(ebuf + 12);
  });

  it("no args and no env: zero counts and sizes", () => {
    const e = setup();
    const a = e.alloc(8);
    e.u8().fill(0xff, a, a + 8);
    expect(e.w.args_sizes_get(a, a + 4)).toBe(0);
    expect([e.u32(a), e.u32(a + 4)]).toEqual([0, 0]);
    expect(e.w.environ_sizes_get(a, a + 4)).toBe(0);
    expect([e.u32(a), e.u32(a + 4)]).toEqual([0, 0]);
    expect(e.w.args_get(PAGE, PAGE)).toBe(0); // nothing to write: no access
  });
});

describe("clocks", () => {
  it("invalid clock ids are INVAL and write nothing", () => {
    const e = setup();
    const p = e.alloc(8);
    e.dv().setBigUint64(p, 0x55n, true);
    expect(e.w.clock_time_get(4, 0n, p)).toBe(Errno.INVAL);
    expect(e.w.clock_res_get(-1, p)).toBe(Errno.INVAL);
    expect(e.u64(p)).toBe(0x55n);
  });

  it("realtime is close to Date.now() and monotonic does not go back", () => {
    const e = setup();
    const p = e.alloc(16);
    expect(e.w.clock_time_get(ClockId.REALTIME, 0n, p)).toBe(0);
    const ms = Number(e.u64(p) / 1_000_000n);
    expect(Math.abs(ms - Date.now())).toBeLessThan(2000);
    expect(e.w.clock_time_get(ClockId.MONOTONIC, 0n, p)).toBe(0);
    expect(e.w.clock_time_get(ClockId.MONOTONIC, 0n, p + 8)).toBe(0);
    expect(e.u64(p + 8)).toBeGreaterThanOrEqual(e.u64(p));
  });
});
