/**
 * Boundary fuzzing (issue 16): every guest-controlled number that reaches a host filesystem API —
 * offsets, lengths, sizes, timestamps, whence, advice and time flags — at its extremes (0, 2^31,
 * 2^32, 2^53 − 1, 2^53, 2^53 + 1, 2^63 − 1, 2^64 − 1, their neighbours, and any u64), on MemFS and
 * on NodeFS over a real directory. The calls cross a real wasm boundary (fixtures/boundaries.wat,
 * one trampoline per import), so an i64 arrives exactly as a compiled guest's would.
 *
 * Three oracles for each call:
 * - never a host exception: every call returns an errno;
 * - a model of Linux's rules (`rw_verify_area`, `generic_write_check_limits`, `inode_newsize_ok`,
 *   `vfs_fallocate`, lseek as wasmtime's preview1 does it), given the backend's largest file size
 *   (MemFS: 4 GiB; NodeFS: what Node can express, 2^53 − 1, or less if the kernel's filesystem
 *   says so, probed with `ftruncate`);
 * - the backends against each other (errno, count, cursor, size, first bytes, times) wherever that
 *   model gives both the same answer, and NodeFS against Node's own `fs` on a twin file wherever
 *   Node can express the number.
 *
 * Seeds are fixed (set BOUNDARY_SEED to hunt further); regressions found are kept as named tests.
 */
import fc from "fast-check";
import * as nfs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Errno, MemFS, WASI, errnoName, type Clock, type DirectoryHandle } from "@anywasi/core";
import { spawnSync } from "node:child_process";
import { NodeFS } from "../../packages/host-node/src/index.js";
// Worker mode loads its entry by URL: only the built package has it.
import { run } from "../../packages/host-node/dist/index.js";

const TWO64 = 1n << 64n;
const I64_MAX = (1n << 63n) - 1n;
const EXTREMES = [0n, 1n << 31n, 1n << 32n, (1n << 53n) - 1n, 1n << 53n, (1n << 53n) + 1n, I64_MAX, TWO64 - 1n];
const CONTENT = "0123456789";
const NOW = 1_700_000_000_123_456_789n;
const T0 = 1_000_000_000_000_000_001n;
const MEMFS_LIMIT = 1n << 32n;

// Guest memory layout (one page).
const IOV = 0x100, BUF = 0x200, OUT = 0x300, STAT = 0x400, PATH = 0x500, RBUF = 0x600;

type Backend = "memfs" | "nodefs";
interface Guest {
  fd_pread(fd: number, iovs: number, n: number, off: bigint, out: number): number;
  fd_pwrite(fd: number, iovs: number, n: number, off: bigint, out: number): number;
  fd_read(fd: number, iovs: number, n: number, out: number): number;
  fd_write(fd: number, iovs: number, n: number, out: number): number;
  fd_seek(fd: number, off: bigint, whence: number, out: number): number;
  fd_filestat_get(fd: number, out: number): number;
  fd_filestat_set_size(fd: number, size: bigint): number;
  fd_allocate(fd: number, off: bigint, len: bigint): number;
  fd_advise(fd: number, off: bigint, len: bigint, advice: number): number;
  fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number): number;
  path_filestat_set_times(fd: number, lookup: number, path: number, len: number, atim: bigint, mtim: bigint, flags: number): number;
  path_open(fd: number, lookup: number, path: number, len: number, oflags: number, base: bigint, inh: bigint, fdflags: number, out: number): number;
}

const module = new WebAssembly.Module(nfs.readFileSync(new URL("./fixtures/boundaries.wasm", import.meta.url)));
const clock: Clock = { now: () => NOW, resolution: () => 1n };

let root = "";
let runs = 0;
/** NodeFS's effective limit: what Node can express, or less when the kernel's filesystem says so. */
let nodeLimit = 0n;

beforeAll(() => {
  root = nfs.mkdtempSync(join(tmpdir(), "anywasi-bounds-"));
  // The largest size ftruncate accepts is the filesystem's s_maxbytes (ext4: 2^44 − 4096).
  const probe = join(root, "probe");
  const fd = nfs.openSync(probe, "w");
  let lo = 1n << 32n, hi = BigInt(Number.MAX_SAFE_INTEGER);
  try {
    nfs.ftruncateSync(fd, Number(hi));
    lo = hi;
  } catch {
    while (lo < hi) {
      const mid = (lo + hi + 1n) / 2n;
      try {
        nfs.ftruncateSync(fd, Number(mid));
        lo = mid;
      } catch {
        hi = mid - 1n;
      }
    }
  }
  nfs.closeSync(fd);
  nfs.rmSync(probe);
  nodeLimit = lo;
});
afterAll(() => nfs.rmSync(root, { recursive: true, force: true }));

interface World { g: Guest; mem: () => DataView; fd: number; dir: string | null; close(): void }

function world(backend: Backend): World {
  let dir: string | null = null;
  let fsRoot: DirectoryHandle;
  let close = () => {};
  if (backend === "memfs") {
    fsRoot = MemFS.from({ f: CONTENT }).root;
  } else {
    dir = join(root, `w${runs++}`);
    nfs.mkdirSync(dir);
    nfs.writeFileSync(join(dir, "f"), CONTENT);
    const fs = new NodeFS(dir);
    fsRoot = fs.root;
    const d = dir;
    close = () => { fs.close(); nfs.rmSync(d, { recursive: true, force: true }); };
  }
  const memory = new WebAssembly.Memory({ initial: 1 });
  const wasi = new WASI({ preopens: { "/": fsRoot }, clock });
  const inst = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport, env: { memory } });
  wasi.initialize({ exports: { memory } } as unknown as WebAssembly.Instance);
  const g = inst.exports as unknown as Guest;
  const mem = () => new DataView(memory.buffer);
  new Uint8Array(memory.buffer).set([0x66], PATH);
  new Uint8Array(memory.buffer).set([0x7a, 0x7a], BUF); // "zz"
  expect(g.path_open(3, 0, PATH, 1, 0, 0xFFFF_FFFFn, 0n, 0, OUT)).toBe(0);
  const fd = mem().getUint32(OUT, true);
  // Known times, so that "unchanged" means the same on both backends.
  expect(g.fd_filestat_set_times(fd, T0, T0, 1 | 4)).toBe(0);
  return { g, mem, fd, dir, close };
}

/** One call with its arguments; `value`s are u64 bit patterns (as the guest holds them). */
type Op =
  | { k: "pwrite"; off: bigint; len: number }
  | { k: "pread"; off: bigint; len: number }
  | { k: "seek"; base: bigint; off: bigint; whence: number; then: "write" | "read" | "none" }
  | { k: "setSize"; size: bigint }
  | { k: "resize2"; size: bigint; then: bigint }
  | { k: "allocate"; off: bigint; len: bigint }
  | { k: "advise"; off: bigint; len: bigint; advice: number }
  | { k: "fdTimes"; atim: bigint; mtim: bigint; flags: number }
  | { k: "pathTimes"; atim: bigint; mtim: bigint; flags: number; lookup: number };

interface Outcome { errno: string; n?: number; pos?: bigint; size?: bigint; head?: string; atim?: bigint; mtim?: bigint }

function setIov(w: World, buf: number, len: number): void {
  w.mem().setUint32(IOV, buf, true);
  w.mem().setUint32(IOV + 4, len, true);
}

/** Perform `op`; any exception (a host error escaping as such) is returned as a THROW outcome. */
function perform(w: World, op: Op): Outcome {
  const { g, fd } = w;
  let e: number;
  let n: number | undefined;
  try {
    switch (op.k) {
      case "pwrite":
        setIov(w, BUF, op.len);
        e = g.fd_pwrite(fd, IOV, 1, op.off, OUT);
        if (e === 0) n = w.mem().getUint32(OUT, true);
        break;
      case "pread":
        setIov(w, RBUF, op.len);
        e = g.fd_pread(fd, IOV, 1, op.off, OUT);
        if (e === 0) n = w.mem().getUint32(OUT, true);
        break;
      case "seek":
        g.fd_seek(fd, op.base, 0, OUT);
        e = g.fd_seek(fd, op.off, op.whence, OUT);
        if (e === 0 && op.then !== "none") {
          setIov(w, op.then === "write" ? BUF : RBUF, 2);
          e = op.then === "write" ? g.fd_write(fd, IOV, 1, OUT) : g.fd_read(fd, IOV, 1, OUT);
          if (e === 0) n = w.mem().getUint32(OUT, true);
        }
        break;
      case "setSize":
        e = g.fd_filestat_set_size(fd, op.size);
        break;
      case "resize2": {
        const first = g.fd_filestat_set_size(fd, op.size);
        e = g.fd_filestat_set_size(fd, op.then);
        if (first !== 0 || e !== 0) return { errno: `${errnoName(first)},${errnoName(e)}` };
        break;
      }
      case "allocate":
        e = g.fd_allocate(fd, op.off, op.len);
        break;
      case "advise":
        e = g.fd_advise(fd, op.off, op.len, op.advice);
        break;
      case "fdTimes":
        e = g.fd_filestat_set_times(fd, op.atim, op.mtim, op.flags);
        break;
      case "pathTimes":
        e = g.path_filestat_set_times(3, op.lookup, PATH, 1, op.atim, op.mtim, op.flags);
        break;
    }
  } catch (err) {
    return { errno: `THROW ${(err as Error).name}: ${(err as Error).message}` };
  }
  const out: Outcome = { errno: errnoName(e) };
  if (n !== undefined) out.n = n;
  // Observe: the cursor, the size, the first bytes, the times (only where both backends agree on
  // their meaning: a write sets mtim from each filesystem's own clock).
  expect(g.fd_seek(fd, 0n, 1, OUT)).toBe(0);
  out.pos = w.mem().getBigUint64(OUT, true);
  expect(g.fd_filestat_get(fd, STAT)).toBe(0);
  out.size = w.mem().getBigUint64(STAT + 32, true);
  if (op.k === "fdTimes" || op.k === "pathTimes") {
    out.atim = w.mem().getBigUint64(STAT + 40, true);
    out.mtim = w.mem().getBigUint64(STAT + 48, true);
  }
  setIov(w, RBUF, 10);
  expect(g.fd_pread(fd, IOV, 1, 0n, OUT)).toBe(0);
  out.head = new TextDecoder().decode(new Uint8Array(w.mem().buffer, RBUF, w.mem().getUint32(OUT, true)));
  return out;
}

// ------------------------------------------------------------------------------------------------
// The model: Linux's answer for a file of CONTENT on a filesystem whose largest file is `limit`.

const s64 = (v: bigint) => BigInt.asIntN(64, v);
const u64 = (v: bigint) => BigInt.asUintN(64, v);
const MEM_ROOM = 65536;

/** Errno and count of a transfer of `len` bytes at `at` (already a valid offset), and the new size. */
function transferModel(at: bigint, len: number, buf: number, write: boolean, size: bigint, limit: bigint): { errno: string; n?: number; size: bigint } {
  if (buf + len > MEM_ROOM) return { errno: "FAULT", size };
  if (len === 0) return { errno: "SUCCESS", n: 0, size };
  const end = at + BigInt(len);
  if (end > I64_MAX) return { errno: "INVAL", size };
  if (write) {
    if (at >= limit) return { errno: "FBIG", size };
    const n = end > limit ? Number(limit - at) : len;
    const newEnd = at + BigInt(n);
    return { errno: "SUCCESS", n, size: newEnd > size ? newEnd : size };
  }
  if (at >= size) return { errno: "SUCCESS", n: 0, size };
  const n = Number(end > size ? size - at : BigInt(len));
  return { errno: "SUCCESS", n, size };
}

/** The model's errno, count, cursor and size (times are checked separately). */
function model(op: Op, limit: bigint): Outcome {
  const size0 = BigInt(CONTENT.length);
  switch (op.k) {
    case "pwrite":
    case "pread": {
      const at = u64(op.off);
      if ((op.k === "pwrite" ? BUF : RBUF) + op.len > MEM_ROOM) return { errno: "FAULT", pos: 0n, size: size0 };
      if (at > I64_MAX) return { errno: "INVAL", pos: 0n, size: size0 };
      const r = transferModel(at, op.len, op.k === "pwrite" ? BUF : RBUF, op.k === "pwrite", size0, limit);
      return { errno: r.errno, ...(r.n !== undefined ? { n: r.n } : {}), pos: 0n, size: r.size };
    }
    case "seek": {
      const base = u64(op.base) <= I64_MAX ? u64(op.base) : 0n;
      let target: bigint;
      if (op.whence === 0) target = s64(op.off);
      else if (op.whence === 1) target = base + s64(op.off);
      else if (op.whence === 2) target = size0 + s64(op.off);
      else return { errno: "INVAL", pos: base, size: size0 };
      if (target < 0n || target > I64_MAX) return { errno: "INVAL", pos: base, size: size0 };
      if (op.then === "none") return { errno: "SUCCESS", pos: target, size: size0 };
      const r = transferModel(target, 2, op.then === "write" ? BUF : RBUF, op.then === "write", size0, limit);
      const pos = target + BigInt(r.n ?? 0);
      return { errno: r.errno, ...(r.n !== undefined ? { n: r.n } : {}), pos, size: r.size };
    }
    case "setSize": {
      const s = u64(op.size);
      if (s > I64_MAX) return { errno: "INVAL", pos: 0n, size: size0 };
      if (s > limit) return { errno: "FBIG", pos: 0n, size: size0 };
      return { errno: "SUCCESS", pos: 0n, size: s };
    }
    case "resize2": {
      const a = model({ k: "setSize", size: op.size }, limit);
      const b = model({ k: "setSize", size: op.then }, limit);
      if (a.errno !== "SUCCESS" || b.errno !== "SUCCESS") return { errno: `${a.errno},${b.errno}` };
      return b;
    }
    case "allocate": {
      const o = s64(op.off), l = s64(op.len);
      if (o < 0n || l <= 0n) return { errno: "INVAL", pos: 0n, size: size0 };
      if (o + l > limit) return { errno: "FBIG", pos: 0n, size: size0 };
      return { errno: "SUCCESS", pos: 0n, size: o + l > size0 ? o + l : size0 };
    }
    case "advise": {
      const bad = op.advice < 0 || op.advice > 5 || s64(op.off) < 0n || s64(op.len) < 0n;
      return { errno: bad ? "INVAL" : "SUCCESS", pos: 0n, size: size0 };
    }
    case "fdTimes":
    case "pathTimes": {
      const f = op.flags;
      const bad = (f & ~0xF) !== 0 || (f & 3) === 3 || (f & 12) === 12;
      if (bad) return { errno: "INVAL", pos: 0n, size: size0, atim: T0, mtim: T0 };
      const atim = (f & 1) !== 0 ? u64(op.atim) : (f & 2) !== 0 ? NOW : T0;
      const mtim = (f & 4) !== 0 ? u64(op.mtim) : (f & 8) !== 0 ? NOW : T0;
      return { errno: "SUCCESS", pos: 0n, size: size0, atim, mtim };
    }
  }
}

/** The expected first bytes of the file after `op`, from the model's outcome. */
function modelHead(op: Op, m: Outcome): string {
  const size = m.size ?? 10n;
  if (op.k === "resize2") {
    const min = (...vs: bigint[]) => vs.reduce((a, b) => (a < b ? a : b));
    return CONTENT.slice(0, Number(min(u64(op.size), u64(op.then), 10n))).padEnd(Number(min(u64(op.then), 10n)), "\0");
  }
  let head = CONTENT.slice(0, Number(size < 10n ? size : 10n)).padEnd(Number(size < 10n ? size : 10n), "\0");
  if (m.errno === "SUCCESS" && (m.n ?? 0) > 0) {
    const at = op.k === "pwrite" ? u64(op.off) : op.k === "seek" && op.then === "write" ? (m.pos ?? 0n) - BigInt(m.n ?? 0) : null;
    if (at !== null && at < 10n) {
      const chars = head.split("");
      for (let i = 0; i < (m.n ?? 0); i++) if (Number(at) + i < chars.length) chars[Number(at) + i] = "z";
      head = chars.join("");
    }
  }
  return head;
}

function check(op: Op, backend: Backend, got: Outcome, limit: bigint): void {
  expect(got.errno, `${backend} ${show(op)}`).not.toMatch(/^THROW/);
  const m = model(op, limit);
  const want: Outcome = m.size === undefined ? m : { ...m, head: modelHead(op, m) };
  expect(got, `${backend} ${show(op)} (limit ${limit})`).toEqual(want);
}

// ------------------------------------------------------------------------------------------------
// Node's own fs on a twin file: the oracle where Node can express the number.

function nodeErr(f: () => number): { errno: string; n?: number } {
  try {
    return { errno: "SUCCESS", n: f() };
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    if (!code.startsWith("E") || !(code.slice(1) in Errno)) throw e;
    return { errno: code.slice(1) };
  }
}

function nodeOracle(w: World, op: Op, got: Outcome): void {
  if (w.dir === null) return;
  const twin = join(w.dir, "twin");
  nfs.writeFileSync(twin, CONTENT);
  const fd = nfs.openSync(twin, "r+");
  try {
    let r: { errno: string; n?: number } | null = null;
    const safe = (v: bigint) => v <= BigInt(Number.MAX_SAFE_INTEGER);
    if (op.k === "pwrite" && op.len === 2 && safe(u64(op.off))) {
      r = nodeErr(() => nfs.writeSync(fd, Buffer.from("zz"), 0, 2, Number(op.off)));
    } else if (op.k === "pread" && op.len === 2 && u64(op.off) <= I64_MAX - 2n) {
      r = nodeErr(() => nfs.readSync(fd, Buffer.alloc(2), 0, 2, u64(op.off)));
    } else if (op.k === "setSize" && safe(u64(op.size))) {
      r = nodeErr(() => { nfs.ftruncateSync(fd, Number(op.size)); return 0; });
      if (r.errno === "SUCCESS") delete r.n;
    }
    if (r === null) return;
    expect({ errno: got.errno, n: got.n }, `node:fs ${show(op)}`).toEqual({ errno: r.errno, n: r.n });
    expect(got.size, `node:fs size ${show(op)}`).toBe(nfs.fstatSync(fd, { bigint: true }).size);
  } finally {
    nfs.closeSync(fd);
  }
}

function show(x: Op | Outcome): string {
  return JSON.stringify(x, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

/** Run `op` on both backends and apply every oracle. */
function runBoth(op: Op): void {
  const results: Partial<Record<Backend, Outcome>> = {};
  for (const backend of ["memfs", "nodefs"] as const) {
    const w = world(backend);
    try {
      const got = perform(w, op);
      check(op, backend, got, backend === "memfs" ? MEMFS_LIMIT : nodeLimit);
      if (backend === "nodefs") nodeOracle(w, op, got);
      results[backend] = got;
    } finally {
      w.close();
    }
  }
  // Where the model answers the same for both limits, the backends agree on everything observed.
  if (show(model(op, MEMFS_LIMIT)) === show(model(op, nodeLimit))) expect(results.nodefs, `memfs vs nodefs ${show(op)}`).toEqual(results.memfs);
}

// ------------------------------------------------------------------------------------------------
// Arbitraries.

const value: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...EXTREMES) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...EXTREMES), fc.integer({ min: -2, max: 2 })).map(([v, d]) => u64(v + BigInt(d))) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: TWO64 - 1n }) },
);
const small: fc.Arbitrary<bigint> = fc.constantFrom(0n, 1n, 2n, 9n, 10n, 11n, 4096n);
const num: fc.Arbitrary<bigint> = fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: small });
const iovLen = fc.constantFrom(0, 2, 2, 2, 2 ** 31, 0xFFFF_FFFF);
const i32 = (...vs: number[]) => fc.constantFrom(...vs);

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant("pwrite" as const), off: num, len: iovLen }),
  fc.record({ k: fc.constant("pread" as const), off: num, len: iovLen }),
  fc.record({
    k: fc.constant("seek" as const), base: num, off: num, whence: i32(0, 1, 2, 0, 1, 2, 3, 255, 256, -1, 0x7FFF_FFFF),
    then: fc.constantFrom("write" as const, "read" as const, "none" as const),
  }),
  fc.record({ k: fc.constant("setSize" as const), size: num }),
  fc.record({ k: fc.constant("resize2" as const), size: num, then: num }),
  fc.record({ k: fc.constant("allocate" as const), off: num, len: num }),
  fc.record({ k: fc.constant("advise" as const), off: num, len: num, advice: i32(0, 3, 5, 6, 255, 256, -1, 1 << 31) }),
  fc.record({ k: fc.constant("fdTimes" as const), atim: num, mtim: num, flags: i32(0, 1, 4, 5, 10, 3, 12, 15, 16, 0xFFFF, 0x10005, -1) }),
  fc.record({
    k: fc.constant("pathTimes" as const), atim: num, mtim: num, flags: i32(0, 1, 4, 5, 10, 3, 12, 15, 16, 0xFFFF, -1),
    lookup: i32(0, 1),
  }),
);

const SEED = process.env.BOUNDARY_SEED === undefined ? 0x16b0 : Number(process.env.BOUNDARY_SEED);

describe("boundary fuzzing: extreme numbers reach no host API unchecked (MemFS and NodeFS)", () => {
  it("every call on both backends matches Linux's rules, each other, and node:fs (fixed seed)", () => {
    fc.assert(fc.property(op, (o) => runBoth(o)), { seed: SEED, numRuns: 200 });
  }, 60_000);

  it("every extreme offset for pwrite, pread, seek+write and ftruncate, exhaustively", () => {
    for (const v of EXTREMES) {
      runBoth({ k: "pwrite", off: v, len: 2 });
      runBoth({ k: "pread", off: v, len: 2 });
      runBoth({ k: "seek", base: 0n, off: v, whence: 0, then: "write" });
      runBoth({ k: "seek", base: v, off: 0n, whence: 1, then: "read" });
      runBoth({ k: "setSize", size: v });
      runBoth({ k: "allocate", off: v, len: 1n });
      runBoth({ k: "allocate", off: 1n, len: v });
      runBoth({ k: "fdTimes", atim: v, mtim: v, flags: 5 });
      runBoth({ k: "pathTimes", atim: v, mtim: v, flags: 5, lookup: 0 });
    }
  }, 60_000);
});

describe("regressions from issue 16", () => {
  it("MemFS: a 4 GiB file shrinks at once (engines zero a shrinking resizable buffer page by page: a minute)", () => {
    const w = world("memfs");
    try {
      const t0 = performance.now();
      expect(perform(w, { k: "resize2", size: 1n << 32n, then: 10n })).toMatchObject({ errno: "SUCCESS", size: 10n, head: CONTENT });
      expect(perform(w, { k: "pwrite", off: (1n << 32n) - 2n, len: 2 })).toMatchObject({ errno: "SUCCESS", n: 2, size: 1n << 32n });
      expect(perform(w, { k: "resize2", size: 5n, then: 20n })).toMatchObject({ errno: "SUCCESS", size: 20n, head: "01234\0\0\0\0\0" });
      expect(performance.now() - t0).toBeLessThan(5000);
    } finally {
      w.close();
    }
  });

  it("pwrite at 2^53 on a real file is FBIG and leaves the start of the file alone (it wrote at 0)", () => {
    const w = world("nodefs");
    try {
      const got = perform(w, { k: "pwrite", off: 1n << 53n, len: 2 });
      expect(got.errno).toBe("FBIG");
      expect(nfs.readFileSync(join(w.dir!, "f"), "utf8")).toBe(CONTENT);
    } finally {
      w.close();
    }
  });

  it("lseek to 2^53 and write on a real file is FBIG and leaves the file alone", () => {
    const w = world("nodefs");
    try {
      const got = perform(w, { k: "seek", base: 0n, off: 1n << 53n, whence: 0, then: "write" });
      expect(got.errno).toBe("FBIG");
      expect(got.pos).toBe(1n << 53n);
      expect(nfs.readFileSync(join(w.dir!, "f"), "utf8")).toBe(CONTENT);
    } finally {
      w.close();
    }
  });

  it("ftruncate to 2^63 - 1 on a real file is FBIG, not a host RangeError", () => {
    for (const backend of ["nodefs", "memfs"] as const) {
      const w = world(backend);
      try {
        expect(perform(w, { k: "setSize", size: I64_MAX }).errno).toBe("FBIG");
      } finally {
        w.close();
      }
    }
  });
});

describe("huge offsets end to end on a real directory (fixtures/huge-offsets.wat)", () => {
  const wasm = new URL("./fixtures/huge-offsets.wasm", import.meta.url);
  const cli = new URL("../../packages/host-node/dist/cli.js", import.meta.url).pathname;
  function realDir(): string {
    const dir = join(root, `e2e${runs++}`);
    nfs.mkdirSync(dir);
    nfs.writeFileSync(join(dir, "f"), CONTENT);
    return dir;
  }

  it("run(): the guest gets FBIG for ftruncate(2^63 - 1) and pwrite at 2^53; run() resolves, the file is intact", async () => {
    for (const worker of [false, true]) {
      const dir = realDir();
      const r = await run(nfs.readFileSync(wasm), { dirs: { "/": dir }, stdin: "", worker });
      expect(r.exitCode, `worker: ${worker}`).toBe(0);
      expect(nfs.readFileSync(join(dir, "f"), "utf8")).toBe(CONTENT);
    }
  }, 30_000);

  it("anywasi run: exit 0, not a crash (134)", () => {
    const dir = realDir();
    const r = spawnSync(process.execPath, [cli, "run", "--dir", `${dir}::/`, wasm.pathname], { encoding: "utf8", timeout: 20_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(nfs.readFileSync(join(dir, "f"), "utf8")).toBe(CONTENT);
  }, 30_000);
});
