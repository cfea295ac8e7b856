// anywasi running the program as a WASI 0.2 command component (jco's preview1 adapter around it)
// on @anywasi/node with WORKDIR preopened at "/", as anywasi-node runs the module. The transpile
// result comes from a disk cache (diskTranspileCache, as `anywasi run` keeps it): every run but
// the very first measures a warm start; anywasi-component-nocache measures the cold one.
import { createNodeWASI, diskTranspileCache } from "@anywasi/node";
import { loadComponent, startComponent } from "@anywasi/core/component";
import { parseArgs, report } from "./common.mjs";
import { TRANSPILE_CACHE_DIR, componentOf } from "./component-of.mjs";

const { bytes, workdir, args } = parseArgs();
const component = await componentOf(bytes);
const transpileCache = process.env.ANYWASI_BENCH_NO_TRANSPILE_CACHE ? undefined : diskTranspileCache(TRANSPILE_CACHE_DIR);
const t0 = performance.now();
const loaded = await loadComponent(component, transpileCache === undefined ? {} : { transpileCache });
const { wasi, close } = createNodeWASI({ args, env: {}, dirs: { "/": workdir } });
const t1 = performance.now();
const exitCode = await startComponent(loaded, wasi);
const t2 = performance.now();
close();
report({ setupMs: t1 - t0, runMs: t2 - t1, exitCode });
