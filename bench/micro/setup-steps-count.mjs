#!/usr/bin/env node
// Instructions of each step of bench program 1's set-up on core + MemFS, load-proof: run under
// callgrind once per STOP, in fresh processes; a step's cost is Ir(its stop) − Ir(the stop before).
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null --smc-check=all-non-file \
//     node --single-threaded --predictable --min-semi-space-size=32 --max-semi-space-size=64 \
//     --no-warnings bench/micro/setup-steps-count.mjs STOP
// The semi-space flags keep every scavenge out of the run: without them one (~2 M) falls in
// whichever step crosses the allocation threshold, and moves between steps as allocation changes.
// Compare set-ups as Ir(5) − Ir(0) in one checkout: Ir(0) alone moves by ~0.7 M with the path of
// the checkout (module resolution).
// STOP: 0 import only | 0.5 a bare WebAssembly.compile | 1 loadModule() | 2 + MemFS.from |
//       3 + new WASI() | 3.5 + a second new WASI() (what is left once its code is compiled) |
//       4 + getImportObject() | 5 + instantiate() | 6 + start()
// CORE=path/to/another/core/dist/node.bundle.js counts that build instead.
import { readFileSync } from "node:fs";
const stop = Number(process.argv[2]);
const bytes = readFileSync(new URL("../programs/1-startup.wasm", import.meta.url));
const { MemFS, WASI, loadModule, instantiate } = await import(process.env.CORE ?? "@anywasi/core");
const options = (fs) => ({ args: ["1-startup", "1"], env: {}, preopens: { "/": fs.root }, stdout: () => {}, stderr: () => {} });
if (stop === 0.5) await WebAssembly.compile(bytes);
else if (stop >= 1) {
  const module = await loadModule(bytes);
  if (stop >= 2) {
    const fs = MemFS.from({});
    if (stop >= 3) {
      const wasi = new WASI(options(fs));
      if (stop === 3.5) new WASI(options(fs));
      if (stop >= 4) {
        const imports = wasi.getImportObject();
        if (stop >= 5) {
          const instance = await instantiate(module, imports);
          if (stop >= 6) wasi.start(instance);
        }
      }
    }
  }
}
