#!/usr/bin/env node
// The syscall layer alone: a tiny guest (syscalls.wat) calls one WASI function N times, on
// node:wasi (C++), on anywasi (core with its default capabilities, and @anywasi/node), and on
// "floor" imports: the least JavaScript that can do the job (a no-op import shows the cost of a
// wasm-to-JS call; a clock import is one performance.now() and two stores; ...). All runtimes run
// in this one process, interleaved, and each figure is the minimum over many rounds, which is what
// survives a machine shared with other work.
//
//   node --no-warnings bench/micro/syscalls.mjs [--rounds 40] [--n 100000] [--only clock,random,write] >/dev/null
// (results on stderr; the guests' stdout is the process's, so send it to /dev/null)
import { readFileSync, openSync } from "node:fs";
import { WASI as NodeWASI } from "node:wasi";
import { MemFS, WASI as AnyWASI } from "@anywasi/core";
import { createNodeWASI } from "@anywasi/node";

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const ROUNDS = Number(opt("rounds", 40));
const N = Number(opt("n", 100000));
const ONLY = opt("only", "clock,random,write").split(",");
const module = new WebAssembly.Module(readFileSync(new URL("./syscalls.wasm", import.meta.url)));
const devnull = openSync("/dev/null", "w");

function nodeWasi() {
  const wasi = new NodeWASI({ version: "preview1", returnOnExit: true, stdout: devnull });
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  wasi.initialize(instance);
  return instance.exports;
}
function anyCore() {
  const wasi = new AnyWASI({ preopens: { "/": MemFS.from({}).root }, stdout: () => {} });
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  wasi.initialize(instance);
  return instance.exports;
}
function anyNode() {
  const { wasi } = createNodeWASI({}); // stdout "inherit": run with stdout on /dev/null
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  wasi.initialize(instance);
  return instance.exports;
}
const hrtimeBigint = process.hrtime.bigint;
/** The least JavaScript that does each job: the floor that any JS runtime pays. */
function floor(kind) {
  let dv = null;
  let u8 = null;
  const enosys = () => 52;
  const imports = {
    clock_time_get: kind === "noop" ? () => 0 : kind === "hrtime" ? (_id, _p, ptr) => {
      dv.setBigUint64(ptr, hrtimeBigint(), true);
      return 0;
    } : (_id, _p, ptr) => {
      const t = Math.round(performance.now() * 1e6);
      dv.setUint32(ptr, t % 4294967296, true);
      dv.setUint32(ptr + 4, Math.floor(t / 4294967296), true);
      return 0;
    },
    random_get: kind === "noop" ? () => 0 : (ptr, len) => { crypto.getRandomValues(u8.subarray(ptr, ptr + len)); return 0; },
    fd_write: kind === "noop" ? () => 0 : (_fd, _iovs, _n, _nw) => 0,
  };
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: new Proxy(imports, { get: (t, k) => t[k] ?? enosys }) });
  dv = new DataView(instance.exports.memory.buffer);
  u8 = new Uint8Array(instance.exports.memory.buffer);
  return instance.exports;
}

const runtimes = {
  "wasm→JS no-op import": floor("noop"),
  "floor: minimal JS": floor("min"),
  "floor: hrtime.bigint": floor("hrtime"),
  "node:wasi": nodeWasi(),
  "anywasi core": anyCore(),
  "anywasi @anywasi/node": anyNode(),
};
const cases = {
  "clock_time_get(MONOTONIC)": { group: "clock", run: (x) => x.clocks(1, N) },
  "clock_time_get(REALTIME)": { group: "clock", run: (x) => x.clocks(0, N) },
  "random_get 32 B": { group: "random", run: (x) => x.randoms(32, N) },
  "random_get 4096 B": { group: "random", run: (x) => x.randoms(4096, N / 10), per: N / 10 },
};
for (const [name, c] of Object.entries(cases)) {
  if (!ONLY.includes(c.group)) continue;
  const best = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const [rt, x] of Object.entries(runtimes)) {
      const t = performance.now();
      const err = c.run(x);
      const ns = ((performance.now() - t) * 1e6) / (c.per ?? N);
      if (err !== 0) { best[rt] = NaN; continue; }
      best[rt] = Math.min(best[rt] ?? Infinity, ns);
    }
  }
  const ref = best["node:wasi"];
  console.error(`\n${name}: ns per call (minimum of ${ROUNDS} rounds of ${c.per ?? N})`);
  for (const [rt, ns] of Object.entries(best)) console.error(`  ${rt.padEnd(24)} ${Number.isNaN(ns) ? "error" : ns.toFixed(1).padStart(7)}  ${Number.isNaN(ns) ? "" : `${(ns / ref).toFixed(2)}× node:wasi`}`);
}
