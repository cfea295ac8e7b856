// @runno/wasi with its in-memory filesystem (an empty `fs` map). stdout and stderr are text
// callbacks: stdout discards each chunk, stderr is collected and written after the run.
import { WASI } from "@runno/wasi";
import { Collected, parseArgs, report } from "./common.mjs";

const { bytes, args } = parseArgs();
const t0 = performance.now();
const module = await WebAssembly.compile(bytes);
const err = new Collected();
const wasi = new WASI({ args, env: {}, fs: {}, stdout: () => {}, stderr: err.push });
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const t1 = performance.now();
const { exitCode } = wasi.start({ instance, module });
const t2 = performance.now();
err.flushTo(2);
report({ setupMs: t1 - t0, runMs: t2 - t1, exitCode });
