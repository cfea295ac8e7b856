#!/usr/bin/env node
// CPU profile of one benchmark program on one runtime driver, summarised by self time.
//
//   node bench/profile.mjs PROGRAM [--runtime anywasi-memfs] [--size N] [--top 15] [--keep DIR] [--all]
//
// Runs `node --cpu-prof` on bench/drivers/<runtime>.mjs in a fresh process (stdout on /dev/null,
// a fresh work directory under /dev/shm or os.tmpdir()) and prints the functions with the most
// self time as file:line function, percent of all samples. Guest code (wasm frames) is grouped as
// "[guest wasm]". Only samples taken while the guest runs (its _start on the stack) count, unless
// --all (start-up included: use it for 1-startup). PROGRAM is an id or its number ("5").
import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import * as os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);

const argv = process.argv.slice(2);
const opt = { runtime: "anywasi-memfs", size: null, top: 15, keep: null, program: null, phase: "run" };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--runtime") opt.runtime = argv[++i];
  else if (a === "--size") opt.size = argv[++i];
  else if (a === "--top") opt.top = Number(argv[++i]);
  else if (a === "--keep") opt.keep = argv[++i];
  else if (a === "--all") opt.phase = "all";
  else opt.program = a;
}
const programs = readdirSync(join(BENCH, "programs")).filter((f) => f.endsWith(".wasm")).map((f) => f.slice(0, -5));
const program = programs.find((p) => p === opt.program || p.startsWith(`${opt.program}-`));
if (!program) {
  console.error(`usage: node bench/profile.mjs PROGRAM [--runtime ID] [--size N] [--top N] [--keep DIR]\nprograms: ${programs.join(", ")}`);
  process.exit(64);
}

let base;
try { base = statSync("/dev/shm").isDirectory() ? "/dev/shm" : os.tmpdir(); } catch { base = os.tmpdir(); }
const work = mkdtempSync(join(base, "anywasi-prof-"));
const profDir = opt.keep ?? mkdtempSync(join(os.tmpdir(), "anywasi-cpuprof-"));
const devnull = openSync("/dev/null", "r+");
const args = ["--no-warnings", "--cpu-prof", "--cpu-prof-dir", profDir, "--cpu-prof-interval", "100",
  join(BENCH, "drivers", `${opt.runtime}.mjs`), join(BENCH, "programs", `${program}.wasm`), work];
if (opt.size !== null) args.push(String(opt.size));
const r = spawnSync(process.execPath, args, { cwd: work, stdio: [devnull, devnull, "pipe", "pipe"], encoding: "utf8" });
rmSync(work, { recursive: true, force: true });
console.log(`${program} on ${opt.runtime}: exit ${r.status}; guest: ${r.stderr.trim()}; driver: ${(r.output[3] ?? "").trim()}`);

const file = readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile")).map((f) => join(profDir, f)).sort().pop();
const prof = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// A sample is "in the run" when the guest's _start (a wasm frame) is on its stack.
const inRunMemo = new Map();
const isWasm = (cf) => cf.url.startsWith("wasm://") || /^\$?(func\d+|wasm-function)/.test(cf.functionName) || cf.functionName === "_start";
function inRun(id) {
  if (inRunMemo.has(id)) return inRunMemo.get(id);
  const n = byId.get(id);
  const v = isWasm(n.callFrame) || (parent.has(id) && inRun(parent.get(id)));
  inRunMemo.set(id, v);
  return v;
}
const self = new Map();
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? 0;
  const n = byId.get(prof.samples[i]);
  if (opt.phase === "run" && !inRun(n.id)) continue;
  const cf = n.callFrame;
  let key;
  if (cf.functionName.startsWith("wasm-to-js")) key = "[wasm-to-JS import wrappers]";
  else if (isWasm(cf)) key = "[guest wasm]";
  else if (cf.url === "") key = cf.functionName || "(anonymous)";
  else {
    let url = cf.url.startsWith("file://") ? fileURLToPath(cf.url) : cf.url;
    if (url.startsWith(ROOT)) url = relative(ROOT, url).replace(/^node_modules\//, "");
    key = `${url}:${cf.lineNumber + 1} ${cf.functionName || "(anonymous)"}`;
  }
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, opt.top);
console.log(`${opt.phase === "run" ? "inside the guest's _start" : "whole process"}: ${(total / 1000).toFixed(0)} ms sampled; top self time:`);
for (const [k, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
if (opt.keep === null) rmSync(profDir, { recursive: true, force: true });
else console.log(`profile kept: ${file}`);
