#!/usr/bin/env node
// What interruption checks (@anywasi/core/interrupt) cost: each program run in this process on
// the core with MemFS, the original module and the instrumented one alternately, N runs each;
// reports the median time of start() and the time instrument() took. Needs `npm run build`.
//
//   node bench/interrupt.mjs [--runs N]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { MemFS, WASI } from "@anywasi/core";
import { instrument, interruptImports } from "@anywasi/core/interrupt";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const RUNS = Number(values.runs);
const at = (p) => fileURLToPath(new URL(p, import.meta.url));
const PROGRAMS = [
  { name: "compute (sieve, fib, hash loop)", wasm: at("./interrupt/compute.wasm"), args: ["compute", "3"] },
  { name: "2-small-writes (syscalls)", wasm: at("./programs/2-small-writes.wasm"), args: ["p", "200000"] },
  { name: "5-metadata (syscalls)", wasm: at("./programs/5-metadata.wasm"), args: ["p", "20000"] },
];

async function once(module, args, instrumented) {
  const out = [];
  const wasi = new WASI({ args, preopens: { "/": new MemFS().root }, stdout: () => {}, stderr: (c) => out.push(Buffer.from(c)) });
  let checks = 0;
  const imports = { ...wasi.getImportObject(), ...(instrumented ? interruptImports(() => { checks++; performance.now(); }) : {}) };
  const instance = await WebAssembly.instantiate(module, imports);
  const t0 = performance.now();
  const code = wasi.start(instance);
  const ms = performance.now() - t0;
  return { ms, code, line: Buffer.concat(out).toString().trim(), checks };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| program | original (ms) | instrumented (ms) | overhead | checks per run | instrument() (ms) | size |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|`);
for (const p of PROGRAMS) {
  const bytes = readFileSync(p.wasm);
  const t0 = performance.now();
  const inst = instrument(bytes);
  const instrumentMs = performance.now() - t0;
  const [orig, instr] = await Promise.all([WebAssembly.compile(bytes), WebAssembly.compile(inst)]);
  const a = [], b = [];
  let checks = 0;
  for (let i = 0; i < RUNS; i++) {
    const x = await once(orig, p.args, false);
    const y = await once(instr, p.args, true);
    if (x.code !== 0 || y.code !== 0 || x.line !== y.line) throw new Error(`${p.name}: results differ: ${x.line} / ${y.line}`);
    a.push(x.ms); b.push(y.ms); checks = y.checks;
  }
  const ma = median(a), mb = median(b);
  console.log(`| ${p.name} | ${ma.toFixed(1)} | ${mb.toFixed(1)} | ${(((mb / ma) - 1) * 100).toFixed(1)}% | ${checks} | ${instrumentMs.toFixed(1)} | ${bytes.length} → ${inst.length} B |`);
}
