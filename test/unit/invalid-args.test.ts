/**
 * Invalid arguments get the errno the spec (and wasmtime) gives them, table-driven: enum values
 * out of range (whence, clock ids, advice, signals, subscription tags), flag words with undefined
 * bits (fdflags, oflags, lookupflags, fstflags, rights), and descriptors that are not open — on
 * every function that takes one. An invalid argument never has a side effect: the filesystem, the
 * cursor and the descriptor table stay as they were.
 */
import { describe, expect, it } from "vitest";
import {
  ClockId, Errno, EventType, FdFlags, FstFlags, LookupFlags, MemFS, OFlags, OutputCollector, RIGHTS_DIR,
  RIGHTS_FILE, Rights, Whence, errnoName, type Preview1Name,
} from "../../packages/core/src/index.js";
import { open, setup, type Env } from "./harness.js";

interface World { e: Env; fs: MemFS; file: number; out: OutputCollector }

/** stdio, the preopen (3) over { f.txt, d/, lnk -> f.txt }, and f.txt open read-write (4). */
function world(): World {
  const fs = MemFS.from({ "f.txt": "hello", d: {}, lnk: { symlink: "f.txt" } }, { now: () => 1n });
  const out = new OutputCollector();
  const e = setup({ stdout: out, preopens: { "/": fs.root }, clock: { now: () => 5n, resolution: () => 1n, sleep: () => {} } });
  return { e, fs, file: open(e, "f.txt"), out };
}

const name = (errno: number) => errnoName(errno);

/** Call `f` and expect `errno`, with the filesystem and stdout untouched. */
function expectErrno(w: World, label: string, errno: number, f: () => number): void {
  const before = w.fs.toObject();
  expect(name(f()), label).toBe(name(errno));
  expect(w.fs.toObject(), `${label}: filesystem`).toEqual(before);
  expect(w.out.length, `${label}: stdout`).toBe(0);
}

describe("enum values out of range", () => {
  it.each([3, 4, 255, -1, 0x7fff_ffff])("fd_seek whence %i → INVAL, cursor unmoved", (whence) => {
    const w = world();
    const p = w.e.alloc(8);
    expectErrno(w, `whence ${whence}`, Errno.INVAL, () => w.e.w.fd_seek(w.file, 1n, whence, p));
    expect(w.e.w.fd_tell(w.file, p)).toBe(0);
    expect(w.e.u64(p)).toBe(0n);
    expect(w.e.w.fd_seek(w.file, 2n, Whence.SET, p)).toBe(0);
  });

  it.each([4, 5, 100, -1, 0x7fff_ffff, -0x8000_0000])("clock id %i → INVAL in clock_res_get and clock_time_get, nothing written", (id) => {
    const w = world();
    const p = w.e.alloc(8);
    w.e.dv().setBigUint64(p, 0x1234n, true);
    expectErrno(w, `clock_res_get(${id})`, Errno.INVAL, () => w.e.w.clock_res_get(id, p));
    expectErrno(w, `clock_time_get(${id})`, Errno.INVAL, () => w.e.w.clock_time_get(id, 1n, p));
    expect(w.e.u64(p)).toBe(0x1234n);
    for (const ok of Object.values(ClockId)) expect(w.e.w.clock_time_get(ok, 0n, p)).toBe(0);
  });

  it.each([6, 7, 255, -1])("fd_advise advice %i → INVAL", (advice) => {
    const w = world();
    expectErrno(w, `advice ${advice}`, Errno.INVAL, () => w.e.w.fd_advise(w.file, 0n, 10n, advice));
    for (let ok = 0; ok <= 5; ok++) expect(w.e.w.fd_advise(w.file, 0n, 10n, ok)).toBe(0);
  });

  it.each([31, 32, 64, -1, 0x7fff_ffff])("proc_raise(%i) → INVAL, the guest goes on", (sig) => {
    const w = world();
    expectErrno(w, `proc_raise(${sig})`, Errno.INVAL, () => w.e.w.proc_raise(sig));
  });

  it.each([3, 4, 255])("poll_oneoff: subscription tag %i → its event has INVAL, the others are answered", (tag) => {
    const w = world();
    const subs = w.e.alloc(48 * 2);
    const events = w.e.alloc(32 * 2);
    const n = w.e.alloc(4);
    const dv = w.e.dv();
    dv.setBigUint64(subs, 11n, true);
    dv.setUint8(subs + 8, tag);
    dv.setUint32(subs + 16, 1, true); // stdout, as if it were an fd subscription
    dv.setBigUint64(subs + 48, 22n, true);
    dv.setUint8(subs + 48 + 8, EventType.FD_WRITE);
    dv.setUint32(subs + 48 + 16, 1, true);
    expect(w.e.w.poll_oneoff(subs, events, 2, n)).toBe(0);
    expect(w.e.u32(n)).toBe(2);
    const got = [0, 1].map((i) => ({ userdata: w.e.u64(events + i * 32), error: w.e.dv().getUint16(events + i * 32 + 8, true) }));
    expect(got).toContainEqual({ userdata: 11n, error: Errno.INVAL });
    expect(got).toContainEqual({ userdata: 22n, error: 0 });
  });

  it("poll_oneoff: an unknown tag reports one event, never more events than subscriptions (even at the end of memory)", () => {
    const w = world();
    const size = w.e.memory.buffer.byteLength;
    const subs = w.e.alloc(48 * 2);
    const dv = w.e.dv();
    for (const [i, tag] of [[0, 3], [1, EventType.FD_WRITE]] as const) {
      dv.setBigUint64(subs + i * 48, BigInt(i), true);
      dv.setUint8(subs + i * 48 + 8, tag);
      dv.setUint32(subs + i * 48 + 16, 1, true);
    }
    const events = size - 2 * 32; // exactly two events fit
    const n = w.e.alloc(4);
    expect(w.e.w.poll_oneoff(subs, events, 2, n)).toBe(0);
    expect(w.e.u32(n)).toBe(2);
  });

  it.each([4, 100, -1])("poll_oneoff: a clock subscription on clock %i → its event has INVAL", (id) => {
    const w = world();
    const subs = w.e.alloc(48);
    const events = w.e.alloc(32);
    const n = w.e.alloc(4);
    const dv = w.e.dv();
    dv.setBigUint64(subs, 9n, true);
    dv.setUint8(subs + 8, EventType.CLOCK);
    dv.setUint32(subs + 16, id >>> 0, true);
    expect(w.e.w.poll_oneoff(subs, events, 1, n)).toBe(0);
    expect(w.e.u32(n)).toBe(1);
    expect(w.e.u64(events)).toBe(9n);
    expect(w.e.dv().getUint16(events + 8, true)).toBe(Errno.INVAL);
  });
});

describe("flag words with undefined bits", () => {
  function pathOpen(w: World, o: { dirflags?: number; oflags?: number; fdflags?: number; path?: string; rights?: bigint }): [number, number] {
    const [p, len] = w.e.put(o.path ?? "new.txt");
    const fdPtr = w.e.alloc(4);
    const errno = w.e.w.path_open(3, o.dirflags ?? 0, p, len, o.oflags ?? OFlags.CREAT, o.rights ?? BigInt(RIGHTS_FILE), 0n, o.fdflags ?? 0, fdPtr);
    return [errno, errno === 0 ? w.e.u32(fdPtr) : -1];
  }

  it.each([16, 32, 0x100, -1])("path_open oflags %i → INVAL, nothing created", (oflags) => {
    const w = world();
    expectErrno(w, `oflags ${oflags}`, Errno.INVAL, () => pathOpen(w, { oflags: oflags | OFlags.CREAT })[0]);
  });

  it.each([32, 64, 0x8000, -1])("path_open fdflags %i → INVAL, nothing created; fd_fdstat_set_flags too", (fdflags) => {
    const w = world();
    expectErrno(w, `fdflags ${fdflags}`, Errno.INVAL, () => pathOpen(w, { fdflags })[0]);
    expectErrno(w, `fd_fdstat_set_flags ${fdflags}`, Errno.INVAL, () => w.e.w.fd_fdstat_set_flags(w.file, fdflags | FdFlags.APPEND));
    const st = w.e.alloc(24);
    expect(w.e.w.fd_fdstat_get(w.file, st)).toBe(0);
    expect(w.e.dv().getUint16(st + 2, true)).toBe(0);
  });

  // wasmtime decodes every flags word strictly (wiggle's generated `TryFrom` rejects undefined
  // bits with INVAL); a runtime that ignores them would silently accept a future flag it cannot
  // honour.
  describe("lookupflags with undefined bits (2, 4, 0x100, -1) → INVAL", () => {
    const BAD = [2, 4, 0x100, -1];
    it("path_open, nothing created", () => {
      const w = world();
      for (const dirflags of BAD) {
        expectErrno(w, `dirflags ${dirflags}`, Errno.INVAL, () => pathOpen(w, { dirflags: dirflags | LookupFlags.SYMLINK_FOLLOW })[0]);
      }
    });
    it("path_filestat_get", () => {
      const w = world();
      const [p, len] = w.e.put("f.txt");
      for (const dirflags of BAD) {
        expectErrno(w, `path_filestat_get ${dirflags}`, Errno.INVAL, () => w.e.w.path_filestat_get(3, dirflags, p, len, w.e.alloc(64)));
      }
    });
    it("path_filestat_set_times", () => {
      const w = world();
      const [p, len] = w.e.put("f.txt");
      for (const dirflags of BAD) {
        expectErrno(w, `path_filestat_set_times ${dirflags}`, Errno.INVAL,
          () => w.e.w.path_filestat_set_times(3, dirflags, p, len, 1n, 2n, FstFlags.ATIM | FstFlags.MTIM));
      }
    });
    it("path_link", () => {
      const w = world();
      const [p, len] = w.e.put("f.txt");
      const [q, qlen] = w.e.put("hard");
      for (const dirflags of BAD) {
        expectErrno(w, `path_link ${dirflags}`, Errno.INVAL, () => w.e.w.path_link(3, dirflags, p, len, 3, q, qlen));
      }
    });
  });

  const FST_BAD = [
    ["ATIM|ATIM_NOW", FstFlags.ATIM | FstFlags.ATIM_NOW], ["MTIM|MTIM_NOW", FstFlags.MTIM | FstFlags.MTIM_NOW],
    ["16", 16], ["ATIM|32", FstFlags.ATIM | 32], ["-1", -1],
  ] as const;
  it.each(FST_BAD)("fstflags %s → INVAL in fd_filestat_set_times and path_filestat_set_times, times unchanged", (_, flags) => {
    const w = world();
    const [p, len] = w.e.put("f.txt");
    expectErrno(w, "fd_filestat_set_times", Errno.INVAL, () => w.e.w.fd_filestat_set_times(w.file, 7n, 8n, flags));
    expectErrno(w, "path_filestat_set_times", Errno.INVAL, () => w.e.w.path_filestat_set_times(3, 0, p, len, 7n, 8n, flags));
    expect(w.fs.root.statAt("f.txt").atim).toBe(1n);
    expect(w.fs.root.statAt("f.txt").mtim).toBe(1n);
  });

  it("fd_fdstat_set_rights: asking for a right the descriptor lacks, or an undefined bit, is NOTCAPABLE and changes nothing", () => {
    const w = world();
    const st = w.e.alloc(24);
    expect(w.e.w.fd_fdstat_get(w.file, st)).toBe(0);
    const base = w.e.u64(st + 8);
    const inh = w.e.u64(st + 16);
    for (const extra of [1n << 30n, 1n << 31n, 1n << 40n, 1n << 63n, BigInt(Rights.PATH_OPEN)]) {
      expectErrno(w, `base | ${extra}`, Errno.NOTCAPABLE, () => w.e.w.fd_fdstat_set_rights(w.file, BigInt.asIntN(64, base | extra), inh));
      expectErrno(w, `inheriting | ${extra}`, Errno.NOTCAPABLE, () => w.e.w.fd_fdstat_set_rights(w.file, base, BigInt.asIntN(64, inh | extra)));
    }
    expectErrno(w, "all ones", Errno.NOTCAPABLE, () => w.e.w.fd_fdstat_set_rights(w.file, -1n, -1n));
    expect(w.e.w.fd_fdstat_get(w.file, st)).toBe(0);
    expect([w.e.u64(st + 8), w.e.u64(st + 16)]).toEqual([base, inh]);
    expect(w.e.w.fd_fdstat_set_rights(w.file, base, inh)).toBe(0); // the same rights: fine
  });

  // Rights are the exception: stricter runtimes refuse undefined bits, but guests in the wild pass masks
  // wider than the 30 defined rights (Go's wasip1 port defines its full mask as 0xFFFFFFFF), so the core
  // ignores them in path_open. They are never granted.
  it("path_open: undefined rights bits (30-63) are ignored, never granted; the defined ones are narrowed as usual", () => {
    const w = world();
    for (const rights of [-1n, BigInt.asIntN(64, 0xffff_ffff_c000_0000n | BigInt(Rights.FD_READ)), 1n << 40n]) {
      const [errno, fd] = pathOpen(w, { oflags: 0, path: "f.txt", rights });
      expect(name(errno)).toBe("SUCCESS");
      const st = w.e.alloc(24);
      expect(w.e.w.fd_fdstat_get(fd, st)).toBe(0);
      expect(w.e.u64(st + 8) >> 30n).toBe(0n);
      expect(w.e.u64(st + 16) >> 30n).toBe(0n);
      expect(w.e.u64(st + 8) & ~BigInt(RIGHTS_FILE)).toBe(0n);
      expect(w.e.w.fd_close(fd)).toBe(0);
    }
    const [, dirFd] = pathOpen(w, { oflags: OFlags.DIRECTORY, path: "d", rights: BigInt(RIGHTS_DIR) | (1n << 50n) });
    const st = w.e.alloc(24);
    expect(w.e.w.fd_fdstat_get(dirFd, st)).toBe(0);
    expect(w.e.u64(st + 8) >> 30n).toBe(0n);
  });
});

describe("descriptors that are not open", () => {
  /**
   * Every function taking a descriptor, with otherwise valid arguments; `F` marks the descriptor
   * under test. Paths name existing objects of the preopen, pointers are valid.
   */
  type Arg = number | bigint | "F" | "path:f.txt" | "path:new" | "out8" | "out64" | "iov" | "buf";
  const CALLS: [Preview1Name, Arg[]][] = [
    ["fd_advise", ["F", 0n, 1n, 0]],
    ["fd_allocate", ["F", 0n, 1n]],
    ["fd_close", ["F"]],
    ["fd_datasync", ["F"]],
    ["fd_fdstat_get", ["F", "out64"]],
    ["fd_fdstat_set_flags", ["F", 0]],
    ["fd_fdstat_set_rights", ["F", 0n, 0n]],
    ["fd_filestat_get", ["F", "out64"]],
    ["fd_filestat_set_size", ["F", 1n]],
    ["fd_filestat_set_times", ["F", 1n, 1n, FstFlags.ATIM]],
    ["fd_pread", ["F", "iov", 1, 0n, "out8"]],
    ["fd_prestat_get", ["F", "out8"]],
    ["fd_prestat_dir_name", ["F", "buf", 16]],
    ["fd_pwrite", ["F", "iov", 1, 0n, "out8"]],
    ["fd_read", ["F", "iov", 1, "out8"]],
    ["fd_readdir", ["F", "buf", 16, 0n, "out8"]],
    ["fd_renumber", ["F", 1]],
    ["fd_seek", ["F", 0n, Whence.SET, "out8"]],
    ["fd_sync", ["F"]],
    ["fd_tell", ["F", "out8"]],
    ["fd_write", ["F", "iov", 1, "out8"]],
    ["path_create_directory", ["F", "path:new"]],
    ["path_filestat_get", ["F", 0, "path:f.txt", "out64"]],
    ["path_filestat_set_times", ["F", 0, "path:f.txt", 1n, 1n, FstFlags.ATIM]],
    ["path_link", ["F", 0, "path:f.txt", 3, "path:new"]],
    ["path_link", [3, 0, "path:f.txt", "F", "path:new"]],
    ["path_open", ["F", 0, "path:f.txt", 0, BigInt(RIGHTS_FILE), 0n, 0, "out8"]],
    ["path_readlink", ["F", "path:f.txt", "buf", 16, "out8"]],
    ["path_remove_directory", ["F", "path:new"]],
    ["path_rename", ["F", "path:f.txt", 3, "path:new"]],
    ["path_rename", [3, "path:f.txt", "F", "path:new"]],
    ["path_symlink", ["path:f.txt", "F", "path:new"]],
    ["path_unlink_file", ["F", "path:f.txt"]],
    ["sock_accept", ["F", 0, "out8"]],
    ["sock_recv", ["F", "iov", 1, 0, "out8", "out8"]],
    ["sock_send", ["F", "iov", 1, 0, "out8"]],
    ["sock_shutdown", ["F", 1]],
  ];

  function build(e: Env, args: Arg[], fd: number): (number | bigint)[] {
    const out: (number | bigint)[] = [];
    for (const a of args) {
      if (a === "F") out.push(fd);
      else if (a === "out8") out.push(e.alloc(8));
      else if (a === "out64") out.push(e.alloc(64));
      else if (a === "buf") out.push(e.alloc(16));
      else if (a === "iov") out.push(e.iov("data")[0]);
      else if (typeof a === "string") out.push(...e.put(a.slice(5)));
      else out.push(a);
    }
    return out;
  }

  it("the table covers every function that takes a descriptor", () => {
    const names = new Set(CALLS.map(([n]) => n));
    const withFd = ["fd_", "path_", "sock_"];
    const expected = (Object.keys(world().e.w) as Preview1Name[]).filter((n) => withFd.some((p) => n.startsWith(p)));
    expect([...names].sort()).toEqual(expected.sort());
  });

  // -1 is how a wasm engine passes the i32 0xFFFFFFFF; a JS embedder may pass 0xFFFFFFFF itself.
  for (const fd of [100, 0xffff_ffff, -1, 5, 0x7fff_ffff, -0x8000_0000]) {
    it.each(CALLS.map(([n, args], i) => [`${n}#${i}`, n, args] as const))(`%s with descriptor ${fd} → BADF`, (_, fn, args) => {
      const w = world();
      const a = build(w.e, args, fd);
      const f = w.e.w[fn] as (...x: (number | bigint)[]) => number;
      expectErrno(w, `${fn}(${a.join(", ")})`, Errno.BADF, () => f(...a));
      // The table is unchanged: the file is still open at 4 and the preopen at 3.
      const st = w.e.alloc(24);
      expect(w.e.w.fd_fdstat_get(w.file, st)).toBe(0);
      expect(w.e.w.fd_prestat_get(3, w.e.alloc(8))).toBe(0);
      expect(w.e.w.fd_fdstat_get(fd, st)).toBe(Errno.BADF);
    });
  }

  it("a closed descriptor is BADF like one never opened", () => {
    const w = world();
    expect(w.e.w.fd_close(w.file)).toBe(0);
    for (const [fn, args] of CALLS) {
      if (!args.includes("F")) continue;
      const a = build(w.e, args, w.file);
      expect(name((w.e.w[fn] as (...x: (number | bigint)[]) => number)(...a)), fn).toBe("BADF");
    }
  });

  it("fd_renumber: an invalid target (-1, 0xFFFFFFFF, far beyond the table) is BADF and both stay as they were", () => {
    const w = world();
    for (const to of [-1, 0xffff_ffff, 0x7fff_ffff, 1_000_000]) {
      expectErrno(w, `fd_renumber(${w.file}, ${to})`, Errno.BADF, () => w.e.w.fd_renumber(w.file, to));
      expect(w.e.w.fd_fdstat_get(w.file, w.e.alloc(24))).toBe(0);
    }
  });

  it("fd_renumber to a free number (inside or past the table) is BADF, unlike dup2: both stay as they were", () => {
    const w = world();
    const free = w.file + 1;
    for (const to of [free, 100]) {
      expectErrno(w, `fd_renumber(${w.file}, ${to})`, Errno.BADF, () => w.e.w.fd_renumber(w.file, to));
      expect(w.e.w.fd_fdstat_get(w.file, w.e.alloc(24))).toBe(0);
      expect(w.e.w.fd_fdstat_get(to, w.e.alloc(24))).toBe(Errno.BADF);
    }
    expect(open(w.e, "f.txt")).toBe(free); // nothing was moved: the lowest free number is unchanged
  });

  it("poll_oneoff: an fd subscription on a descriptor that is not open → its event has BADF", () => {
    const w = world();
    for (const fd of [100, 0xffff_ffff, 5]) {
      const subs = w.e.alloc(48);
      const events = w.e.alloc(32);
      const n = w.e.alloc(4);
      w.e.dv().setBigUint64(subs, 3n, true);
      w.e.dv().setUint8(subs + 8, EventType.FD_READ);
      w.e.dv().setUint32(subs + 16, fd, true);
      expect(w.e.w.poll_oneoff(subs, events, 1, n)).toBe(0);
      expect(w.e.u32(n)).toBe(1);
      expect(w.e.dv().getUint16(events + 8, true)).toBe(Errno.BADF);
    }
  });
});
