#!/usr/bin/env node
// Builds the native component fixtures into test/suite-p2/native/: each NAME.c (a core module
// calling WASI 0.2 directly through p2.h) compiled with clang, given world.wit's type information
// (`wasm-tools component embed`) and made a component (`wasm-tools component new`, no adapter),
// both through jco-transpile's bundled wasm-tools. The WIT of the wasi:* packages is jco's own
// 0.2.12 copy. http_*.c use the world http-fixture (wasi:http/outgoing-handler too), handler_*.c
// the world handler-fixture (a wasi:http/incoming-handler).
//
//   node test/components-native/build.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const REPO = join(HERE, "../..");
const OUT = join(REPO, "test/suite-p2/native");
const WASI_WIT = join(REPO, "node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12");

const { componentEmbed, componentNew } = await import("@bytecodealliance/jco-transpile/wasm-tools");
// One WIT source: world.wit, then each wasi:* package in the nested `package x { ... }` form
// (jco-transpile's wasm-tools cannot read a WIT directory: it panics on the path).
const witSource = [readFileSync(join(HERE, "world.wit"), "utf8")];
for (const pkg of readdirSync(WASI_WIT).sort()) {
  const text = readFileSync(join(WASI_WIT, pkg, "package.wit"), "utf8");
  const m = /^\s*package\s+([^;]+);/m.exec(text);
  if (!m) throw new Error(`${pkg}/package.wit: no package line`);
  witSource.push(`package ${m[1]} {\n${text.replace(m[0], "")}\n}`);
}
const work = mkdtempSync(join(tmpdir(), "anywasi-native-components-"));
try {
  mkdirSync(OUT, { recursive: true });
  for (const c of readdirSync(HERE).filter((f) => f.endsWith(".c")).sort()) {
    const name = c.slice(0, -2);
    const core = join(work, `${name}.core.wasm`);
    execFileSync("clang", [
      "--target=wasm32-wasi", "-O2", "-fno-builtin", "-nostdlib", "-Wl,--no-entry", "-Wl,--strip-debug", join(HERE, c), "-o", core,
    ], { stdio: "inherit" });
    const world = name.startsWith("http_") ? "http-fixture" : name.startsWith("handler_") ? "handler-fixture" : "fixture";
    const embedded = await componentEmbed({ binary: readFileSync(core), witSource: witSource.join("\n"), world: `anywasi:native-fixtures/${world}` });
    // http_* fixtures need a server the conformance runner does not start: vitest runs them
    // (test/unit/component-http-outgoing.test.ts) from test/components/; handler_* are served by
    // the gateway (test/gateway/http-component-scenarios.mjs) from test/gateway/http-component/.
    const out = name.startsWith("http_") ? join(REPO, "test/components", `${name}.component.wasm`)
      : name.startsWith("handler_") ? join(REPO, "test/gateway/http-component", `${name.slice(8)}.component.wasm`)
      : join(OUT, `${name}.wasm`);
    writeFileSync(out, await componentNew(embedded, []));
    console.log(`native component: ${out.slice(REPO.length + 1)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
