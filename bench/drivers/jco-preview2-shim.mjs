// The peer for components: jco (jco-transpile, then the generated ES module) on
// @bytecodealliance/preview2-shim, as `jco run` does: transpiled on every run (setup time), glue
// written under node_modules/.cache so that it resolves the shim, WORKDIR preopened at "/".
// preview2-shim ends the process itself on wasi:cli/exit, so the report is sent from an exit hook.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, report } from "./common.mjs";
import { componentOf } from "./component-of.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const { bytes, workdir, args } = parseArgs();
const component = await componentOf(bytes);
const t0 = performance.now();
const { transpileBytes } = await import("@bytecodealliance/jco-transpile");
const { files } = await transpileBytes(component, { name: "guest", noTypescript: true });
const dir = join(ROOT, "node_modules/.cache/anywasi-bench-jco", String(process.pid));
mkdirSync(dir, { recursive: true });
for (const [name, data] of Object.entries(files)) {
  mkdirSync(join(dir, name, ".."), { recursive: true });
  writeFileSync(join(dir, name), data);
}
const { _setPreopens } = await import("@bytecodealliance/preview2-shim/filesystem");
const { _setArgs } = await import("@bytecodealliance/preview2-shim/cli");
_setPreopens({ "/": workdir });
_setArgs(args);
const guest = await import(pathToFileURL(join(dir, "guest.js")).href);
const t1 = performance.now();
let done = false;
const finish = (exitCode) => {
  if (done) return;
  done = true;
  rmSync(dir, { recursive: true, force: true });
  report({ setupMs: t1 - t0, runMs: performance.now() - t1, exitCode });
};
process.on("exit", (code) => finish(code));
let exitCode = 0;
try {
  guest.run.run();
} catch (e) {
  if (e?.constructor?.name !== "ComponentError") throw e;
  exitCode = 1;
}
finish(exitCode);
