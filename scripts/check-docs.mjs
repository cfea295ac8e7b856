#!/usr/bin/env node
// Checks the documentation (npm run docs:check; needs `npm run build` first):
//   1. the code blocks of README.md and docs/*.md run as written (scripts/doctest.mjs);
//   2. the API reference: TypeDoc must run without a warning (a missing doc comment on an
//      exported symbol is one), and docs/api must be what `npm run docs` generates from the
//      current doc comments. On a difference, run `npm run docs`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { runDoctest } from "./doctest.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
if (!(await runDoctest())) {
  console.error("docs:check: a code block of README.md or docs/*.md failed (see above)");
  process.exit(1);
}
const out = mkdtempSync(join(tmpdir(), "anywasi-docs-"));
try {
  const r = spawnSync("npx", ["typedoc", "--treatWarningsAsErrors", "--logLevel", "Warn", "--out", out], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) {
    console.error("docs:check: TypeDoc reported problems (see above)");
    process.exit(1);
  }
  const files = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
  const committed = join(ROOT, "docs/api");
  let want = [];
  try { want = files(committed); } catch { /* missing: every file differs */ }
  const got = files(out);
  const differ = [...new Set([...want, ...got])].filter((f) => {
    try { return !readFileSync(join(committed, f)).equals(readFileSync(join(out, f))); } catch { return true; }
  });
  if (differ.length) {
    console.error(`docs:check: docs/api is out of date (${differ.join(", ")}): run \`npm run docs\``);
    process.exit(1);
  }
  console.log(`docs:check: docs/api is up to date (${got.length} files), no TypeDoc warning`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
