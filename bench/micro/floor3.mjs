#!/usr/bin/env node
// Row 3 (256 MiB to stdout in 64 KiB writes, stdout on /dev/null) against its floors. Each runtime
// runs bench program 3 in a fresh process, in turn, `--procs` rounds; the figure is `start()`
// alone (run ms, as the bench reports it), median and minimum over the rounds.
//
//   node bench/micro/floor3.mjs [--procs 7] [--size 256]
//
// Runtimes: node:wasi, anywasi core + MemFS (stdout a function that drops each chunk) and
// @anywasi/node (stdout the process's fd 1), the bench's own drivers; and two floors, program 3 on
// import functions that do only what it needs (no checks, no descriptor table, no buffering):
//   floor-fd    each write one `fs.writeSync(1, guest memory, ptr, len)`: what any runtime that
//               writes through `node:fs` pays (the floor of @anywasi/node)
//   floor-sink  each write hands a view of guest memory to a function that drops it (the floor of
//               core + MemFS with a function sink)
import * as fs from "node:fs";
import { options, runInTurn } from "./lib/in-turn.mjs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const BENCH = dirname(dirname(SELF));
const PROGRAM = join(BENCH, "programs/3-bulk-stdout.wasm");

if (process.argv[2] === "--one") {
  const [, , , variant, size] = process.argv;
  fs.writeSync(3, JSON.stringify(floorRun(variant, size)) + "\n");
  process.exit(0);
}

/** Runs program 3 on one floor variant in this process; returns `{ runMs }`. */
function floorRun(variant, size) {
  const module = new WebAssembly.Module(fs.readFileSync(PROGRAM));
  const args = ["3-bulk-stdout", size].map((a) => new TextEncoder().encode(`${a}\0`));
  let mem = null;
  let dv = null;
  let u8 = null;
  const view = () => {
    if (dv === null || dv.buffer !== mem.buffer) {
      dv = new DataView(mem.buffer);
      u8 = new Uint8Array(mem.buffer);
    }
    return dv;
  };
  let sunk = 0;
  const sink = (chunk) => { sunk += chunk.length; };
  class Exit { constructor(code) { this.code = code; } }
  const imports = {
    args_sizes_get(argc, bufSize) {
      view().setUint32(argc, args.length, true);
      dv.setUint32(bufSize, args.reduce((n, a) => n + a.length, 0), true);
      return 0;
    },
    args_get(argv, buf) {
      view();
      for (const [i, a] of args.entries()) {
        dv.setUint32(argv + 4 * i, buf, true);
        u8.set(a, buf);
        buf += a.length;
      }
      return 0;
    },
    fd_write(fd, iovs, n, out) {
      const d = view();
      let total = 0;
      for (let i = 0; i < n; i++) {
        const ptr = d.getUint32(iovs + 8 * i, true);
        const len = d.getUint32(iovs + 8 * i + 4, true);
        if (fd === 1 && variant === "floor-sink") sink(u8.subarray(ptr, ptr + len));
        else total += fs.writeSync(fd, u8, ptr, len) - len;
        total += len;
      }
      d.setUint32(out, total, true);
      return 0;
    },
    fd_close() { return 0; },
    fd_seek() { return 70; },
    proc_exit(code) { throw new Exit(code); },
  };
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: imports });
  mem = instance.exports.memory;
  const t0 = performance.now();
  try {
    instance.exports._start();
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
  }
  return { runMs: performance.now() - t0, sunk };
}

// The harness: every runtime in a fresh process, in turn (lib/in-turn.mjs).
const { procs, size } = options("256");
const RUNTIMES = [
  ["node:wasi", ["bench/drivers/node-wasi.mjs"]],
  ["core + MemFS", ["bench/drivers/anywasi-memfs.mjs"]],
  ["@anywasi/node", ["bench/drivers/anywasi-node.mjs"]],
  ["floor-fd", [SELF, "--one", "floor-fd"]],
  ["floor-sink", [SELF, "--one", "floor-sink"]],
];
runInTurn(`program 3, ${size} MiB`, RUNTIMES, procs, (argv, work) => (argv[1] === "--one" ? [size] : [PROGRAM, work, size]));
