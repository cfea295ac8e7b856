#!/usr/bin/env node
// Row 4 (64 MiB file: 4 KiB writes, fsync, read back) against its floors. Each runtime runs
// bench program 4 in a fresh process, in turn, `--procs` rounds; the figure is `start()` alone
// (run ms, as the bench reports it), median and minimum over the rounds.
//
//   node bench/micro/floor4.mjs [--procs 7] [--size 64]
//
// Runtimes: node:wasi, anywasi core + MemFS and @anywasi/node (the bench's own drivers), and three
// floors built from the least JavaScript a WASI file can be — import functions that do only what
// program 4 needs, with no checks, no descriptor table, no rights, no errno mapping:
//   floor-mem   the file's bytes in a resizable ArrayBuffer grown by doubling (as MemFS grows);
//               each write and read one `TypedArray.set` of the guest's 4 KiB
//   floor-disk  the file on a real directory under /dev/shm: `fs.writeSync`/`fs.readSync` of the
//               guest's memory at the file's own cursor, `fs.fsyncSync`
//   guest-only  file calls answered without copying (the guest's own work: generating, hashing;
//               it then fails its final check, which does not change the time)
//   touch       no guest: the same bytes written into a growing resizable buffer and read back,
//               4 KiB at a time (the JavaScript operation under floor-mem)
// A floor is what any JavaScript runtime must pay for the row on this machine: floor-mem bounds an
// in-memory file (core + MemFS), floor-disk a file through `node:fs` (@anywasi/node).
import * as fs from "node:fs";
import { options, runInTurn } from "./lib/in-turn.mjs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const BENCH = dirname(dirname(SELF));
const PROGRAM = join(BENCH, "programs/4-file-io.wasm");

if (process.argv[2] === "--one") {
  const [, , , variant, workdir, size] = process.argv;
  const result = variant === "touch" ? touch(Number(size)) : floorRun(variant, workdir, size);
  fs.writeSync(3, JSON.stringify(result) + "\n");
  process.exit(0);
}

/**
 * The JavaScript operation under floor-mem, without a guest: `mib` MiB written in 4 KiB `set`s
 * into a resizable buffer grown by doubling, then read back in 4 KiB `set`s. Most of it is the
 * first touch of fresh memory (a page fault per 4 KiB page).
 */
function touch(mib) {
  const src = new Uint8Array(4096).fill(7);
  const t0 = performance.now();
  const faults0 = process.resourceUsage().minorPageFault;
  const store = new ArrayBuffer(0, { maxByteLength: 2 ** 32 });
  let bytes = new Uint8Array(store);
  for (let at = 0; at < mib << 20; at += 4096) {
    if (at + 4096 > bytes.length) {
      store.resize(Math.max(at + 4096, bytes.length * 2, 64));
      bytes = new Uint8Array(store);
    }
    bytes.set(src, at);
  }
  for (let at = 0; at < mib << 20; at += 4096) src.set(bytes.subarray(at, at + 4096));
  return { runMs: performance.now() - t0, faults: process.resourceUsage().minorPageFault - faults0 };
}

/** Runs program 4 on one floor variant in this process; returns `{ runMs }`. */
function floorRun(variant, workdir, size) {
  const module = new WebAssembly.Module(fs.readFileSync(PROGRAM));
  const args = ["4-file-io", size].map((a) => new TextEncoder().encode(`${a}\0`));
  let mem = null;
  let dv = null;
  const view = () => {
    if (dv === null || dv.buffer !== mem.buffer) dv = new DataView(mem.buffer);
    return dv;
  };
  const enc = new TextEncoder();
  // The one file: bytes and length (floor-mem), or a host fd (floor-disk); a cursor either way.
  let store = new ArrayBuffer(0, { maxByteLength: 2 ** 32 });
  let bytes = new Uint8Array(store);
  let length = 0;
  let cursor = 0;
  let hostFd = -1;
  const FILE = 4;
  const path = join(workdir, "bench-file-io.dat");
  class Exit { constructor(code) { this.code = code; } }
  const imports = {
    args_sizes_get(argc, bufSize) {
      view().setUint32(argc, args.length, true);
      view().setUint32(bufSize, args.reduce((n, a) => n + a.length, 0), true);
      return 0;
    },
    args_get(argv, buf) {
      const u8 = new Uint8Array(mem.buffer);
      for (const [i, a] of args.entries()) {
        view().setUint32(argv + 4 * i, buf, true);
        u8.set(a, buf);
        buf += a.length;
      }
      return 0;
    },
    fd_prestat_get(fd, out) {
      if (fd !== 3) return 8;
      view().setUint32(out, 0, true);
      view().setUint32(out + 4, 1, true);
      return 0;
    },
    fd_prestat_dir_name(fd, p) {
      new Uint8Array(mem.buffer).set(enc.encode("/"), p);
      return 0;
    },
    fd_fdstat_get(fd, out) {
      const d = view();
      d.setUint8(out, fd < 3 ? 2 : fd === 3 ? 3 : 4);
      d.setUint16(out + 2, 0, true);
      d.setBigUint64(out + 8, 0x1fffffffn, true);
      d.setBigUint64(out + 16, 0x1fffffffn, true);
      return 0;
    },
    path_open(dirfd, dirflags, p, len, oflags, rb, ri, fdflags, out) {
      cursor = 0;
      if (variant === "floor-disk") hostFd = fs.openSync(path, (oflags & 8) !== 0 ? "w+" : "r");
      else if ((oflags & 8) !== 0) length = 0;
      view().setUint32(out, FILE, true);
      return 0;
    },
    fd_write(fd, iovs, n, out) {
      const d = view();
      let total = 0;
      for (let i = 0; i < n; i++) {
        const ptr = d.getUint32(iovs + 8 * i, true);
        const len = d.getUint32(iovs + 8 * i + 4, true);
        if (fd === 2) fs.writeSync(2, new Uint8Array(mem.buffer, ptr, len));
        else if (fd === FILE && variant === "floor-mem") {
          const end = cursor + len;
          if (end > bytes.length) {
            store.resize(Math.max(end, bytes.length * 2, 64));
            bytes = new Uint8Array(store);
          }
          bytes.set(new Uint8Array(mem.buffer, ptr, len), cursor);
          if (end > length) length = end;
          cursor = end;
        } else if (fd === FILE && variant === "floor-disk") fs.writeSync(hostFd, new Uint8Array(mem.buffer), ptr, len);
        total += len;
      }
      d.setUint32(out, total, true);
      return 0;
    },
    fd_read(fd, iovs, n, out) {
      const d = view();
      let total = 0;
      for (let i = 0; i < n; i++) {
        const ptr = d.getUint32(iovs + 8 * i, true);
        const len = d.getUint32(iovs + 8 * i + 4, true);
        let got;
        if (variant === "floor-mem") {
          got = Math.max(0, Math.min(len, length - cursor));
          new Uint8Array(mem.buffer).set(bytes.subarray(cursor, cursor + got), ptr);
        } else if (variant === "floor-disk") got = fs.readSync(hostFd, new Uint8Array(mem.buffer), ptr, len);
        else got = Math.max(0, Math.min(len, length - cursor));
        cursor += got;
        total += got;
        if (got < len) break;
      }
      d.setUint32(out, total, true);
      return 0;
    },
    fd_seek() { return 70; },
    fd_sync() {
      if (variant === "floor-disk") fs.fsyncSync(hostFd);
      return 0;
    },
    fd_close(fd) {
      if (fd === FILE && hostFd >= 0) { fs.closeSync(hostFd); hostFd = -1; }
      // guest-only: the write phase fixed the file's length (writes were counted, not copied).
      if (fd === FILE && variant === "guest-only") length = Math.max(length, cursor);
      return 0;
    },
    fd_filestat_get(fd, out) {
      const d = view();
      for (let o = 0; o < 64; o += 8) d.setBigUint64(out + o, 0n, true);
      d.setUint8(out + 16, 4);
      d.setBigUint64(out + 24, 1n, true);
      d.setBigUint64(out + 32, BigInt(variant === "floor-disk" ? fs.fstatSync(hostFd).size : length), true);
      return 0;
    },
    path_unlink_file() {
      if (variant === "floor-disk") fs.unlinkSync(path);
      store = new ArrayBuffer(0, { maxByteLength: 2 ** 32 });
      bytes = new Uint8Array(store);
      return 0;
    },
    proc_exit(code) { throw new Exit(code); },
  };
  if (variant === "guest-only") {
    const write = imports.fd_write;
    imports.fd_write = (fd, iovs, n, out) => {
      if (fd === FILE) {
        const d = view();
        let total = 0;
        for (let i = 0; i < n; i++) total += d.getUint32(iovs + 8 * i + 4, true);
        cursor += total;
        d.setUint32(out, total, true);
        return 0;
      }
      return write(fd, iovs, n, out);
    };
  }
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: imports });
  mem = instance.exports.memory;
  const t0 = performance.now();
  try {
    instance.exports._start();
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
  }
  return { runMs: performance.now() - t0 };
}

// The harness: every runtime in a fresh process, in turn (lib/in-turn.mjs).
const { procs, size } = options("64");
const RUNTIMES = [
  ["node:wasi", ["bench/drivers/node-wasi.mjs"]],
  ["core + MemFS", ["bench/drivers/anywasi-memfs.mjs"]],
  ["@anywasi/node", ["bench/drivers/anywasi-node.mjs"]],
  ["floor-mem", [SELF, "--one", "floor-mem"]],
  ["floor-disk", [SELF, "--one", "floor-disk"]],
  ["guest-only", [SELF, "--one", "guest-only"]],
  ["touch (no guest)", [SELF, "--one", "touch"]],
];
runInTurn(`program 4, ${size} MiB`, RUNTIMES, procs, (argv, work) => (argv[1] === "--one" ? [work, size] : [PROGRAM, work, size]));
