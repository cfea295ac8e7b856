// The ABI tables that the core builds from strings of names (to keep its bundle small) must hold
// exactly the witx values: the order of the names is the whole definition. The trace table of
// string arguments is such a string too.
import { describe, expect, it } from "vitest";
import {
  Advice, ClockId, Errno, EventType, FdFlags, FileType, FstFlags, OFlags, PREVIEW1_FUNCTIONS, RIGHTS_ALL,
  MemFS, Rights, WASI, Whence, errnoName, type TraceEvent,
} from "../../packages/core/src/index.js";
import { SIGNATURES } from "../../packages/core/src/abi/signatures.js";

describe("ABI tables built from names", () => {
  it("Errno: 77 values in witx order", () => {
    expect(Object.keys(Errno)).toHaveLength(77);
    expect(Object.values(Errno)).toEqual([...Array(77).keys()]);
    expect([Errno.SUCCESS, Errno["2BIG"], Errno.BADF, Errno.INVAL, Errno.NOENT, Errno.NOTCAPABLE]).toEqual([0, 1, 8, 28, 44, 76]);
    expect([errnoName(44), errnoName(76), errnoName(77)]).toEqual(["NOENT", "NOTCAPABLE", "E77"]);
  });

  it("Rights: bit n is the n-th right of witx", () => {
    expect(Object.keys(Rights)).toHaveLength(30);
    expect([Rights.FD_DATASYNC, Rights.FD_READ, Rights.FD_WRITE, Rights.PATH_OPEN, Rights.FD_READDIR, Rights.SOCK_ACCEPT])
      .toEqual([1, 2, 64, 8192, 16384, 1 << 29]);
    expect(Object.values(Rights).reduce((a, b) => a | b, 0)).toBe(RIGHTS_ALL);
  });

  it("the small enums", () => {
    expect(ClockId).toEqual({ REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, THREAD_CPUTIME_ID: 3 });
    expect(FileType).toEqual({
      UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4, SOCKET_DGRAM: 5, SOCKET_STREAM: 6,
      SYMBOLIC_LINK: 7,
    });
    expect(Whence).toEqual({ SET: 0, CUR: 1, END: 2 });
    expect(FdFlags).toEqual({ APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 });
    expect(OFlags).toEqual({ CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 });
    expect(FstFlags).toEqual({ ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 });
    expect(EventType).toEqual({ CLOCK: 0, FD_READ: 1, FD_WRITE: 2 });
    expect(Advice).toEqual({ NORMAL: 0, SEQUENTIAL: 1, RANDOM: 2, WILLNEED: 3, DONTNEED: 4, NOREUSE: 5 });
  });

  it("PREVIEW1_FUNCTIONS lists the signature table's functions, in its (witx) order", () => {
    expect(PREVIEW1_FUNCTIONS).toEqual(Object.keys(SIGNATURES));
    expect(PREVIEW1_FUNCTIONS).toHaveLength(46);
    expect(SIGNATURES.path_open).toEqual(["i32", "i32", "i32", "i32", "i32", "i64", "i64", "i32", "i32"]);
  });
});

describe("trace lines show the path arguments as text", () => {
  it("for calls with one path, two paths, and none", () => {
    const fs = MemFS.from({ "a.txt": "x" });
    const lines: string[] = [];
    const wasi = new WASI({ preopens: { "/": fs.root }, trace: (e) => lines.push(e.text()) });
    const memory = new WebAssembly.Memory({ initial: 1 });
    wasi.initialize({ exports: { memory } } as unknown as WebAssembly.Instance);
    const put = (at: number, s: string): number => new TextEncoder().encodeInto(s, new Uint8Array(memory.buffer, at)).written;
    const a = put(100, "a.txt");
    const b = put(200, "b.txt");
    const l = put(300, "l.txt");
    const imp = wasi.wasiImport;
    expect(imp.path_link(3, 0, 100, a, 3, 200, b)).toBe(0);
    expect(imp.path_symlink(100, a, 3, 300, l)).toBe(0);
    expect(imp.path_unlink_file(3, 200, b)).toBe(0);
    expect(imp.fd_close(42)).toBe(Errno.BADF);
    expect(lines).toEqual([
      'path_link(3, 0, "a.txt", 3, "b.txt") = 0',
      'path_symlink("a.txt", 3, "l.txt") = 0',
      'path_unlink_file(3, "b.txt") = 0',
      "fd_close(42) = 8 (EBADF)",
    ]);
  });

  it("as they were during the call, when the line is asked for after the guest reused the memory", () => {
    const fs = MemFS.from({ "a.txt": "x" });
    const events: TraceEvent[] = [];
    const wasi = new WASI({ preopens: { "/": fs.root }, trace: (e) => events.push(e) });
    const memory = new WebAssembly.Memory({ initial: 1 });
    wasi.initialize({ exports: { memory } } as unknown as WebAssembly.Instance);
    const n = new TextEncoder().encodeInto("a.txt", new Uint8Array(memory.buffer, 100)).written;
    expect(wasi.wasiImport.path_filestat_get(3, 0, 100, n, 400)).toBe(0);
    expect(wasi.wasiImport.path_filestat_get(3, 0, 70_000, 4, 400)).toBe(Errno.FAULT);
    new TextEncoder().encodeInto("zzzzz", new Uint8Array(memory.buffer, 100));
    expect(events.map((e) => e.text())).toEqual([
      'path_filestat_get(3, 0, "a.txt", 400) = 0',
      "path_filestat_get(3, 0, <bad pointer 70000>, 400) = 21 (EFAULT)",
    ]);
  });
});
