/**
 * Every pointer of every syscall, table-driven: out of bounds, straddling the end of memory, a
 * (pointer, length) pair whose sum overflows 32 bits, and a "negative" pointer all give FAULT —
 * never a thrown RangeError — and leave memory, the filesystem and stdout untouched; a struct that
 * ends exactly at the end of memory is fine; and a normal call still works afterwards.
 */
import { describe, expect, it } from "vitest";
import {
  ClockId, Errno, EventType, MemFS, OutputCollector, PREVIEW1_FUNCTIONS, ProcExit, RIGHTS_FILE, errnoName,
  type ErrnoName, type Preview1Name,
} from "../../packages/core/src/index.js";
import { open, setup, PAGE, type Env } from "./harness.js";

/**
 * Parameter kinds, one per wasm parameter:
 * - `fd:out` stdout (1), `fd:dir` the preopen (3), `fd:file` an open regular file;
 * - `u32:N` / `i64:N` a constant;
 * - `ptr:outN` an N-byte output; `ptr:buf:N` an N-byte buffer whose length is the next `len`;
 * - `ptr:iovs:r` / `ptr:iovs:w` one iovec (8-byte buffer to read into / "payload!" to write);
 * - `ptr:path:TEXT` a string, its length the next `len`; `ptr:subs` one clock subscription;
 * - `len` the length (or count) of the closest pointer before it that takes one.
 */
interface Sig { name: Preview1Name; params: string[]; expect?: ErrnoName }

const SIGNATURES: Sig[] = [
  { name: "args_get", params: ["ptr:out8", "ptr:out7"] },
  { name: "args_sizes_get", params: ["ptr:out4", "ptr:out4"] },
  { name: "environ_get", params: ["ptr:out4", "ptr:out4"] },
  { name: "environ_sizes_get", params: ["ptr:out4", "ptr:out4"] },
  { name: "clock_res_get", params: ["u32:1", "ptr:out8"] },
  { name: "clock_time_get", params: ["u32:1", "i64:0", "ptr:out8"] },
  { name: "fd_advise", params: ["fd:file", "i64:0", "i64:0", "u32:0"] },
  { name: "fd_allocate", params: ["fd:file", "i64:0", "i64:1"] },
  { name: "fd_close", params: ["fd:file"] },
  { name: "fd_datasync", params: ["fd:file"] },
  { name: "fd_fdstat_get", params: ["fd:file", "ptr:out24"] },
  { name: "fd_fdstat_set_flags", params: ["fd:file", "u32:0"] },
  { name: "fd_fdstat_set_rights", params: ["fd:file", "i64:0", "i64:0"] },
  { name: "fd_filestat_get", params: ["fd:file", "ptr:out64"] },
  { name: "fd_filestat_set_size", params: ["fd:file", "i64:3"] },
  { name: "fd_filestat_set_times", params: ["fd:file", "i64:1", "i64:2", "u32:5"] },
  { name: "fd_pread", params: ["fd:file", "ptr:iovs:r", "len", "i64:0", "ptr:out4"] },
  { name: "fd_prestat_get", params: ["fd:dir", "ptr:out8"] },
  { name: "fd_prestat_dir_name", params: ["fd:dir", "ptr:buf:8", "len"] },
  { name: "fd_pwrite", params: ["fd:file", "ptr:iovs:w", "len", "i64:0", "ptr:out4"] },
  { name: "fd_read", params: ["fd:file", "ptr:iovs:r", "len", "ptr:out4"] },
  { name: "fd_readdir", params: ["fd:dir", "ptr:buf:256", "len", "i64:0", "ptr:out4"] },
  { name: "fd_renumber", params: ["fd:file", "fd:out"] },
  { name: "fd_seek", params: ["fd:file", "i64:1", "u32:0", "ptr:out8"] },
  { name: "fd_sync", params: ["fd:file"] },
  { name: "fd_tell", params: ["fd:file", "ptr:out8"] },
  { name: "fd_write", params: ["fd:out", "ptr:iovs:w", "len", "ptr:out4"] },
  { name: "path_create_directory", params: ["fd:dir", "ptr:path:newdir", "len"] },
  { name: "path_filestat_get", params: ["fd:dir", "u32:0", "ptr:path:f.txt", "len", "ptr:out64"] },
  { name: "path_filestat_set_times", params: ["fd:dir", "u32:0", "ptr:path:f.txt", "len", "i64:1", "i64:2", "u32:5"] },
  { name: "path_link", params: ["fd:dir", "u32:0", "ptr:path:f.txt", "len", "fd:dir", "ptr:path:hard", "len"] },
  { name: "path_open", params: ["fd:dir", "u32:0", "ptr:path:f.txt", "len", "u32:0", `i64:${RIGHTS_FILE}`, "i64:0", "u32:0", "ptr:out4"] },
  { name: "path_readlink", params: ["fd:dir", "ptr:path:lnk", "len", "ptr:buf:16", "len", "ptr:out4"] },
  { name: "path_remove_directory", params: ["fd:dir", "ptr:path:emptydir", "len"] },
  { name: "path_rename", params: ["fd:dir", "ptr:path:f.txt", "len", "fd:dir", "ptr:path:g.txt", "len"] },
  { name: "path_symlink", params: ["ptr:path:f.txt", "len", "fd:dir", "ptr:path:newlink", "len"] },
  { name: "path_unlink_file", params: ["fd:dir", "ptr:path:f.txt", "len"] },
  { name: "poll_oneoff", params: ["ptr:subs", "ptr:out32", "len", "ptr:out4"] },
  { name: "proc_exit", params: ["u32:0"] },
  { name: "proc_raise", params: ["u32:0"] },
  { name: "sched_yield", params: [] },
  { name: "random_get", params: ["ptr:buf:16", "len"] },
  // Preview1 descriptors are never sockets: NOTSOCK comes before any pointer is looked at.
  { name: "sock_accept", params: ["fd:dir", "u32:0", "ptr:out4"], expect: "NOTSOCK" },
  { name: "sock_recv", params: ["fd:dir", "ptr:iovs:r", "len", "u32:0", "ptr:out4", "ptr:out2"], expect: "NOTSOCK" },
  { name: "sock_send", params: ["fd:dir", "ptr:iovs:w", "len", "u32:0", "ptr:out4"], expect: "NOTSOCK" },
  { name: "sock_shutdown", params: ["fd:dir", "u32:1"], expect: "NOTSOCK" },
];

/** A pointer argument of a built call. */
interface Ptr { index: number; size: number; lenIndex: number | null; kind: string; iovBuf?: number }

interface Built { env: Env; fs: MemFS; out: OutputCollector; args: (number | bigint)[]; ptrs: Ptr[] }

/** A fresh environment and valid arguments for `sig`. */
function build(sig: Sig): Built {
  const fs = MemFS.from({ "f.txt": "hello world", lnk: { symlink: "f.txt" }, emptydir: {} }, { now: () => 1n });
  const out = new OutputCollector();
  const env = setup({ args: ["prog", "x"], env: ["A=1"], stdout: out, preopens: { "/sandbox": fs.root } });
  env.u8().fill(0x5a, 0, 1024);
  const file = open(env, "f.txt");
  const args: (number | bigint)[] = [];
  const ptrs: Ptr[] = [];
  let lastWithLen: Ptr | null = null;
  sig.params.forEach((p, index) => {
    const [kind, a = "", b = ""] = p.split(":");
    if (kind === "fd") {
      args.push(a === "out" ? 1 : a === "dir" ? 3 : file);
    } else if (kind === "u32") {
      args.push(Number(a));
    } else if (kind === "i64") {
      args.push(BigInt(a));
    } else if (kind === "len") {
      if (lastWithLen === null) throw new Error(`${sig.name}: len without a pointer`);
      lastWithLen.lenIndex = index;
      args.push(lastWithLen.kind === "iovs" || lastWithLen.kind === "subs" ? 1 : lastWithLen.size);
      lastWithLen = null;
    } else if (kind === "ptr") {
      let ptr: Ptr;
      if (a.startsWith("out")) {
        const size = Number(a.slice(3));
        ptr = { index, size, lenIndex: null, kind: "out" };
        args.push(env.alloc(size));
      } else if (a === "buf") {
        ptr = { index, size: Number(b), lenIndex: null, kind: "buf" };
        args.push(env.alloc(ptr.size));
      } else if (a === "path") {
        const [at, len] = env.put(b);
        ptr = { index, size: len, lenIndex: null, kind: "path" };
        args.push(at);
      } else if (a === "iovs") {
        const [iovs, buf] = env.iov(b === "w" ? "payload!" : 8);
        ptr = { index, size: 8, lenIndex: null, kind: "iovs", iovBuf: buf };
        args.push(iovs);
      } else if (a === "subs") {
        const s = env.alloc(48);
        const dv = env.dv();
        dv.setBigUint64(s, 1n, true);
        dv.setUint8(s + 8, EventType.CLOCK);
        dv.setUint32(s + 16, ClockId.MONOTONIC, true);
        dv.setBigUint64(s + 24, 0n, true);
        dv.setUint16(s + 40, 0, true);
        ptr = { index, size: 48, lenIndex: null, kind: "subs" };
        args.push(s);
      } else {
        throw new Error(`${sig.name}: unknown pointer kind ${p}`);
      }
      ptrs.push(ptr);
      if (ptr.kind !== "out") lastWithLen = ptr;
    } else {
      throw new Error(`${sig.name}: unknown parameter kind ${p}`);
    }
  });
  for (const ptr of ptrs) if (ptr.kind !== "out" && ptr.lenIndex === null) throw new Error(`${sig.name}: pointer without len`);
  return { env, fs, out, args, ptrs };
}

function call(b: Built, name: Preview1Name, args: (number | bigint)[]): number {
  const f = b.env.wasi.wasiImport[name] as (...a: (number | bigint)[]) => number;
  return f(...args);
}

function expectedOf(sig: Sig): number {
  return sig.expect === undefined ? 0 : Errno[sig.expect];
}

/** Call with `args`; expect `errno`, no side effect at all, then a valid call to still work. */
function expectFault(sig: Sig, b: Built, args: (number | bigint)[], errno: number, restore?: () => void): void {
  const memBefore = b.env.u8().slice();
  const fsBefore = b.fs.toObject();
  let got: number;
  try {
    got = call(b, sig.name, args);
  } catch (e) {
    throw new Error(`${sig.name}(${args.join(", ")}) threw ${(e as Error).name}: ${(e as Error).message}`);
  }
  expect(errnoName(got), `${sig.name}(${args.join(", ")})`).toBe(errnoName(errno));
  expect(b.env.u8().length).toBe(memBefore.length);
  const after = b.env.u8();
  let firstDiff = -1;
  for (let i = 0; i < after.length; i++) if (after[i] !== memBefore[i]) { firstDiff = i; break; }
  expect(firstDiff, "first modified byte of guest memory").toBe(-1);
  expect(b.fs.toObject()).toEqual(fsBefore);
  expect(b.out.length).toBe(0);
  restore?.();
  expect(errnoName(call(b, sig.name, b.args))).toBe(errnoName(expectedOf(sig)));
}

describe("the signature table", () => {
  it("lists each of the 46 preview1 functions exactly once", () => {
    expect(SIGNATURES.map((s) => s.name).sort()).toEqual([...PREVIEW1_FUNCTIONS].sort());
    expect(SIGNATURES.length).toBe(46);
  });

  it("has the parameter count of each import of 1 to 5 parameters (the wrappers' arity)", () => {
    const wasi = build(SIGNATURES[0]!).env.wasi;
    // The rarer counts (0: sched_yield; 6 and 7: path_link, path_rename, ...) share the
    // 9-parameter wrapper (imports.ts says why).
    const arity = (n: number): number => (n >= 1 && n <= 5 ? n : 9);
    for (const s of SIGNATURES) expect(wasi.wasiImport[s.name].length, s.name).toBe(arity(s.params.length));
  });
});

const SIZE = PAGE;
const OVERFLOW_LEN = 0xffff_fff0 | 0; // as wasm passes an i32

for (const sig of SIGNATURES) {
  describe(sig.name, () => {
    it(`valid arguments give ${sig.expect ?? "SUCCESS"}`, () => {
      const b = build(sig);
      if (sig.name === "proc_exit") {
        expect(() => call(b, sig.name, b.args)).toThrow(ProcExit);
        return;
      }
      expect(errnoName(call(b, sig.name, b.args))).toBe(errnoName(expectedOf(sig)));
    });

    const { ptrs } = build(sig);
    if (ptrs.length === 0) {
      it.skip("has no pointer parameters", () => {});
      return;
    }
    const fault = sig.expect === undefined ? Errno.FAULT : Errno[sig.expect];

    for (const ptr of ptrs) {
      const label = `${sig.params[ptr.index]} (param ${ptr.index})`;

      it(`${label} = memory size → ${errnoName(fault)}`, () => {
        const b = build(sig);
        const args = [...b.args];
        args[ptr.index] = SIZE;
        expectFault(sig, b, args, fault);
      });

      if (ptr.size > 1) {
        it(`${label} = memory size - 1 (straddles the end) → ${errnoName(fault)}`, () => {
          const b = build(sig);
          const args = [...b.args];
          args[ptr.index] = SIZE - 1;
          expectFault(sig, b, args, fault);
        });
      }

      it(`${label} = 0xFFFFFFF8 (the i32 -8) → ${errnoName(fault)}`, () => {
        const b = build(sig);
        const args = [...b.args];
        args[ptr.index] = 0xffff_fff8 | 0;
        expectFault(sig, b, args, fault);
      });

      if (ptr.lenIndex !== null) {
        const lenIndex = ptr.lenIndex;
        it(`${label} = size - 4 with length 0xFFFFFFF0 (sum overflows) → ${errnoName(fault)}`, () => {
          const b = build(sig);
          const args = [...b.args];
          args[ptr.index] = SIZE - 4;
          args[lenIndex] = OVERFLOW_LEN;
          expectFault(sig, b, args, fault);
        });
      }

      if (ptr.kind === "iovs") {
        it(`${label}: an iovec whose buffer straddles the end → ${errnoName(fault)}`, () => {
          const b = build(sig);
          const iovs = b.args[ptr.index] as number;
          const dv = b.env.dv();
          dv.setUint32(iovs, SIZE - 2, true);
          expectFault(sig, b, b.args, fault, () => dv.setUint32(iovs, ptr.iovBuf!, true));
        });
      }

      if (sig.expect === undefined) {
        it(`${label} ending exactly at the end of memory works`, () => {
          const b = build(sig);
          const args = [...b.args];
          const from = args[ptr.index] as number;
          const at = SIZE - ptr.size;
          const u8 = b.env.u8();
          u8.copyWithin(at, from, from + ptr.size);
          if (ptr.kind === "iovs") {
            // the iovec moved; its buffer did not
            expect(b.env.u32(at)).toBe(ptr.iovBuf);
          }
          args[ptr.index] = at;
          expect(errnoName(call(b, sig.name, args))).toBe("SUCCESS");
        });
      }
    }
  });
}

describe("zero-length buffers", () => {
  it("may point anywhere, even past the end (nothing is accessed)", () => {
    const b = build(SIGNATURES.find((s) => s.name === "random_get")!);
    expect(b.env.w.random_get(SIZE, 0)).toBe(0);
    const [iovs] = b.env.iov(new Uint8Array(0));
    b.env.dv().setUint32(iovs, SIZE, true);
    expect(b.env.w.fd_write(1, iovs, 1, b.env.alloc(4))).toBe(0);
    expect(b.env.w.fd_write(1, SIZE, 0, b.env.alloc(4))).toBe(0);
    expect(b.out.length).toBe(0);
  });
});

describe("no hidden side effects", () => {
  it("path_open with O_CREAT and a bad fd pointer creates nothing and allocates no descriptor", () => {
    const b = build(SIGNATURES.find((s) => s.name === "path_open")!);
    const [p, len] = b.env.put("created.txt");
    expect(b.env.w.path_open(3, 0, p, len, 1 /* CREAT */, 0n, 0n, 0, SIZE - 2)).toBe(Errno.FAULT);
    expect(b.fs.exists("created.txt")).toBe(false);
    const fdPtr = b.env.alloc(4);
    expect(b.env.w.path_open(3, 0, p, len, 1, 0n, 0n, 0, fdPtr)).toBe(0);
    expect(b.env.u32(fdPtr)).toBe(5); // 0-2 stdio, 3 preopen, 4 the file opened by build()
  });

  it("fd_seek with a bad result pointer does not move the cursor", () => {
    const b = build(SIGNATURES.find((s) => s.name === "fd_tell")!);
    const fd = b.args[0] as number;
    expect(b.env.w.fd_seek(fd, 5n, 0, SIZE)).toBe(Errno.FAULT);
    const p = b.env.alloc(8);
    expect(b.env.w.fd_tell(fd, p)).toBe(0);
    expect(b.env.u64(p)).toBe(0n);
  });

  it("fd_read with a bad nread pointer consumes nothing from stdin", () => {
    const env = setup({ stdin: "abc" });
    const [iovs, buf] = env.iov(8);
    expect(env.w.fd_read(0, iovs, 1, SIZE)).toBe(Errno.FAULT);
    const n = env.alloc(4);
    expect(env.w.fd_read(0, iovs, 1, n)).toBe(0);
    expect(env.text(buf, env.u32(n))).toBe("abc");
  });
});
