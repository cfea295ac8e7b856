#!/usr/bin/env node
// One runtime, one syscall, N calls, then exit: for instruction counting under valgrind, where
// the machine's load does not change the figure. Per-call cost = (Ir(N) - Ir(0)) / N.
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null --smc-check=all-non-file \
//     node --no-warnings bench/micro/count.mjs RUNTIME CASE N
// RUNTIME: node-wasi | anywasi-core | anywasi-core-perfclock | anywasi-node | floor | hrtime-floor;  CASE: clock1 | clock0 | random32 | write16
import { readFileSync, openSync } from "node:fs";
import { WASI as NodeWASI } from "node:wasi";

const [runtime, kase, nStr] = process.argv.slice(2);
const N = Number(nStr);
const module = new WebAssembly.Module(readFileSync(new URL("./syscalls.wasm", import.meta.url)));
const devnull = openSync("/dev/null", "w");
let imports;
let init = () => {};
if (runtime === "node-wasi") {
  const wasi = new NodeWASI({ version: "preview1", returnOnExit: true, stdout: devnull });
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
} else if (runtime === "anywasi-core") {
  const { MemFS, WASI } = await import("@anywasi/core");
  const wasi = new WASI({ preopens: { "/": MemFS.from({}).root }, stdout: () => {} });
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
} else if (runtime === "anywasi-core-perfclock") {
  // The clock anywasi had before process.hrtime.bigint: performance.now() and its number path.
  const { MemFS, WASI } = await import("@anywasi/core");
  const clock = {
    now: (id) => BigInt(Math.round(performance.now() * 1e6)),
    nowNumber: (id) => Math.round(performance.now() * 1e6),
    resolution: () => 1000n,
  };
  const wasi = new WASI({ preopens: { "/": MemFS.from({}).root }, stdout: () => {}, clock });
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
} else if (runtime === "anywasi-node") {
  const { createNodeWASI } = await import("@anywasi/node");
  const { wasi } = createNodeWASI({});
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
} else {
  let dv = null;
  const hr = process.hrtime.bigint;
  const f = {
    clock_time_get: runtime === "hrtime-floor"
      ? (_id, _p, ptr) => { dv.setBigUint64(ptr, hr(), true); return 0; }
      : (_id, _p, ptr) => { const t = Math.round(performance.now() * 1e6); dv.setUint32(ptr, t % 4294967296, true); dv.setUint32(ptr + 4, Math.floor(t / 4294967296), true); return 0; },
    random_get: (ptr, len) => { crypto.getRandomValues(new Uint8Array(dv.buffer, ptr, len)); return 0; },
    fd_write: () => 0,
  };
  imports = { wasi_snapshot_preview1: f };
  init = (i) => { dv = new DataView(i.exports.memory.buffer); };
}
const instance = new WebAssembly.Instance(module, imports);
init(instance);
const x = instance.exports;
const err = kase === "clock1" ? x.clocks(1, N) : kase === "clock0" ? x.clocks(0, N) : kase === "random32" ? x.randoms(32, N) : x.writes(1, 16, N);
if (err !== 0) { console.error(`errors: ${err}`); process.exit(1); }
