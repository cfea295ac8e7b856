#!/usr/bin/env node
// Program 7's two halves on each runtime, in one process, interleaved: how long a 1 ms sleep
// (poll_oneoff on a relative 1 ms monotonic clock, what wasi-libc's nanosleep calls) really takes,
// measured with this process's performance.now() around the call (not with the runtime's own
// clock, which the guest has to trust), and ns per zero-timeout poll (minimum over rounds).
//
//   node --no-warnings bench/micro/sleep.mjs [--sleeps 200] [--rounds 20] [--n 10000] [--only "anywasi core"]
// --only one runtime with --rounds 1 --sleeps 20 is program 7 cold, as the bench runs it (a fresh process).
//
// A sleep shorter than 1 ms is a wrong answer, whatever the guest's clock then says.
import { readFileSync } from "node:fs";
import { WASI as NodeWASI } from "node:wasi";
import { MemFS, WASI as AnyWASI } from "@anywasi/core";
import { createNodeWASI } from "@anywasi/node";
import { WASI as TybysWASI } from "@tybys/wasm-util";
import { ConsoleStdout, File, OpenFile, WASI as ShimWASI } from "@bjorn3/browser_wasi_shim";

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? Number(argv[i + 1]) : dflt; };
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : null;
const SLEEPS = opt("sleeps", 200);
const ROUNDS = opt("rounds", 20);
const N = opt("n", 10000);
const module = new WebAssembly.Module(readFileSync(new URL("./syscalls.wasm", import.meta.url)));
const enosys = (imports) => {
  for (const imp of WebAssembly.Module.imports(module)) imports[imp.module][imp.name] ??= () => 52;
  return imports;
};

function withInit(wasi, imports) {
  const instance = new WebAssembly.Instance(module, enosys(imports));
  wasi.initialize(instance);
  return instance.exports;
}
const runtimes = {
  "anywasi core": () => { const w = new AnyWASI({ preopens: { "/": MemFS.from({}).root }, stdout: () => {} }); return withInit(w, w.getImportObject()); },
  "anywasi @anywasi/node": () => { const { wasi } = createNodeWASI({}); return withInit(wasi, wasi.getImportObject()); },
  "@tybys/wasm-util": () => { const w = new TybysWASI({ version: "preview1", returnOnExit: true }); return withInit(w, w.getImportObject()); },
  "node:wasi": () => { const w = new NodeWASI({ version: "preview1", returnOnExit: true }); return withInit(w, w.getImportObject()); },
  "browser_wasi_shim": () => {
    const w = new ShimWASI([], [], [new OpenFile(new File([])), new ConsoleStdout(() => {}), new ConsoleStdout(() => {})]);
    return withInit(w, { wasi_snapshot_preview1: w.wasiImport });
  },
};
const xs = Object.fromEntries(Object.entries(runtimes).filter(([k]) => only === null || k === only).map(([k, make]) => [k, make()]));

const sleeps = Object.fromEntries(Object.keys(xs).map((k) => [k, []]));
const errs = Object.fromEntries(Object.keys(xs).map((k) => [k, 0]));
for (let i = 0; i < SLEEPS; i++) {
  for (const [k, x] of Object.entries(xs)) {
    const t = performance.now();
    errs[k] += x.polls(1_000_000n, 1);
    sleeps[k].push(performance.now() - t);
  }
}
const polls = Object.fromEntries(Object.keys(xs).map((k) => [k, Infinity]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [k, x] of Object.entries(xs)) {
    const t = performance.now();
    errs[k] += x.polls(0n, N);
    polls[k] = Math.min(polls[k], ((performance.now() - t) * 1e6) / N);
  }
}
const q = (a, p) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
console.error(`1 ms sleeps (${SLEEPS} each, ms by performance.now() around the call) and zero-timeout polls (ns, min of ${ROUNDS} rounds of ${N})`);
console.error(`${"runtime".padEnd(24)} ${"min".padStart(6)} ${"median".padStart(7)} ${"mean".padStart(6)} ${"p90".padStart(6)} ${"max".padStart(6)} ${"<1ms".padStart(5)}  poll0 ns  errors`);
for (const [k, a] of Object.entries(sleeps)) {
  a.sort((x, y) => x - y);
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  const short = a.filter((v) => v < 1).length;
  console.error(`${k.padEnd(24)} ${a[0].toFixed(3).padStart(6)} ${q(a, 0.5).toFixed(3).padStart(7)} ${mean.toFixed(3).padStart(6)} ${q(a, 0.9).toFixed(3).padStart(6)} ${a[a.length - 1].toFixed(3).padStart(6)} ${String(short).padStart(5)}  ${polls[k].toFixed(0).padStart(8)}  ${errs[k]}`);
}
