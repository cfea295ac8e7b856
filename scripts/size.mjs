#!/usr/bin/env node
// Size budget of @anywasi/core (npm run check:size; needs `npm run build` first): bundles and
// minifies packages/core/dist/index.js with esbuild (ESM, browser target), gzips it (level 9)
// and fails if the whole core is over the budget. Also prints what an app pays for a part of the
// API, tree-shaken through the package's `sideEffects: false`: the runtime without MemFS, MemFS
// alone, `run()` alone; and for the `@anywasi/core/jspi` entry (JSPI), alone and with the core.
// Usage: node scripts/size.mjs [--budget KB] [--json]
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { budget: { type: "string", default: "15" }, json: { type: "boolean", default: false } } });
const BUDGET = Number(values.budget) * 1024;
const CORE = fileURLToPath(new URL("../packages/core/dist/index.js", import.meta.url));
const JSPI = fileURLToPath(new URL("../packages/core/dist/jspi.js", import.meta.url));
const COMPONENT = fileURLToPath(new URL("../packages/core/dist/component/index.js", import.meta.url));
const INTERRUPT = fileURLToPath(new URL("../packages/core/dist/interrupt.js", import.meta.url));
const BROWSER = fileURLToPath(new URL("../packages/host-browser/dist/index.js", import.meta.url));
const BROWSER_SW = fileURLToPath(new URL("../packages/host-browser/dist/service-worker.js", import.meta.url));
const esbuild = await import("esbuild");

/** Bundle `contents` (an ESM module importing the core) minified; returns raw, gzip and brotli sizes. */
async function measure(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: process.cwd(), loader: "js" },
    alias: { "@anywasi/core": CORE, "@anywasi/core/jspi": JSPI, "@anywasi/core/component": COMPONENT, "@anywasi/core/interrupt": INTERRUPT, "@anywasi/browser": BROWSER, "@anywasi/browser/service-worker": BROWSER_SW },
    bundle: true, minify: true, write: false, format: "esm", platform: "browser", target: "es2022",
    legalComments: "none", metafile: true, logLevel: "silent",
    // What the core loads with import() (run()'s component layer, loadModule()'s binary readers) is
    // a separate chunk in any splitting bundler (scripts/bundle.mjs splits too), fetched only when
    // used: not counted here. @anywasi/core/component is measured on its own below; jco-transpile,
    // which it (or a host) imports when a component is transpiled, is not bundled.
    plugins: [{ name: "lazy-chunks", setup(b) { b.onResolve({ filter: /.*/ }, (a) => (a.kind === "dynamic-import" && (/packages[\\/]core[\\/]dist/.test(a.importer) || a.path.startsWith("@bytecodealliance/")) ? { path: a.path, external: true } : undefined)); } }],
  });
  const code = result.outputFiles[0].contents;
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    metafile: result.metafile,
  };
}

const cases = [
  ["core (every export)", `export * from "@anywasi/core";`],
  ["WASI + run, no MemFS", `export { WASI, run } from "@anywasi/core";`],
  ["WASI only", `export { WASI } from "@anywasi/core";`],
  ["MemFS only", `export { MemFS } from "@anywasi/core";`],
  // The JSPI entry (not in the budget): on its own, and everything of both entries.
  ["@anywasi/core/jspi", `export * from "@anywasi/core/jspi";`],
  ["core + core/jspi", `export * from "@anywasi/core"; export * from "@anywasi/core/jspi";`],
  // The WASI 0.2 component layer (not in the budget; jco-transpile is loaded at run time, not bundled).
  ["@anywasi/core/component", `export * from "@anywasi/core/component";`],
  // The instrumenter entry (not in the budget), loaded only for time limits without a kill.
  ["@anywasi/core/interrupt", `export * from "@anywasi/core/interrupt";`],
  // The page side of @anywasi/browser (spawn, comlink); its worker is a separate bundle.
  ["@anywasi/browser (page)", `export * from "@anywasi/browser";`],
  // A Service Worker serving a wasi:http component: the gateway, the core and the component layer
  // (one file: a Service Worker cannot import() chunks; jco's glue and core modules not counted).
  ["@anywasi/browser (SW)", `export * from "@anywasi/browser/service-worker";`],
];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
for (const [name, entry] of cases) rows.push({ name, ...(await measure(entry)) });

if (values.json) {
  console.log(JSON.stringify(rows.map(({ metafile, ...r }) => r), null, 2));
} else {
  console.log("size of @anywasi/core and of @anywasi/browser's entry, bundled + minified (esbuild, es2022):\n");
  console.log(`${"".padEnd(24)}${"min".padStart(10)}${"gzip".padStart(10)}${"brotli".padStart(10)}`);
  for (const r of rows) console.log(`${r.name.padEnd(24)}${kb(r.raw).padStart(10)}${kb(r.gzip).padStart(10)}${kb(r.brotli).padStart(10)}`);
  // Largest inputs of the whole core, by bytes kept in the minified output.
  const inputs = Object.entries(Object.values(rows[0].metafile.outputs)[0].inputs)
    .map(([file, { bytesInOutput }]) => [file.replace(/.*packages\/core\/dist\//, ""), bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
  console.log("\nlargest modules of the core (minified bytes, before gzip):");
  for (const [file, bytes] of inputs.slice(0, Number(process.env.TOP ?? 8))) console.log(`  ${kb(bytes).padStart(9)}  ${file}`);
}

const core = rows[0];
if (core.gzip > BUDGET) {
  console.error(`\n@anywasi/core is ${kb(core.gzip)} gzipped: over the budget of ${kb(BUDGET)}`);
  process.exitCode = 1;
} else {
  console.log(`\n@anywasi/core is ${kb(core.gzip)} gzipped, within the budget of ${kb(BUDGET)}`);
}
