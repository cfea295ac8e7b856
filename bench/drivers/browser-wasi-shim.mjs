// @bjorn3/browser_wasi_shim with its in-memory filesystem: an empty PreopenDirectory at "/".
// stdout: a ConsoleStdout whose write discards every chunk; stderr: collected, written after.
import { ConsoleStdout, File, OpenFile, PreopenDirectory, WASI } from "@bjorn3/browser_wasi_shim";
import { Collected, parseArgs, report } from "./common.mjs";

const { bytes, args } = parseArgs();
const t0 = performance.now();
const module = await WebAssembly.compile(bytes);
const err = new Collected();
const fds = [
  new OpenFile(new File([])),
  new ConsoleStdout(() => {}),
  new ConsoleStdout(err.push),
  new PreopenDirectory("/", new Map()),
];
const wasi = new WASI(args, [], fds);
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
const t1 = performance.now();
const exitCode = wasi.start(instance);
const t2 = performance.now();
err.flushTo(2);
report({ setupMs: t1 - t0, runMs: t2 - t1, exitCode });
