// anywasi, core only: @anywasi/core's WASI on an empty in-memory MemFS preopened at "/".
// stdout: a function sink that discards every chunk; stderr: collected, written after the run.
// The same steps as core's run(), spelled out so that start() alone can be timed.
import { MemFS, WASI, instantiate, loadModule } from "@anywasi/core";
import { Collected, parseArgs, report } from "./common.mjs";

const { bytes, args } = parseArgs();
const t0 = performance.now();
const module = await loadModule(bytes);
const fs = MemFS.from({});
const err = new Collected();
const wasi = new WASI({ args, env: {}, preopens: { "/": fs.root }, stdout: () => {}, stderr: err.push });
const instance = await instantiate(module, wasi.getImportObject());
const t1 = performance.now();
const exitCode = wasi.start(instance);
const t2 = performance.now();
err.flushTo(2);
report({ setupMs: t1 - t0, runMs: t2 - t1, exitCode });
