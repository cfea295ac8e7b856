#!/usr/bin/env node
// setup-steps-count.mjs's counterpart for uwasi (the fastest start-up peer): run under callgrind
// with the same flags, once per STOP; a step's cost is Ir(its stop) − Ir(the stop before).
// STOP: 0 import only | 1 WebAssembly.compile | 3 + new WASI() | 5 + instantiate | 6 + start()
import { readFileSync } from "node:fs";
const stop = Number(process.argv[2]);
const bytes = readFileSync(new URL("../programs/1-startup.wasm", import.meta.url));
const { WASI, useAll } = await import("uwasi");
if (stop >= 1) {
  const module = await WebAssembly.compile(bytes);
  if (stop >= 3) {
    const wasi = new WASI({ args: ["1-startup", "1"], env: {}, features: [useAll({ stdout: () => {}, stderr: () => {} })] });
    if (stop >= 5) {
      const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
      if (stop >= 6) wasi.start(instance);
    }
  }
}
