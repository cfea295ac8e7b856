#!/usr/bin/env node
// bench/micro/setup-split.mjs for Chromium: each step of bench program 1's set-up and start() on
// a page (core + MemFS, and uwasi), in a fresh browser context per run, runtimes in turn; prints
// the median ms of each step. The page is bundled as the bench's page is (esbuild, one file, not
// minified). Wall time: run it on a quiet machine.
//   node bench/micro/setup-split-page.mjs [RUNS]
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[2] ?? 21);
const entry = `
import { MemFS, WASI, instantiate, loadModule } from "@anywasi/core";
import { WASI as UWASI, useAll } from "uwasi";
import { deferStart } from "./packages/core/dist/abi/start-section.js";
import { signaturesMatch } from "./packages/core/dist/abi/signature-scan.js";
import { PREVIEW1_FUNCTIONS } from "@anywasi/core";
globalThis.split = async (which) => {
  const bytes = new Uint8Array(await (await fetch("/p.wasm")).arrayBuffer());
  const args = ["1-startup", "1"];
  const T = {}; let t = performance.now();
  const mark = (n) => { const now = performance.now(); T[n] = now - t; t = now; };
  if (which === "parts") {
    const prepared = deferStart(bytes); mark("deferStart");
    const module = await WebAssembly.compile(prepared); mark("compile");
    const imports = WebAssembly.Module.imports(module); mark("imports");
    signaturesMatch(prepared, imports, new Set(PREVIEW1_FUNCTIONS)); mark("scan");
    const fs = MemFS.from({}); mark("memfs");
    const wasi = new WASI({ args, env: {}, preopens: { "/": fs.root }, stdout: () => {}, stderr: () => {} }); mark("newWASI");
    const instance = await instantiate(module, wasi.getImportObject()); mark("instantiate");
    wasi.start(instance); mark("start");
  } else if (which === "any") {
    const module = await loadModule(bytes); mark("loadModule");
    const fs = MemFS.from({}); mark("memfs");
    const wasi = new WASI({ args, env: {}, preopens: { "/": fs.root }, stdout: () => {}, stderr: () => {} }); mark("newWASI");
    const instance = await instantiate(module, wasi.getImportObject()); mark("instantiate");
    wasi.start(instance); mark("start");
  } else {
    const module = await WebAssembly.compile(bytes); mark("compile");
    const wasi = new UWASI({ args, env: {}, features: [useAll({ stdout: () => {}, stderr: () => {} })] }); mark("newWASI");
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport }); mark("instantiate");
    wasi.start(instance); mark("start");
  }
  return T;
};`;
const esbuild = await import("esbuild");
const build = async (core) => (await esbuild.build({ stdin: { contents: entry, resolveDir: fileURLToPath(new URL("../..", import.meta.url)), loader: "js" }, bundle: true, format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "error", ...(core ? { alias: { "@anywasi/core": core } } : {}) })).outputFiles[0].contents;
const js = await build(undefined);
// BASE=path/to/another/core/dist/bundle.js adds a runtime "base": core + MemFS from that build.
const baseJs = process.env.BASE ? await build(process.env.BASE) : null;
const wasm = readFileSync(new URL("../programs/1-startup.wasm", import.meta.url));
// ISOLATE=1 serves the page cross-origin isolated: its timer then steps 5 µs instead of 100 µs
// (SharedArrayBuffer becomes available too, which none of the steps measured here uses).
const isolate = process.env.ISOLATE === "1";
const server = createServer((req, res) => {
  if (isolate) { res.setHeader("Cross-Origin-Opener-Policy", "same-origin"); res.setHeader("Cross-Origin-Embedder-Policy", "require-corp"); }
  if (req.url === "/" || req.url === "/base") { res.writeHead(200, { "content-type": "text/html" }); res.end(`<!doctype html><script type=module src=${req.url === "/" ? "/b.js" : "/base.js"}></script>`); }
  else if (req.url === "/b.js") { res.writeHead(200, { "content-type": "text/javascript" }); res.end(js); }
  else if (req.url === "/base.js" && baseJs) { res.writeHead(200, { "content-type": "text/javascript" }); res.end(baseJs); }
  else if (req.url === "/p.wasm") { res.writeHead(200, { "content-type": "application/wasm" }); res.end(wasm); }
  else { res.writeHead(404); res.end(); }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const { chromium } = await import("playwright-core");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"], headless: true });
const which0 = (process.env.WHICH ?? (process.env.BASE ? "base,any,uwasi" : "any,uwasi")).split(",");
const all = Object.fromEntries(which0.map((w) => [w, []]));
try {
  for (let i = 0; i < runs; i++) {
    for (const which of which0) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(which === "base" ? `${origin}/base` : origin);
      await page.waitForFunction(() => typeof globalThis.split === "function");
      all[which].push(await page.evaluate((w) => globalThis.split(w), which === "base" ? "any" : which));
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
const med = (a) => { const s = a.slice().sort((x, y) => x - y); return s[s.length >> 1]; };
for (const [which, rows] of Object.entries(all)) {
  for (const r of rows) { r.setup = Object.entries(r).filter(([k]) => k !== "start").reduce((a, [, v]) => a + v, 0); r.total = r.setup + r.start; }
  console.log(which.padEnd(6), Object.keys(rows[0]).map((k) => `${k}=${med(rows.map((r) => r[k])).toFixed(2)}`).join(" "));
}
