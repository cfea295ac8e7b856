// anywasi on Node: @anywasi/node's createNodeWASI with WORKDIR (a real directory) preopened at "/".
// stdout and stderr are the process's own (the default "inherit"): fd 1 is /dev/null, opened by
// the harness, and receives anywasi's block-buffered output like any Node embedding would.
import { createNodeWASI, instantiate, loadModule } from "@anywasi/node";
import { parseArgs, report } from "./common.mjs";

const { bytes, workdir, args } = parseArgs();
const t0 = performance.now();
const module = await loadModule(bytes);
const { wasi, close } = createNodeWASI({ args, env: {}, dirs: { "/": workdir } });
const instance = await instantiate(module, wasi.getImportObject());
const t1 = performance.now();
const exitCode = wasi.start(instance);
const t2 = performance.now();
close();
report({ setupMs: t1 - t0, runMs: t2 - t1, exitCode });
