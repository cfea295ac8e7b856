#!/usr/bin/env node
// After `tsc -b`, bundle each Node-facing package's ESM output into one file (dist/bundle.js, and
// the CLI into dist/cli.bundle.js): loading ~50 small modules cost Node 60-80 ms at start-up, one
// file about 15 ms. The core's entries (dist/bundle.js, and dist/jspi.bundle.js for
// `@anywasi/core/jspi`) share what they have in common through dist/chunk-*.bundle.js (the interrupt entry, `@anywasi/core/interrupt`, too). tsc's per-file output stays beside it for the .d.ts, source maps and the
// worker entry points that are loaded by URL (stdin-worker.js, guest-worker.js).
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const targets = [
  // The core's two entries share one chunk, so that both see the same classes (WASI, ...).
  { pkg: "packages/core", entries: { bundle: "dist/index.js", "node.bundle": "dist/node.js", "jspi.bundle": "dist/jspi.js", "component.bundle": "dist/component/index.js", "interrupt.bundle": "dist/interrupt.js" }, platform: "neutral", splitting: true },
  { pkg: "packages/gateway", entries: { bundle: "dist/index.js" }, platform: "neutral" },
  { pkg: "packages/host-node", entries: { bundle: "dist/index.js", "cli.bundle": "dist/cli.js" }, platform: "node" },
];

for (const t of targets) {
  const dir = join(root, t.pkg);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  // Other packages stay imports, so that every package shares one copy of the core's classes.
  const external = [...Object.keys(pkg.dependencies ?? {}), "node:*"];
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(t.entries).map(([out, entry]) => [out, join(dir, entry)])),
    outdir: join(dir, "dist"),
    bundle: true,
    format: "esm",
    platform: t.platform,
    target: "es2022",
    external,
    sourcemap: true,
    splitting: t.splitting === true,
    chunkNames: "[name]-[hash].bundle",
    logLevel: "warning",
  });
}
