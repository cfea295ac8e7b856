// @tybys/wasm-util's WASI. It has no filesystem of its own (its README pairs it with memfs);
// here it gets Node's fs, with WORKDIR (a real directory) preopened at "/". Its stdout/stderr are
// line-oriented `print`/`printErr` callbacks: print discards each line; printErr lines are
// collected and written after the run.
import * as nodeFs from "node:fs";
import { WASI } from "@tybys/wasm-util";
import { Collected, parseArgs, report } from "./common.mjs";

const { bytes, workdir, args } = parseArgs();
const t0 = performance.now();
const module = await WebAssembly.compile(bytes);
const err = new Collected();
const wasi = new WASI({
  version: "preview1", args, env: {}, preopens: { "/": workdir }, fs: nodeFs, returnOnExit: true,
  print: () => {}, printErr: (line) => err.push(`${line}\n`),
});
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const t1 = performance.now();
const exitCode = wasi.start(instance);
const t2 = performance.now();
err.flushTo(2);
report({ setupMs: t1 - t0, runMs: t2 - t1, exitCode });
