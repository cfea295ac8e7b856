// Node's built-in node:wasi (uvwasi) with WORKDIR preopened at "/". stdout and stderr are the
// process's fds: fd 1 is /dev/null, opened by the harness.
import { WASI } from "node:wasi";
import { parseArgs, report } from "./common.mjs";

const { bytes, workdir, args } = parseArgs();
const t0 = performance.now();
const module = await WebAssembly.compile(bytes);
const wasi = new WASI({ version: "preview1", args, env: {}, preopens: { "/": workdir }, returnOnExit: true });
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const t1 = performance.now();
const exitCode = wasi.start(instance);
const t2 = performance.now();
report({ setupMs: t1 - t0, runMs: t2 - t1, exitCode });
