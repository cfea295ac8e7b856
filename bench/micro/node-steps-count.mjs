#!/usr/bin/env node
// setup-steps-count.mjs for @anywasi/node (bench program 1 on a real directory): run under
// callgrind with the same flags, once per STOP; a step's cost is Ir(its stop) − Ir(the stop before).
// STOP: 0 import only | 1 loadModule() | 3 + createNodeWASI() | 5 + instantiate() | 6 + start()
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
const stop = Number(process.argv[2]);
const bytes = readFileSync(new URL("../programs/1-startup.wasm", import.meta.url));
const { createNodeWASI, instantiate, loadModule } = await import("@anywasi/node");
if (stop >= 1) {
  const module = await loadModule(bytes);
  if (stop >= 3) {
    const { wasi, close } = createNodeWASI({ args: ["1-startup", "1"], env: {}, dirs: { "/": tmpdir() } });
    if (stop >= 5) {
      const instance = await instantiate(module, wasi.getImportObject());
      if (stop >= 6) wasi.start(instance);
    }
    close();
  }
}
