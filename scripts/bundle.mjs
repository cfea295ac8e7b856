#!/usr/bin/env node
// After `tsc -b`, bundle each Node-facing package's ESM output into one file (dist/bundle.js, and
// the CLI into dist/cli.bundle.js): loading ~50 small modules cost Node 60-80 ms at start-up, one
// file about 15 ms. The core's entries (dist/bundle.js, and dist/jspi.bundle.js for
// `@anywasi/core/jspi`) share what they have in common through dist/chunk-*.bundle.js (the interrupt entry, `@anywasi/core/interrupt`, too). tsc's per-file output stays beside it for the .d.ts, source maps and the
// worker entry points that are loaded by URL (stdin-worker.js, guest-worker.js).
import * as esbuild from "esbuild";
import { readFileSync, readdirSync, rmSync } from "node:fs";
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
  // Chunks (and the lazily loaded module-load-*, run-impl-*) are named by content hash: those of
  // earlier builds would pile up in dist (and in a pack).
  if (t.splitting === true) {
    for (const f of readdirSync(join(dir, "dist")).filter((n) => /^[\w-]+-[A-Z0-9]{8}\.bundle\.js(\.map)?$/.test(n))) rmSync(join(dir, "dist", f));
  }
  const result = await esbuild.build({
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
    metafile: true,
    absWorkingDir: root,
    // Whitespace and syntax only: names stay, for stack traces. What survives V8's first
    // scavenges (a module's source text among it) decides whether the young generation doubles
    // for the rest of the process (bench/analysis.md, "Peak RSS, 2026-12-08, later").
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // Node keeps each module's source as a string, one byte per character if all of it is ASCII and
  // two otherwise. esbuild escapes non-ASCII in strings (charset "ascii") but copies the comments it
  // keeps verbatim, so one arrow (U+2192) in a comment doubles the memory a chunk's source takes in
  // every process that loads it (bench/analysis.md, "Peak RSS, 2026-12-08").
  for (const out of Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(join(root, out), "utf8");
    const bad = text.search(/[^\x00-\x7f]/);
    if (bad >= 0) {
      const line = text.slice(0, bad).split("\n").length;
      throw new Error(`${out}:${line}: non-ASCII character in the bundle (write the source's comment in ASCII): ...${text.slice(Math.max(0, bad - 60), bad + 20)}...`);
    }
  }
}
