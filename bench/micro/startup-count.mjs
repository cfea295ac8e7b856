#!/usr/bin/env node
// Instructions that start() of bench program 1 costs on one runtime, load-proof: run this twice
// under callgrind, with and without start(), in fresh processes; start() = Ir(start) − Ir(nostart).
// --single-threaded --predictable keep V8's background compiler and GC out of the count (without
// them the whole-process figure moves by ±5 M between identical runs; with them by ~0.1 M, with
// an occasional +2.5 M outlier: take the smallest of a few runs).
// Mode `nosetup` stops after importing the runtime: set-up (what the bench's drivers time between
// t0 and t1: load/compile, new WASI, instantiate) = Ir(nostart) − Ir(nosetup).
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null --smc-check=all-non-file \
//     node --single-threaded --predictable --no-warnings bench/micro/startup-count.mjs RUNTIME start|nostart|nosetup
// RUNTIME: any (core + MemFS) | node (@anywasi/node) | uwasi | runno | nodewasi
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
const [which, mode] = process.argv.slice(2);
const bytes = readFileSync(new URL("../programs/1-startup.wasm", import.meta.url));
const args = ["1-startup", "1"];
let startFn, importObj, module;
if (which === "any") {
  const { MemFS, WASI, loadModule, instantiate } = await import("@anywasi/core");
  if (mode !== "nosetup") {
    module = await loadModule(bytes);
    const fs = MemFS.from({});
    const wasi = new WASI({ args, env: {}, preopens: { "/": fs.root }, stdout: () => {}, stderr: () => {} });
    const instance = await instantiate(module, wasi.getImportObject());
    startFn = () => wasi.start(instance);
  }
} else if (which === "node") {
  const { createNodeWASI, instantiate, loadModule } = await import("@anywasi/node");
  if (mode !== "nosetup") {
    module = await loadModule(bytes);
    const { wasi } = createNodeWASI({ args, env: {}, dirs: { "/": tmpdir() } });
    const instance = await instantiate(module, wasi.getImportObject());
    startFn = () => wasi.start(instance);
  }
} else if (which === "uwasi") {
  const { WASI, useAll } = await import("uwasi");
  if (mode !== "nosetup") {
    module = await WebAssembly.compile(bytes);
    const wasi = new WASI({ args, env: {}, features: [useAll({ stdout: () => {}, stderr: () => {} })] });
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    startFn = () => wasi.start(instance);
  }
} else if (which === "runno") {
  const { WASI } = await import("@runno/wasi");
  if (mode !== "nosetup") {
    module = await WebAssembly.compile(bytes);
    const wasi = new WASI({ args, env: {}, fs: {}, stdout: () => {}, stderr: () => {} });
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    startFn = () => wasi.start({ instance, module });
  }
} else if (which === "nodewasi") {
  const { WASI } = await import("node:wasi");
  if (mode !== "nosetup") {
    module = await WebAssembly.compile(bytes);
    const wasi = new WASI({ version: "preview1", args, env: {}, returnOnExit: true });
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    startFn = () => wasi.start(instance);
  }
}
if (mode === "start") startFn();
