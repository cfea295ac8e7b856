#!/usr/bin/env node
// npm pack smoke test (npm run test:pack; needs `npm run build` first): packs the publishable
// packages, installs the tarballs into a scratch project outside the repository (npm's cache first,
// the registry for what it lacks: @anywasi/core depends on @bytecodealliance/jco-transpile, whose
// registry metadata a fresh machine's `npm ci` does not cache), and runs examples/hello/hello.wasm through what a user has there:
//   1. `npx anywasi run` (the @anywasi/node bin);
//   2. an ESM script on Node importing @anywasi/core (both entries) and @anywasi/node;
//   3. the same script on Deno (`deno run -A`, resolving the scratch node_modules);
//   4. a TypeScript consumer type-checked with moduleResolution node16 and bundler, the
//      packages' .d.ts included (skipLibCheck off).
// Prints `N passed, N failed`; exits 1 on a failure. --keep keeps the scratch directory.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// @anywasi/node depends on @anywasi/core and @anywasi/gateway: all three are packed together.
const PACKAGES = ["packages/core", "packages/gateway", "packages/host-node"];
const keep = process.argv.includes("--keep");
const started = performance.now();

let passed = 0;
let failed = 0;
function check(name, f) {
  const t = performance.now();
  try {
    f();
    passed++;
    console.log(`ok   ${name} (${Math.round(performance.now() - t)} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e?.message ?? e}`);
  }
}
function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
function expectIncludes(text, want) {
  if (!text.includes(want)) throw new Error(`output lacks ${JSON.stringify(want)}:\n${text}`);
}
function findDeno() {
  if (process.env.DENO_BIN) return process.env.DENO_BIN;
  try {
    return createRequire(import.meta.url)("deno/install_api.cjs").runInstall();
  } catch {
    return "deno";
  }
}

const scratch = mkdtempSync(join(tmpdir(), "anywasi-pack-"));
const tarballs = join(scratch, "tarballs");
const project = join(scratch, "project");
mkdirSync(tarballs);
mkdirSync(join(project, "work"), { recursive: true });
const npmEnv = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

try {
  const files = [];
  check("npm pack", () => {
    for (const dir of PACKAGES) {
      const out = JSON.parse(sh("npm", ["pack", "--json", "--pack-destination", tarballs], { cwd: join(ROOT, dir), env: npmEnv }));
      files.push(join(tarballs, out[0].filename));
      console.log(`     ${out[0].name}: ${out[0].filename}, ${out[0].entryCount} files, ${(out[0].size / 1024).toFixed(1)} KB packed`);
    }
  });

  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }, null, 2));
  copyFileSync(join(ROOT, "examples/hello/hello.wasm"), join(project, "hello.wasm"));
  writeFileSync(join(project, "work/note.txt"), "from the host\n");

  check("npm install the tarballs", () => {
    sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", ...files], { cwd: project, env: npmEnv });
  });

  check("npx anywasi run", () => {
    const out = sh("npx", ["--no-install", "anywasi", "run", "--dir", "work::/", "hello.wasm", "cli"], { cwd: project, env: npmEnv });
    expectIncludes(out, "hello, cli, from WASI");
    expectIncludes(out, "note.txt says: from the host");
    expectIncludes(readFileSync(join(project, "work/greeting.txt"), "utf8"), "greeted cli");
  });

  writeFileSync(join(project, "smoke.mjs"), `
import { MemFS, OutputCollector, WASI, run } from "@anywasi/core";
import { getSuspendingImportObject, hasJSPI, startAsync } from "@anywasi/core/jspi";
import { createNodeWASI } from "@anywasi/node";
import { readFile } from "node:fs/promises";

const wasm = await readFile(new URL("./hello.wasm", import.meta.url));
const fs = MemFS.from({ "note.txt": "from MemFS\\n" });
const r = await run(wasm, { args: ["hello", "run"], preopens: { "/": fs.root } });
const text = new TextDecoder().decode(r.stdout);
if (r.exitCode !== 0 || !text.includes("hello, run, from WASI") || !text.includes("note.txt says: from MemFS")) throw new Error("run(): " + text);
if (!fs.readText("greeting.txt").startsWith("greeted run")) throw new Error("no greeting.txt");

const out = new OutputCollector();
const wasi = new WASI({ args: ["hello", "wasi"], preopens: { "/": MemFS.from({}).root }, stdout: out });
const { instance } = await WebAssembly.instantiate(wasm, wasi.getImportObject());
if (wasi.start(instance) !== 0 || !out.text().includes("hello, wasi, from WASI")) throw new Error("WASI: " + out.text());

const node = createNodeWASI({ args: ["hello", "node"], dirs: { "/": "./work" }, stdin: "", stdout: out });
const inst2 = (await WebAssembly.instantiate(wasm, node.wasi.getImportObject())).instance;
const code = node.wasi.start(inst2);
node.close();
if (code !== 0 || !out.text().includes("hello, node, from WASI") || !out.text().includes("note.txt says: from the host")) throw new Error("createNodeWASI: " + out.text());

// @anywasi/core/jspi works on the main entry's WASI: both entries share one copy of the core.
const jout = new OutputCollector();
const jw = new WASI({ args: ["hello", "jspi"], preopens: { "/": MemFS.from({}).root }, stdout: jout });
if (hasJSPI()) {
  const inst3 = (await WebAssembly.instantiate(wasm, getSuspendingImportObject(jw))).instance;
  if (await startAsync(jw, inst3) !== 0 || !jout.text().includes("hello, jspi, from WASI")) throw new Error("jspi: " + jout.text());
} else {
  const inst3 = (await WebAssembly.instantiate(wasm, jw.getImportObject())).instance;
  const err = await startAsync(jw, inst3).then(() => null, (e) => e);
  if (!String(err?.message).includes("no JSPI")) throw new Error("jspi without JSPI: " + err);
}
console.log("smoke ok");
`);

  check("ESM script on Node", () => {
    expectIncludes(sh(process.execPath, ["smoke.mjs"], { cwd: project }), "smoke ok");
  });

  check("ESM script on Deno", () => {
    const env = { ...process.env, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" };
    expectIncludes(sh(findDeno(), ["run", "-A", "--quiet", "smoke.mjs"], { cwd: project, env }), "smoke ok");
  });

  writeFileSync(join(project, "consumer.ts"), `
import { MemFS, WASI, run, type RunResult, type DirectoryHandle } from "@anywasi/core";
import { startAsync } from "@anywasi/core/jspi";
import { createNodeWASI, type NodeWASIOptions } from "@anywasi/node";
const root: DirectoryHandle = MemFS.from({ "a.txt": "x" }).root;
const wasi = new WASI({ args: ["x"], env: { A: "1" }, preopens: { "/": root }, stdout: (c: Uint8Array) => void c });
const imports: WebAssembly.Imports = wasi.getImportObject();
const options: NodeWASIOptions = { dirs: { "/": "." } };
export const pending: Promise<RunResult> = run(new Uint8Array(8));
export const started: (i: WebAssembly.Instance) => Promise<number> = (i) => startAsync(wasi, i);
export { imports, options, createNodeWASI };
`);
  for (const resolution of ["node16", "bundler"]) {
    check(`tsc consumer (moduleResolution ${resolution}, skipLibCheck off)`, () => {
      const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
      const module = resolution === "node16" ? "node16" : "esnext";
      sh(process.execPath, [
        tsc, "--noEmit", "--strict", "--skipLibCheck", "false", "--target", "es2022", "--lib", "es2022,dom",
        "--module", module, "--moduleResolution", resolution, "--types", "node",
        "--typeRoots", join(ROOT, "node_modules/@types"), "consumer.ts",
      ], { cwd: project });
    });
  }
} finally {
  if (keep) console.log(`scratch kept: ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed (${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exitCode = failed === 0 ? 0 : 1;
