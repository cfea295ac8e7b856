#!/usr/bin/env node
// Row 6 (clock + random) against its floors, one runtime per process: the syscalls.wat guest calls
// clock_time_get(MONOTONIC) 1M times or random_get(32 B) 100k times, in fresh processes taken in
// turn (so no runtime's JIT feedback is shared with another's, as it is in syscalls.mjs, where the
// core's closures see two clocks and two outputs), 7 rounds per process. Prints ns per call: the
// smallest round (warm) and the first (cold, as in the one-shot benchmark program).
//
//   node bench/micro/floor6.mjs [--procs 3]
//
// Runtimes: node:wasi (C++: uvwasi's clock_gettime / getrandom), anywasi core (default clock and
// random), and the least JavaScript per call: `hrtime` one setBigUint64(process.hrtime.bigint()),
// `perfnow` performance.now() stored as two u32, `pool` 32 bytes copied from a 64 KiB
// getRandomValues pool (what anywasi's default does, without its checks or hygiene),
// `getrandom` one crypto.getRandomValues per call, and `noop` (the wasm-to-JS call alone).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const [, , mode, variant, kase] = process.argv;

if (mode === "--one") {
  const module = new WebAssembly.Module(readFileSync(new URL("./syscalls.wasm", import.meta.url)));
  let x;
  if (variant === "node:wasi") {
    const { WASI } = await import("node:wasi");
    const wasi = new WASI({ version: "preview1", returnOnExit: true });
    const i = new WebAssembly.Instance(module, wasi.getImportObject());
    wasi.initialize(i);
    x = i.exports;
  } else if (variant === "anywasi") {
    const { WASI } = await import("@anywasi/core");
    const wasi = new WASI({ stdout: () => {} });
    const i = new WebAssembly.Instance(module, wasi.getImportObject());
    wasi.initialize(i);
    x = i.exports;
  } else {
    let dv = null;
    let u8 = null;
    const hr = process.hrtime.bigint;
    const pool = new Uint8Array(65536);
    let pos = pool.length;
    const f = {
      clock_time_get: variant === "hrtime" ? (_id, _p, ptr) => { dv.setBigUint64(ptr, hr(), true); return 0; }
        : variant === "perfnow" ? (_id, _p, ptr) => {
          const t = Math.round(performance.now() * 1e6);
          dv.setUint32(ptr, t % 4294967296, true);
          dv.setUint32(ptr + 4, Math.floor(t / 4294967296), true);
          return 0;
        } : () => 0,
      random_get: variant === "getrandom" ? (ptr, len) => { crypto.getRandomValues(u8.subarray(ptr, ptr + len)); return 0; }
        : variant === "pool" ? (ptr, len) => {
          if (pos + len > pool.length) { crypto.getRandomValues(pool); pos = 0; }
          for (let i = 0; i < len; i++) u8[ptr + i] = pool[pos + i];
          pos += len;
          return 0;
        } : () => 0,
    };
    const i = new WebAssembly.Instance(module, { wasi_snapshot_preview1: new Proxy(f, { get: (t, k) => t[k] ?? (() => 52) }) });
    dv = new DataView(i.exports.memory.buffer);
    u8 = new Uint8Array(i.exports.memory.buffer);
    x = i.exports;
  }
  const n = kase === "clock" ? 1_000_000 : 100_000;
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    const err = kase === "clock" ? x.clocks(1, n) : x.randoms(32, n);
    rounds.push(((performance.now() - t) * 1e6) / n);
    if (err !== 0) throw new Error(`${variant}: errno sum ${err}`);
  }
  process.stdout.write(JSON.stringify({ warm: Math.min(...rounds), cold: rounds[0] }));
} else {
  const i = process.argv.indexOf("--procs");
  const procs = i >= 0 ? Number(process.argv[i + 1]) : 3;
  const cases = {
    clock: ["node:wasi", "anywasi", "hrtime", "perfnow", "noop"],
    random: ["node:wasi", "anywasi", "pool", "getrandom", "noop"],
  };
  for (const [kase, variants] of Object.entries(cases)) {
    const best = {};
    for (let p = 0; p < procs; p++) {
      for (const v of variants) {
        const r = spawnSync(process.execPath, ["--no-warnings", SELF, "--one", v, kase], { encoding: "utf8" });
        if (r.status !== 0) throw new Error(`${v} ${kase}: ${r.stderr}`);
        const { warm, cold } = JSON.parse(r.stdout);
        best[v] = { warm: Math.min(best[v]?.warm ?? Infinity, warm), cold: Math.min(best[v]?.cold ?? Infinity, cold) };
      }
    }
    const ref = best["node:wasi"];
    console.log(`\n${kase === "clock" ? "clock_time_get(MONOTONIC), 1M calls" : "random_get(32 B), 100k calls"}: ns per call (best of ${procs} processes)`);
    console.log(`  ${"".padEnd(10)} ${"warm".padStart(7)} ${"×node:wasi".padStart(10)} ${"cold".padStart(7)} ${"×node:wasi".padStart(10)}`);
    for (const [v, { warm, cold }] of Object.entries(best)) {
      console.log(`  ${v.padEnd(10)} ${warm.toFixed(1).padStart(7)} ${`${(warm / ref.warm).toFixed(2)}×`.padStart(10)} ${cold.toFixed(1).padStart(7)} ${`${(cold / ref.cold).toFixed(2)}×`.padStart(10)}`);
    }
  }
}
