#!/usr/bin/env node
// Rebuilds every guest fixture of test/suite from its source: C with Debian's clang for
// wasm32-wasi, WAT with wabt's wat2wasm. The built .wasm files are committed so that tests run
// on a machine without a C toolchain; run this after changing a source.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, extname, basename } from "node:path";

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ["test/suite"];
const only = process.env.FIXTURE ?? "";
let built = 0;
let failed = 0;

function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!name.endsWith(".dir")) walk(path);
      continue;
    }
    const ext = extname(name);
    if (ext !== ".c" && ext !== ".wat") continue;
    if (only && !name.includes(only)) continue;
    const out = join(dir, basename(name, ext) + ".wasm");
    const cmd = ext === ".c"
      ? ["clang", ["--target=wasm32-wasi", "-O2", "-Wall", "-Wl,--strip-debug", path, "-o", out]]
      : ["wat2wasm", [path, "-o", out]];
    try {
      execFileSync(cmd[0], cmd[1], { stdio: ["ignore", "inherit", "inherit"] });
      built++;
    } catch {
      console.error(`FAILED to build ${path}`);
      failed++;
    }
  }
}

for (const root of roots) walk(root);
console.log(`built ${built} fixtures, ${failed} failed`);
process.exit(failed ? 1 : 0);
