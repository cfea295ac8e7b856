// uwasi (swiftwasm/uwasi) with useAll(): args, environ, clocks, random, proc and stdio. It has no
// filesystem (its useFS is an empty placeholder), so programs that open files fail on it and stay
// in the table marked wrong. stdout: a text callback that discards each chunk; stderr: collected.
import { WASI, useAll } from "uwasi";
import { Collected, parseArgs, report } from "./common.mjs";

const { bytes, args } = parseArgs();
const t0 = performance.now();
const module = await WebAssembly.compile(bytes);
const err = new Collected();
const wasi = new WASI({ args, env: {}, features: [useAll({ stdout: () => {}, stderr: err.push })] });
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
const t1 = performance.now();
const exitCode = wasi.start(instance);
const t2 = performance.now();
err.flushTo(2);
report({ setupMs: t1 - t0, runMs: t2 - t1, exitCode });
