/**
 * Byte images of every struct the core writes into guest memory. Memory around (and under) each
 * struct is pre-filled with 0xAA so that a write one byte outside the struct, or a padding byte
 * left unwritten, shows up.
 */
import { describe, expect, it } from "vitest";
import {
  Errno, EventType, FdFlags, FileType, FstFlags, MemFS, OutputCollector, RIGHTS_DIR, RIGHTS_FILE, RIGHTS_OUTPUT,
  Rights, ClockId, Layout,
} from "../../packages/core/src/index.js";
import { open, setup, type Env } from "./harness.js";

const FILL = 0xaa;
const GUARD = 16;
/** A fixed filesystem clock, so ctim is known exactly. */
const FS_NOW = 0x5152_5354_5556_5758n;

/** Reserve `size` bytes plus guards, all filled with 0xAA; returns the struct's address. */
function region(env: Env, size: number): number {
  const p = env.alloc(size + 2 * GUARD) + GUARD;
  env.u8().fill(FILL, p - GUARD, p + size + GUARD);
  return p;
}

/** Expect memory at `p` to be exactly `image`, with untouched 0xAA guards on both sides. */
function expectImage(env: Env, p: number, image: Uint8Array): void {
  const got = env.bytes(p - GUARD, image.length + 2 * GUARD);
  const want = new Uint8Array(image.length + 2 * GUARD).fill(FILL);
  want.set(image, GUARD);
  expect(Array.from(got)).toEqual(Array.from(want));
}

function image(size: number, fill: (dv: DataView) => void): Uint8Array {
  const b = new Uint8Array(size);
  fill(new DataView(b.buffer));
  return b;
}

function filestatImage(st: { dev: bigint; ino: bigint; filetype: number; nlink: bigint; size: bigint; atim: bigint; mtim: bigint; ctim: bigint }): Uint8Array {
  return image(64, (dv) => {
    dv.setBigUint64(0, st.dev, true);
    dv.setBigUint64(8, st.ino, true);
    dv.setUint8(16, st.filetype);
    dv.setBigUint64(24, st.nlink, true);
    dv.setBigUint64(32, st.size, true);
    dv.setBigUint64(40, st.atim, true);
    dv.setBigUint64(48, st.mtim, true);
    dv.setBigUint64(56, st.ctim, true);
  });
}

describe("layout tables", () => {
  it("match wasi_snapshot_preview1", () => {
    expect(Layout.FILESTAT).toEqual({ size: 64, dev: 0, ino: 8, filetype: 16, nlink: 24, fileSize: 32, atim: 40, mtim: 48, ctim: 56 });
    expect(Layout.FDSTAT).toEqual({ size: 24, filetype: 0, flags: 2, rightsBase: 8, rightsInheriting: 16 });
    expect(Layout.DIRENT).toEqual({ size: 24, next: 0, ino: 8, namlen: 16, type: 20 });
    expect(Layout.PRESTAT).toEqual({ size: 8, tag: 0, nameLen: 4 });
    expect(Layout.IOVEC).toEqual({ size: 8, buf: 0, len: 4 });
    expect(Layout.EVENT).toEqual({ size: 32, userdata: 0, error: 8, type: 10, nbytes: 16, flags: 24 });
    expect(Layout.SUBSCRIPTION).toMatchObject({ size: 48, userdata: 0, tag: 8, clockId: 16, clockTimeout: 24, clockPrecision: 32, clockFlags: 40, fd: 16 });
  });
});

describe("filestat (64 bytes)", () => {
  const ATIM = 0x2122_2324_2526_2728n;
  const MTIM = 0x3132_3334_3536_3738n;

  function env(): { e: Env; fs: MemFS } {
    const fs = MemFS.from({ "f.txt": "hello", sub: {} }, { now: () => FS_NOW });
    return { e: setup({ preopens: { "/": fs.root } }), fs };
  }

  it("fd_filestat_get after fd_filestat_set_times with exact ns", () => {
    const { e, fs } = env();
    const fd = open(e, "f.txt");
    expect(e.w.fd_filestat_set_times(fd, ATIM, MTIM, FstFlags.ATIM | FstFlags.MTIM)).toBe(0);
    const p = region(e, 64);
    expect(e.w.fd_filestat_get(fd, p)).toBe(0);
    const want = filestatImage({
      dev: fs.root.stat().dev, ino: fs.root.statAt("f.txt").ino, filetype: FileType.REGULAR_FILE,
      nlink: 1n, size: 5n, atim: ATIM, mtim: MTIM, ctim: FS_NOW,
    });
    expectImage(e, p, want);
    // padding 17..23 is zero, not left as 0xAA
    expect(Array.from(e.bytes(p + 17, 7))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it("path_filestat_get writes the same image", () => {
    const { e, fs } = env();
    const [path, len] = e.put("f.txt");
    expect(e.w.path_filestat_set_times(3, 0, path, len, ATIM, MTIM, FstFlags.ATIM | FstFlags.MTIM)).toBe(0);
    const p = region(e, 64);
    expect(e.w.path_filestat_get(3, 0, path, len, p)).toBe(0);
    expectImage(e, p, filestatImage({
      dev: fs.root.stat().dev, ino: fs.root.statAt("f.txt").ino, filetype: FileType.REGULAR_FILE,
      nlink: 1n, size: 5n, atim: ATIM, mtim: MTIM, ctim: FS_NOW,
    }));
  });

  it("of a directory", () => {
    const { e, fs } = env();
    const [path, len] = e.put("sub");
    const p = region(e, 64);
    expect(e.w.path_filestat_get(3, 0, path, len, p)).toBe(0);
    expectImage(e, p, filestatImage({
      dev: fs.root.stat().dev, ino: fs.root.statAt("sub").ino, filetype: FileType.DIRECTORY,
      nlink: 2n, size: 0n, atim: FS_NOW, mtim: FS_NOW, ctim: FS_NOW,
    }));
  });

  it("of stdout (a stream): zero except filetype and nlink", () => {
    const { e } = env();
    const p = region(e, 64);
    expect(e.w.fd_filestat_get(1, p)).toBe(0);
    expectImage(e, p, filestatImage({ dev: 0n, ino: 0n, filetype: FileType.UNKNOWN, nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n }));
  });
});

describe("fdstat (24 bytes)", () => {
  it("of a file with flags and narrowed rights", () => {
    const fs = MemFS.from({ "f.txt": "x" });
    const e = setup({ preopens: { "/": fs.root } });
    const base = Rights.FD_READ | Rights.FD_WRITE | Rights.FD_SEEK;
    const fd = open(e, "f.txt", { rights: BigInt(base), inheriting: BigInt(Rights.FD_READ), fdflags: FdFlags.APPEND | FdFlags.NONBLOCK });
    const p = region(e, 24);
    expect(e.w.fd_fdstat_get(fd, p)).toBe(0);
    expectImage(e, p, image(24, (dv) => {
      dv.setUint8(0, FileType.REGULAR_FILE);
      dv.setUint16(2, FdFlags.APPEND | FdFlags.NONBLOCK, true);
      dv.setBigUint64(8, BigInt(base), true);
      dv.setBigUint64(16, BigInt(Rights.FD_READ), true);
    }));
  });

  it("of the preopened directory", () => {
    const e = setup({ preopens: { "/": new MemFS().root } });
    const p = region(e, 24);
    expect(e.w.fd_fdstat_get(3, p)).toBe(0);
    expectImage(e, p, image(24, (dv) => {
      dv.setUint8(0, FileType.DIRECTORY);
      dv.setBigUint64(8, BigInt(RIGHTS_DIR), true);
      dv.setBigUint64(16, BigInt(RIGHTS_DIR | RIGHTS_FILE), true);
    }));
  });

  it("of stdout: a pipe is UNKNOWN, a TTY is CHARACTER_DEVICE", () => {
    for (const [stdout, type] of [[new OutputCollector(), FileType.UNKNOWN], [{ write() {}, isTTY: true }, FileType.CHARACTER_DEVICE]] as const) {
      const e = setup({ stdout });
      const p = region(e, 24);
      expect(e.w.fd_fdstat_get(1, p)).toBe(0);
      expectImage(e, p, image(24, (dv) => {
        dv.setUint8(0, type);
        dv.setBigUint64(8, BigInt(RIGHTS_OUTPUT), true);
      }));
    }
  });
});

describe("dirent (24 bytes + name)", () => {
  it("fd_readdir writes . .. and entries back to back", () => {
    const fs = MemFS.from({ abc: "1", dir: {} });
    const e = setup({ preopens: { "/": fs.root } });
    const p = region(e, 256);
    const used = e.alloc(4);
    expect(e.w.fd_readdir(3, p, 256, 0n, used)).toBe(0);
    const entries: [bigint, string, number][] = [
      [fs.root.stat().ino, ".", FileType.DIRECTORY],
      [fs.root.stat().ino, "..", FileType.DIRECTORY], // a preopen's .. is itself
      [fs.root.statAt("abc").ino, "abc", FileType.REGULAR_FILE],
      [fs.root.statAt("dir").ino, "dir", FileType.DIRECTORY],
    ];
    const parts: number[] = [];
    entries.forEach(([ino, name, type], i) => {
      const head = image(24, (dv) => {
        dv.setBigUint64(0, BigInt(i + 1), true);
        dv.setBigUint64(8, ino, true);
        dv.setUint32(16, name.length, true);
        dv.setUint8(20, type);
      });
      parts.push(...head, ...new TextEncoder().encode(name));
    });
    expect(e.u32(used)).toBe(parts.length);
    expect(parts.length).toBe(24 * 4 + 1 + 2 + 3 + 3);
    const got = e.bytes(p - GUARD, 256 + 2 * GUARD);
    const want = new Uint8Array(256 + 2 * GUARD).fill(FILL);
    want.set(parts, GUARD);
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it("a name in UTF-8 has d_namlen in bytes", () => {
    const fs = MemFS.from({ "日本": "x" });
    const e = setup({ preopens: { "/": fs.root } });
    const p = region(e, 256);
    const used = e.alloc(4);
    expect(e.w.fd_readdir(3, p, 256, 2n, used)).toBe(0);
    expect(e.u32(used)).toBe(24 + 6);
    expect(e.u32(p + 16)).toBe(6);
    expect(e.text(p + 24, 6)).toBe("日本");
  });
});

describe("prestat (8 bytes)", () => {
  it("tag 0 with zero padding, name_len in UTF-8 bytes", () => {
    const e = setup({ preopens: { "/sandbox": new MemFS().root, "/données": new MemFS().root } });
    const p = region(e, 8);
    expect(e.w.fd_prestat_get(3, p)).toBe(0);
    expectImage(e, p, new Uint8Array([0, 0, 0, 0, 8, 0, 0, 0]));
    const q = region(e, 8);
    expect(e.w.fd_prestat_get(4, q)).toBe(0);
    expectImage(e, q, new Uint8Array([0, 0, 0, 0, 9, 0, 0, 0]));
  });

  it("fd_prestat_dir_name writes exactly the name, no NUL", () => {
    const e = setup({ preopens: { "/sandbox": new MemFS().root } });
    const p = region(e, 8);
    expect(e.w.fd_prestat_dir_name(3, p, 8)).toBe(0);
    expectImage(e, p, new TextEncoder().encode("/sandbox"));
    expect(e.w.fd_prestat_dir_name(3, p, 7)).toBe(Errno.NAMETOOLONG);
    expect(e.w.fd_prestat_get(1, p)).toBe(Errno.BADF);
  });
});

describe("event (32 bytes) from poll_oneoff", () => {
  it("clock, fd_read, fd_write and bad-fd events; subscription padding is ignored", () => {
    const fs = MemFS.from({ "f.txt": "hello" });
    const e = setup({ preopens: { "/": fs.root } });
    const fd = open(e, "f.txt");
    const n = 4;
    const subs = region(e, 48 * n); // padding of every subscription stays 0xAA
    const dv = e.dv();
    const U = [0x0102_0304_0506_0708n, 0x1112_1314_1516_1718n, 0x2122_2324_2526_2728n, 0xf1f2_f3f4_f5f6_f7f8n];
    // 0: clock, monotonic, relative 0
    dv.setBigUint64(subs, U[0]!, true);
    dv.setUint8(subs + 8, EventType.CLOCK);
    dv.setUint32(subs + 16, ClockId.MONOTONIC, true);
    dv.setBigUint64(subs + 24, 0n, true);
    dv.setBigUint64(subs + 32, 1000n, true);
    dv.setUint16(subs + 40, 0, true);
    // 1: fd_read on a 5-byte file at position 0
    dv.setBigUint64(subs + 48, U[1]!, true);
    dv.setUint8(subs + 56, EventType.FD_READ);
    dv.setUint32(subs + 64, fd, true);
    // 2: fd_write on stdout
    dv.setBigUint64(subs + 96, U[2]!, true);
    dv.setUint8(subs + 104, EventType.FD_WRITE);
    dv.setUint32(subs + 112, 1, true);
    // 3: fd_read on a closed descriptor
    dv.setBigUint64(subs + 144, U[3]!, true);
    dv.setUint8(subs + 152, EventType.FD_READ);
    dv.setUint32(subs + 160, 99, true);

    const out = region(e, 32 * n);
    const nev = e.alloc(4);
    expect(e.w.poll_oneoff(subs, out, n, nev)).toBe(0);
    expect(e.u32(nev)).toBe(4);
    const want = new Map<bigint, Uint8Array>([
      [U[0]!, image(32, (d) => { d.setBigUint64(0, U[0]!, true); d.setUint8(10, EventType.CLOCK); })],
      [U[1]!, image(32, (d) => { d.setBigUint64(0, U[1]!, true); d.setUint8(10, EventType.FD_READ); d.setBigUint64(16, 5n, true); })],
      [U[2]!, image(32, (d) => { d.setBigUint64(0, U[2]!, true); d.setUint8(10, EventType.FD_WRITE); })],
      [U[3]!, image(32, (d) => { d.setBigUint64(0, U[3]!, true); d.setUint16(8, Errno.BADF, true); d.setUint8(10, EventType.FD_READ); })],
    ]);
    const seen = new Set<bigint>();
    for (let i = 0; i < n; i++) {
      const ev = e.bytes(out + i * 32, 32);
      const ud = new DataView(ev.buffer).getBigUint64(0, true);
      expect(want.has(ud)).toBe(true);
      expect(seen.has(ud)).toBe(false);
      seen.add(ud);
      expect(Array.from(ev)).toEqual(Array.from(want.get(ud)!));
    }
    // nothing outside the event array was written
    expect(Array.from(e.bytes(out - GUARD, GUARD))).toEqual(new Array(GUARD).fill(FILL));
    expect(Array.from(e.bytes(out + 32 * n, GUARD))).toEqual(new Array(GUARD).fill(FILL));
    // the subscriptions were not modified
    expect(e.u8()[subs + 9]).toBe(FILL);
  });

  it("only the events that fired are written; the rest of the array is untouched", () => {
    const e = setup();
    const subs = region(e, 96);
    const dv = e.dv();
    dv.setBigUint64(subs, 7n, true);
    dv.setUint8(subs + 8, EventType.CLOCK);
    dv.setUint32(subs + 16, ClockId.MONOTONIC, true);
    dv.setBigUint64(subs + 24, 0n, true);
    dv.setUint16(subs + 40, 0, true);
    dv.setBigUint64(subs + 48, 8n, true);
    dv.setUint8(subs + 56, EventType.CLOCK);
    dv.setUint32(subs + 64, ClockId.MONOTONIC, true);
    dv.setBigUint64(subs + 72, 60_000_000_000n, true);
    dv.setUint16(subs + 88, 0, true);
    const out = region(e, 64);
    const nev = e.alloc(4);
    expect(e.w.poll_oneoff(subs, out, 2, nev)).toBe(0);
    expect(e.u32(nev)).toBe(1);
    const got = e.bytes(out - GUARD, 64 + 2 * GUARD);
    const want = new Uint8Array(64 + 2 * GUARD).fill(FILL);
    want.set(image(32, (d) => { d.setBigUint64(0, 7n, true); d.setUint8(10, EventType.CLOCK); }), GUARD);
    expect(Array.from(got)).toEqual(Array.from(want));
  });
});

describe("scalar outputs", () => {
  it("fd_seek, fd_tell, clock_time_get write exactly 8 bytes; fd_write's nwritten exactly 4", () => {
    const fs = MemFS.from({ "f.txt": "0123456789" });
    const e = setup({ preopens: { "/": fs.root }, clock: { now: () => 0x0102_0304_0506_0708n, resolution: () => 0x1n } });
    const fd = open(e, "f.txt");
    let p = region(e, 8);
    expect(e.w.fd_seek(fd, 7n, 0, p)).toBe(0);
    expectImage(e, p, new Uint8Array([7, 0, 0, 0, 0, 0, 0, 0]));
    p = region(e, 8);
    expect(e.w.fd_tell(fd, p)).toBe(0);
    expectImage(e, p, new Uint8Array([7, 0, 0, 0, 0, 0, 0, 0]));
    p = region(e, 8);
    expect(e.w.clock_time_get(0, 0n, p)).toBe(0);
    expectImage(e, p, new Uint8Array([8, 7, 6, 5, 4, 3, 2, 1]));
    p = region(e, 8);
    expect(e.w.clock_res_get(1, p)).toBe(0);
    expectImage(e, p, new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]));
    const [iovs] = e.iov("abc");
    p = region(e, 4);
    expect(e.w.fd_write(1, iovs, 1, p)).toBe(0);
    expectImage(e, p, new Uint8Array([3, 0, 0, 0]));
  });

  it("args_sizes_get / args_get write the counts, pointers and NUL-terminated strings", () => {
    const e = setup({ args: ["ab", "c"] });
    const c = region(e, 4);
    const s = region(e, 4);
    expect(e.w.args_sizes_get(c, s)).toBe(0);
    expectImage(e, c, new Uint8Array([2, 0, 0, 0]));
    expectImage(e, s, new Uint8Array([5, 0, 0, 0]));
    const argv = region(e, 8);
    const buf = region(e, 5);
    expect(e.w.args_get(argv, buf)).toBe(0);
    expectImage(e, argv, image(8, (dv) => { dv.setUint32(0, buf, true); dv.setUint32(4, buf + 3, true); }));
    expectImage(e, buf, new Uint8Array([0x61, 0x62, 0, 0x63, 0]));
  });
});
