#!/usr/bin/env node
// Where bench program 1's set-up goes, in wall time: one fresh process times each step of a
// runtime's set-up (anywasi: loadModule(), MemFS.from, new WASI(), getImportObject(),
// instantiate(); the peers: compile, new WASI(), instantiate) and start(), and prints one JSON line
// of ms per step. Run it many times and take medians; wall time, so only on a quiet machine.
//   node bench/micro/setup-split.mjs any|node|uwasi|nodewasi
// WINDOW=1 also prints the set-up window in microseconds of the monotonic clock, to cut a
// `node --cpu-prof` profile to it.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
const which = process.argv[2];
const bytes = readFileSync(new URL("../programs/1-startup.wasm", import.meta.url));
const args = ["1-startup", "1"];
const T = [];
const mark = (n) => T.push([n, performance.now(), process.hrtime.bigint()]);
if (which === "any") {
  const { MemFS, WASI, loadModule, instantiate } = await import(process.env.CORE ?? "@anywasi/core");
  mark("t0");
  const module = await loadModule(bytes); mark("loadModule");
  const fs = MemFS.from({}); mark("memfs");
  const wasi = new WASI({ args, env: {}, preopens: { "/": fs.root }, stdout: () => {}, stderr: () => {} }); mark("newWASI");
  const io = wasi.getImportObject(); mark("getImportObject");
  const instance = await instantiate(module, io); mark("instantiate");
  wasi.start(instance); mark("start");
} else if (which === "node") {
  const { createNodeWASI, instantiate, loadModule } = await import("@anywasi/node");
  mark("t0");
  const module = await loadModule(bytes); mark("loadModule");
  const { wasi, close } = createNodeWASI({ args, env: {}, dirs: { "/": tmpdir() } }); mark("createNodeWASI");
  const io = wasi.getImportObject(); mark("getImportObject");
  const instance = await instantiate(module, io); mark("instantiate");
  wasi.start(instance); mark("start"); close();
} else if (which === "uwasi") {
  const { WASI, useAll } = await import("uwasi");
  mark("t0");
  const module = await WebAssembly.compile(bytes); mark("compile");
  const wasi = new WASI({ args, env: {}, features: [useAll({ stdout: () => {}, stderr: () => {} })] }); mark("newWASI");
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport }); mark("instantiate");
  wasi.start(instance); mark("start");
} else if (which === "nodewasi") {
  const { WASI } = await import("node:wasi");
  mark("t0");
  const module = await WebAssembly.compile(bytes); mark("compile");
  const wasi = new WASI({ version: "preview1", args, env: {}, preopens: { "/": tmpdir() }, returnOnExit: true }); mark("newWASI");
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject()); mark("instantiate");
  wasi.start(instance); mark("start");
}
const out = {};
for (let i = 1; i < T.length; i++) out[T[i][0]] = +(T[i][1] - T[i - 1][1]).toFixed(3);
console.log(JSON.stringify(out));
if (process.env.WINDOW) console.log(`WINDOW ${T[0][2] / 1000n} ${T.at(-2)[2] / 1000n}`);
