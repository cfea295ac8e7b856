// Child process of host `node-wasi`: runs one test on node:wasi and writes
// {"exitCode": n} or {"error": "..."} to fd 3. The guest uses this process's fds 0, 1, 2.
import { WASI } from "node:wasi";
import { readFileSync, writeSync } from "node:fs";

const spec = JSON.parse(process.argv[2]);
let result;
try {
  const wasi = new WASI({
    version: "preview1",
    args: spec.args,
    env: spec.env,
    preopens: spec.preopens,
    returnOnExit: true,
  });
  const module = await WebAssembly.compile(readFileSync(spec.wasm));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  result = { exitCode: wasi.start(instance) };
} catch (e) {
  result = { error: e?.stack ?? String(e) };
}
writeSync(3, JSON.stringify(result));
process.exit(0);
