#!/usr/bin/env node
// End to end under `wrangler dev --local` (workerd): the Worker of test/worker/component-worker,
// whose build step (`[build] command`) runs `anywasi transpile` on a component, answers with the
// component's stdout, byte for byte the stdout of its preview1 twin run by the same Worker.
// Also: the esbuild plugin (@anywasi/node/esbuild) resolves `*.component.wasm` to an entry module
// whose core modules are byte for byte those of `anywasi transpile`.
// Prints one PASS/FAIL line per check; exits 1 on a failure. Needs `npm run build`.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { anywasiEsbuild } from "@anywasi/node/esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(root, "test/worker/component-worker");
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
let failures = 0;
const report = (ok, what, detail = "") => {
  if (!ok) failures++;
  console.log(`${ok ? "PASS" : "FAIL"} ${what}${detail ? `: ${detail}` : ""}`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The esbuild plugin, on its own (no workerd needed): which files the bundle's .wasm imports name.
const cache = mkdtempSync(join(tmpdir(), "anywasi-esbuild-components-"));
const wasmImports = [];
const built = await esbuild.build({
  stdin: { contents: 'import c from "./echo.component.wasm"; export default c;', resolveDir: join(root, "test/worker/components") },
  bundle: true, write: false, format: "esm", logLevel: "silent",
  plugins: [anywasiEsbuild({ outDir: cache }), {
    name: "record-wasm",
    setup(b) { b.onResolve({ filter: /\.wasm$/ }, (a) => { wasmImports.push(join(a.resolveDir, a.path)); return { path: a.path, external: true }; }); },
  }],
});
const bundle = built.outputFiles[0].text;
const reference = join(root, "test/worker/components/echo");
const same = wasmImports.length === 4 && wasmImports.every((p) => readFileSync(p).equals(readFileSync(join(reference, p.split("/").pop()))));
report(same && bundle.includes("anywasi-precompiled-component") && bundle.includes("wasi:cli/run"),
  "esbuild plugin: *.component.wasm becomes the precompiled entry, its core modules as anywasi transpile writes them", `${wasmImports.length} .wasm imports under ${dirname(wasmImports[0] ?? cache)}`);
rmSync(cache, { recursive: true, force: true });

const port = await new Promise((resolve, reject) => {
  const s = createServer();
  s.once("error", reject);
  s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const persist = mkdtempSync(join(tmpdir(), "anywasi-wrangler-component-"));
const child = spawn(process.execPath, [
  wrangler, "dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-ip", "127.0.0.1",
  "--inspector-port", "0", "--persist-to", persist, "--show-interactive-dev-session=false", "--log-level", "warn",
], { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" } });
let output = "";
child.stdout.on("data", (c) => { output += c; });
child.stderr.on("data", (c) => { output += c; });

async function finish(code) {
  try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
  await sleep(1000);
  try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
  rmSync(persist, { recursive: true, force: true });
  process.exit(code);
}
setTimeout(() => { console.log("FAIL not done after 180 s"); void finish(1); }, 180_000).unref();

const base = `http://127.0.0.1:${port}`;
let up = false;
for (const until = Date.now() + 120_000; Date.now() < until && !up;) {
  try { await (await fetch(`${base}/`, { method: "POST", body: "", signal: AbortSignal.timeout(5000) })).arrayBuffer(); up = true; } catch { await sleep(500); }
}
report(up, "wrangler dev (with the anywasi transpile build step) answers", up ? "" : output.slice(-2000));
if (!up) await finish(1);

const body = "héllo\0from a client\n".repeat(100);
const ask = async (path) => {
  const r = await fetch(`${base}${path}`, { method: "POST", body, signal: AbortSignal.timeout(20_000) });
  return { bytes: Buffer.from(await r.arrayBuffer()), exit: r.headers.get("x-exit-code"), stderr: r.headers.get("x-stderr") };
};
const c = await ask("/x/y%20z");
const p = await ask("/p1/x/y%20z");
const expected = Buffer.concat([Buffer.from("arg 1: x\narg 2: y z\n"), Buffer.from(body)]);
report(c.bytes.equals(expected) && c.exit === "0", "the component's stdout is the arguments and the request body", `${c.bytes.length} bytes, exit ${c.exit}`);
report(c.bytes.equals(p.bytes) && c.exit === p.exit && c.stderr === p.stderr, "the same bytes, exit code and stderr as the preview1 twin", `stderr ${JSON.stringify(c.stderr)} / ${JSON.stringify(p.stderr)}`);

console.log(failures === 0 ? "wrangler-component: all checks passed" : `wrangler-component: ${failures} check(s) failed`);
await finish(failures === 0 ? 0 : 1);
