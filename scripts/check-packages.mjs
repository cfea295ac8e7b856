#!/usr/bin/env node
// Lints the published shape of each package (npm run check:packages; needs `npm run build` first):
//   1. publint (strict: warnings fail) on what `npm pack` would publish;
//   2. @arethetypeswrong/cli on the packed tarball, profile "esm-only": the packages are ESM only,
//      so "node16 (from CJS): ESM (dynamic import only)" is expected and not a failure;
//   3. the core's entries bundled for the browser/workerd (esbuild, platform "neutral") must not
//      reach any Node built-in, `node:` or bare;
//   4. every bin of a workspace package is a committed file (npm links bins during `npm install`,
//      before the build, and skips missing ones), and node_modules/.bin links it: otherwise
//      `npx anywasi` in a fresh clone asks the registry for a package named `anywasi`.
// Usage: node scripts/check-packages.mjs [packages/DIR ...]   (default: packages/core packages/host-node)
import { spawnSync } from "node:child_process";
import { builtinModules } from "node:module";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["packages/core", "packages/host-node"];
let failures = 0;

function section(title) {
  console.log(`\n== ${title}`);
}

const { publint } = await import("publint");
const { formatMessage } = await import("publint/utils");

for (const dir of dirs) {
  const pkgDir = resolve(ROOT, dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  if (!existsSync(join(pkgDir, "dist"))) {
    console.log(`${dir}: no dist/ (run npm run build first)`);
    failures++;
    continue;
  }

  section(`publint ${pkg.name} (${dir})`);
  const { messages } = await publint({ pkgDir, pack: "npm", strict: true, level: "suggestion" });
  for (const m of messages) console.log(`  ${m.type}: ${formatMessage(m, pkg, { color: false })}`);
  const bad = messages.filter((m) => m.type !== "suggestion");
  console.log(bad.length === 0 ? `  ok${messages.length > 0 ? ` (${messages.length} suggestion(s))` : ""}` : `  ${bad.length} problem(s)`);
  failures += bad.length;

  section(`attw --pack --profile esm-only ${pkg.name}`);
  const attw = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js"), "--pack", ".", "--profile", "esm-only", "--format", "ascii", "--no-emoji", "--no-color"],
    { cwd: pkgDir, encoding: "utf8" },
  );
  console.log((attw.stdout + attw.stderr).trim().replace(/^/gm, "  "));
  if (attw.status !== 0) {
    console.log(`  attw failed (exit ${attw.status})`);
    failures++;
  }
}

// The core must run on browsers and workerd: nothing reachable from its entries may be a Node built-in.
if (dirs.some((d) => resolve(ROOT, d) === resolve(ROOT, "packages/core"))) {
  section("@anywasi/core's entries (. and ./jspi) reach no Node built-in (esbuild, platform neutral)");
  const esbuild = await import("esbuild");
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const found = [];
  await esbuild.build({
    entryPoints: [join(ROOT, "packages/core/dist/index.js"), join(ROOT, "packages/core/dist/jspi.js")],
    outdir: join(ROOT, "packages/core/dist"), // required for two entries; nothing is written
    bundle: true, write: false, platform: "neutral", format: "esm", logLevel: "silent",
    plugins: [{
      name: "no-node-builtins",
      setup(build) {
        build.onResolve({ filter: /.*/ }, (args) => {
          if (builtins.has(args.path) || args.path.startsWith("node:")) {
            found.push(`${args.path} (imported by ${args.importer})`);
            return { path: args.path, external: true };
          }
          return undefined;
        });
      },
    }],
  });
  if (found.length > 0) {
    for (const f of found) console.log(`  Node built-in: ${f}`);
    failures += found.length;
  } else {
    console.log("  ok");
  }
}

section("workspace bins are committed files, linked in node_modules/.bin");
for (const dir of dirs) {
  const pkgDir = resolve(ROOT, dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  for (const [name, target] of Object.entries(pkg.bin ?? {})) {
    const file = resolve(pkgDir, target);
    const tracked = spawnSync("git", ["ls-files", "--error-unmatch", file], { cwd: ROOT, encoding: "utf8" }).status === 0;
    const link = join(ROOT, "node_modules/.bin", name);
    let linked = false;
    try { linked = realpathSync(link) === realpathSync(file); } catch { /* missing */ }
    if (!tracked) console.log(`  ${name}: ${target} is not a committed file (a build output is missing at install time)`);
    if (!linked) console.log(`  ${name}: ${link} does not lead to ${file} (run npm install)`);
    if (tracked && linked) console.log(`  ${name} -> ${target}: ok`);
    failures += (tracked ? 0 : 1) + (linked ? 0 : 1);
  }
}

console.log(`\n${failures === 0 ? "all package checks passed" : `${failures} package check failure(s)`}`);
process.exitCode = failures === 0 ? 0 : 1;
