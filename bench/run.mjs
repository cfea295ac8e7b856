#!/usr/bin/env node
// anywasi benchmark: the guest programs of bench/programs/ on each runtime, side by side.
//
//   node bench/run.mjs [--runs N] [--smoke] [--browser | --no-browser] [--programs 2,5]
//                      [--runtimes anywasi-memfs,node-wasi] [--timeout S] [--no-build]
//                      [--write-expected]
//
// Every run is a fresh process: `node --no-warnings bench/drivers/<runtime>.mjs PROGRAM.wasm
// WORKDIR SIZE` (or the native gcc -O2 binary under /usr/bin/time) with stdin on /dev/null,
// stdout on /dev/null (the guest's bulk output; JS-sink runtimes discard it in-process), stderr
// piped (the guest's one result line) and fd 3 piped (the driver's JSON: setup time from before
// the module is compiled to after instantiation, run time around start(), peak RSS). A run's
// in-process time is setup + run: the primary ratios use it (issue 13 compares whole runs). Each run gets a new empty WORKDIR under /dev/shm (tmpfs) or,
// failing that, os.tmpdir(). A row is "ok" only when every run exited 0 and printed the same
// result line as the native build (or bench/programs/expected.json without gcc).
//
// Results: bench/results/latest.json and docs/benchmarks.md for a full run; smoke.json or
// partial.json (--programs/--runtimes, no browser unless --browser) otherwise.
// --smoke: reduced sizes, 1 run, no browser, no docs, no native build (expected.json is the
// reference); the peers and the no-cache component run program 1 only (their drivers still work);
// exits 1 only when a runtime of ours (anywasi) gives a wrong result, crashes or hangs. Timings
// are never asserted.
import { spawn, spawnSync } from "node:child_process";
import {
  closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import * as os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const PROGRAMS_DIR = join(BENCH, "programs");

export const PROGRAMS = [
  // minRuns: a run of these takes a few ms, and on a 2-core machine one scheduler tick (4 ms) lost
  // to the engine's background compiles moves it by half; 5 runs left their medians to chance
  // (bench/analysis.md, "Rows 1 and 3, 2026-12-07 (late)"). Each extra run costs ~0.1 s (~1 s for jco).
  { id: "1-startup", what: "start-up: print one line", size: 1, smoke: 1, minRuns: 15 },
  { id: "2-small-writes", what: "1M × 16 B unbuffered write(1)", size: 1000000, smoke: 20000 },
  { id: "3-bulk-stdout", what: "256 MiB stdout in 64 KiB writes", size: 256, smoke: 8, minRuns: 15 },
  { id: "4-file-io", what: "64 MiB file, 4 KiB writes, fsync, read back", size: 64, smoke: 4 },
  { id: "5-metadata", what: "100k open+fstat+close, 1k readdir of 1k files", size: 100000, smoke: 2000 },
  { id: "6-clock-random", what: "1M clock_gettime + 100k × 32 B getentropy", size: 1000000, smoke: 20000 },
  { id: "7-poll-sleep", what: "10k zero-timeout poll_oneoff + 20 × 1 ms sleep", size: 10000, smoke: 1000 },
];

const RUNTIMES = [
  { id: "anywasi-memfs", label: "anywasi core + MemFS", ours: true },
  { id: "anywasi-node", label: "anywasi @anywasi/node (real dir)", ours: true },
  { id: "anywasi-component", label: "anywasi component (@anywasi/node, transpile cached)", ours: true },
  { id: "anywasi-component-nocache", label: "anywasi component, no transpile cache", ours: true },
  { id: "node-wasi", label: "node:wasi", peer: true },
  { id: "browser-wasi-shim", label: "browser_wasi_shim (in-memory)", peer: true },
  { id: "tybys-wasm-util", label: "@tybys/wasm-util (node:fs)", peer: true },
  { id: "uwasi", label: "uwasi (stdio only, no filesystem)", peer: true },
  { id: "runno-wasi", label: "@runno/wasi (in-memory)", peer: true },
  { id: "jco-preview2-shim", label: "jco + preview2-shim (component)", peer: true },
  { id: "native", label: "native gcc -O2", native: true },
];

/**
 * Seconds a peer's smoke run may take before it is killed and marked "timeout". The smoke sizes
 * take a peer at most ~2 s alone (jco + preview2-shim, its slowest), ~5 s on a loaded CI machine;
 * 20 s, the --slow bound, is past that with room.
 */
const PEER_SMOKE_TIMEOUT_S = 20;

function parseArgs(argv) {
  const o = {
    runs: 5, smoke: false, browser: null, programs: null, runtimes: null, timeout: 60, slow: 20,
    build: true, writeExpected: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { const v = argv[++i]; if (v === undefined) usage(`${a} needs a value`); return v; };
    if (a === "--runs") o.runs = Math.max(1, Number.parseInt(val(), 10) || 1);
    else if (a === "--smoke") o.smoke = true;
    else if (a === "--browser") o.browser = true;
    else if (a === "--no-browser") o.browser = false;
    else if (a === "--programs") o.programs = val().split(",");
    else if (a === "--runtimes") o.runtimes = val().split(",");
    else if (a === "--timeout") o.timeout = Number(val());
    else if (a === "--slow") o.slow = Number(val());
    else if (a === "--no-build") o.build = false;
    else if (a === "--write-expected") o.writeExpected = true;
    else if (a === "--help" || a === "-h") usage();
    else usage(`unknown argument ${a}`);
  }
  if (o.smoke) { o.runs = 1; if (o.browser === null) o.browser = false; }
  if (o.browser === null) o.browser = o.runtimes === null;
  return o;
}

function usage(msg) {
  if (msg) console.error(msg);
  console.error("usage: node bench/run.mjs [--runs N] [--smoke] [--browser|--no-browser] [--programs 1-startup,5] [--runtimes ids] [--timeout S] [--slow S] [--no-build] [--write-expected]");
  process.exit(msg ? 64 : 0);
}

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const pick = (list, sel) => sel === null ? list : list.filter((x) => sel.some((s) => x.id === s || x.id.startsWith(`${s}-`)));

function tmpBase() {
  try {
    if (statSync("/dev/shm").isDirectory()) return { dir: mkdtempSync("/dev/shm/anywasi-bench-"), where: "/dev/shm (tmpfs)" };
  } catch { /* no /dev/shm */ }
  return { dir: mkdtempSync(join(os.tmpdir(), "anywasi-bench-")), where: `${os.tmpdir()} (os.tmpdir())` };
}

function buildNative(programs, dir) {
  const bins = {};
  for (const p of programs) {
    const out = join(dir, p.id);
    const r = spawnSync("gcc", ["-O2", "-o", out, join(PROGRAMS_DIR, `${p.id}.c`)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`gcc failed for ${p.id}:\n${r.stderr}`);
    bins[p.id] = out;
  }
  return bins;
}

/** setup + run of one run (ms), or null when the driver did not report both. */
export const inProcess = (r) => typeof r.setupMs === "number" && typeof r.runMs === "number" ? r.setupMs + r.runMs : null;

/** One run in a fresh process. Resolves { status, wallMs, runMs, setupMs, inprocMs, maxRSSKiB, stderr, exitCode }. */
function runOnce({ runtime, program, size, workdir, nativeBin, timeoutS, devnull, rssFile }) {
  let cmd, args;
  if (runtime.native) {
    const useTime = existsSync("/usr/bin/time");
    cmd = useTime ? "/usr/bin/time" : nativeBin;
    args = useTime ? ["-f", "%M", "-o", rssFile, nativeBin, String(size)] : [String(size)];
  } else {
    cmd = process.execPath;
    args = ["--no-warnings", join(BENCH, "drivers", `${runtime.id}.mjs`), join(PROGRAMS_DIR, `${program.id}.wasm`), workdir, String(size)];
  }
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: workdir, stdio: [devnull, devnull, "pipe", "pipe"] });
    let stderr = "";
    let report = "";
    let wallMs = null;
    let exitCode = null;
    let signal = null;
    let timedOut = false;
    child.stderr.setEncoding("utf8").on("data", (d) => { if (stderr.length < 65536) stderr += d; });
    child.stdio[3].setEncoding("utf8").on("data", (d) => { report += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, timeoutS * 1000);
    child.on("exit", (code, sig) => { wallMs = performance.now() - t0; exitCode = code; signal = sig; });
    child.on("error", (e) => { stderr += String(e); });
    child.on("close", () => {
      clearTimeout(timer);
      let j = {};
      try { j = report.trim() ? JSON.parse(report.trim().split("\n").pop()) : {}; } catch { /* bad report */ }
      let maxRSSKiB = j.maxRSSKiB ?? null;
      if (runtime.native && existsSync(rssFile)) {
        const m = /(\d+)\s*$/.exec(readFileSync(rssFile, "utf8"));
        if (m) maxRSSKiB = Number(m[1]);
        rmSync(rssFile, { force: true });
      }
      const runMs = runtime.native ? wallMs : (j.runMs ?? null);
      const setupMs = j.setupMs ?? null;
      resolve({
        timedOut, wallMs, exitCode, signal, stderr, runMs, setupMs,
        inprocMs: runtime.native ? null : inProcess({ setupMs, runMs }), maxRSSKiB,
      });
    });
  });
}

function stats(xs) {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const q = (f) => { const i = (v.length - 1) * f; const lo = Math.floor(i); return v[lo] + (v[Math.ceil(i)] - v[lo]) * (i - lo); };
  return { median: q(0.5), min: v[0], max: v[v.length - 1], q1: q(0.25), q3: q(0.75), n: v.length };
}

const fmtMs = (s) => s === null ? "—" : s.n > 1 ? `${fmtNum(s.median)} (${fmtNum(s.min)}–${fmtNum(s.max)})` : fmtNum(s.median);
function fmtNum(x) { return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2); }
const fmtRatio = (r) => r === null || r === undefined ? "—" : `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;

/** Final status of a (program, runtime) cell from its runs. */
function cellStatus(runs, reference) {
  if (runs.some((r) => r.timedOut)) return "timeout";
  if (runs.some((r) => r.exitCode !== 0)) return runs.some((r) => /^FAIL/m.test(r.stderr)) ? "wrong" : "crash";
  if (reference === null) return "unverified";
  return runs.every((r) => r.stderr.trim() === reference) ? "ok" : "wrong";
}

function machine() {
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    const m = /Model name:\s*(.+)/.exec(spawnSync("lscpu", [], { encoding: "utf8" }).stdout ?? "");
    if (m) cpu = m[1].trim();
  } catch { /* no lscpu */ }
  return {
    cpu, cores: os.cpus().length, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`, date: new Date().toISOString(),
  };
}

function peerVersions() {
  const v = (name) => { try { return JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version; } catch { return null; } };
  return { "@bjorn3/browser_wasi_shim": v("@bjorn3/browser_wasi_shim"), "@tybys/wasm-util": v("@tybys/wasm-util"), uwasi: v("uwasi"), "@runno/wasi": v("@runno/wasi"), "playwright-core": v("playwright-core") };
}

function nodeTable(results, programs, runtimes) {
  const lines = [
    "| program | runtime | result | in-process ms (setup + run), median (min–max) | setup ms | run ms | wall ms | peak RSS MiB | in-process ×node:wasi | in-process ×best peer | run ×best peer | wall ×node:wasi |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const p of programs) {
    for (const rt of runtimes) {
      const c = results[p.id]?.[rt.id];
      if (!c) continue;
      const rss = c.maxRSSKiB ? (c.maxRSSKiB.median / 1024).toFixed(0) : "—";
      const status = c.status === "ok" ? "ok" : `**${c.status}**`;
      const med = (st) => st === null ? "—" : fmtNum(st.median);
      const js = (text) => rt.native ? "—" : text;
      lines.push(`| ${p.id} | ${rt.label} | ${status} | ${js(fmtMs(c.inprocMs))} | ${js(med(c.setupMs))} | ${js(med(c.runMs))} | ${fmtMs(c.wallMs)} | ${rss} | ${js(fmtRatio(c.inprocVsNodeWasi))} | ${js(fmtRatio(c.inprocVsBestPeer))} | ${js(fmtRatio(c.runVsBestPeer))} | ${fmtRatio(c.wallVsNodeWasi)} |`);
    }
  }
  return lines.join("\n");
}

/**
 * Ratios of medians against node:wasi and against the best peer. "Best" is by in-process time
 * (setup + run), the primary measure; `runVsBestPeer` compares run times with the peer fastest
 * in run time (which may be another one).
 */
function addRatios(cells, runtimes) {
  const ok = (id) => cells[id]?.status === "ok";
  const node = ok("node-wasi") ? cells["node-wasi"] : null;
  const bestBy = (key) => {
    let best = null;
    for (const rt of runtimes) {
      const m = rt.peer && ok(rt.id) ? cells[rt.id][key] : null;
      if (m && (best === null || m.median < best.stat.median)) best = { id: rt.id, stat: m };
    }
    return best;
  };
  const best = bestBy("inprocMs");
  const bestRun = bestBy("runMs");
  const ratio = (c, key, ref) => c[key] && ref ? c[key].median / ref.median : null;
  for (const c of Object.values(cells)) {
    if (c.status !== "ok" && c.status !== "unverified") continue;
    c.wallVsNodeWasi = ratio(c, "wallMs", node?.wallMs);
    c.inprocVsNodeWasi = ratio(c, "inprocMs", node?.inprocMs);
    c.inprocVsBestPeer = ratio(c, "inprocMs", best?.stat);
    c.runVsNodeWasi = ratio(c, "runMs", node?.runMs);
    c.runVsBestPeer = ratio(c, "runMs", bestRun?.stat);
    c.bestPeer = best?.id ?? null;
    c.bestRunPeer = bestRun?.id ?? null;
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const loadAtStart = os.loadavg()[0];
  const programs = pick(PROGRAMS, o.programs);
  let runtimes = pick(RUNTIMES, o.runtimes);
  const sizeOf = (p) => (o.smoke ? p.smoke : p.size);

  if (o.build) {
    // Only the two packages the drivers import, so that a half-written sibling package cannot stop the bench.
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const b = spawnSync(process.execPath, [tsc, "-b", "packages/core", "packages/host-node"], { cwd: ROOT, stdio: "inherit" });
    if (b.status !== 0) { console.error("building packages/core and packages/host-node failed"); process.exit(1); }
    // The drivers import the packages' bundles (dist/bundle.js), not tsc's per-file output.
    const bundled = spawnSync(process.execPath, [join(ROOT, "scripts", "bundle.mjs")], { cwd: ROOT, stdio: "inherit" });
    if (bundled.status !== 0) { console.error("bundling the packages failed"); process.exit(1); }
  }
  for (const p of programs) {
    if (!existsSync(join(PROGRAMS_DIR, `${p.id}.wasm`))) {
      console.error(`missing ${p.id}.wasm: run  node scripts/build-fixtures.mjs bench/programs`);
      process.exit(1);
    }
  }

  const base = tmpBase();
  const devnull = openSync("/dev/null", "r+");
  let nativeBins = null;
  if (o.smoke && !o.writeExpected) runtimes = runtimes.filter((r) => !r.native);
  if (runtimes.some((r) => r.native) || o.writeExpected) {
    if (has("gcc")) nativeBins = buildNative(programs, join(base.dir));
    else {
      console.error("gcc not found: no native reference; checking against bench/programs/expected.json");
      runtimes = runtimes.filter((r) => !r.native);
    }
  }
  const expectedPath = join(PROGRAMS_DIR, "expected.json");
  const expected = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, "utf8")) : {};
  let seq = 0;
  const freshDir = () => { const d = join(base.dir, `w${seq++}`); mkdirSync(d); return d; };

  if (o.writeExpected) {
    if (!nativeBins) { console.error("--write-expected needs gcc"); process.exit(1); }
    for (const p of programs) {
      expected[p.id] ??= {};
      for (const size of [p.size, p.smoke]) {
        const wd = freshDir();
        const r = await runOnce({ runtime: RUNTIMES.at(-1), program: p, size, workdir: wd, nativeBin: nativeBins[p.id], timeoutS: o.timeout, devnull, rssFile: join(base.dir, "rss") });
        rmSync(wd, { recursive: true, force: true });
        if (r.exitCode !== 0) { console.error(`native ${p.id} ${size} failed: ${r.stderr}`); process.exit(1); }
        expected[p.id][String(size)] = r.stderr.trim();
      }
    }
    writeFileSync(expectedPath, JSON.stringify(expected, null, 2) + "\n");
    console.log(`wrote ${expectedPath}`);
    rmSync(base.dir, { recursive: true, force: true });
    return;
  }

  const mode = o.smoke ? "smoke" : "full";
  // A smoke run checks our runtimes on every program, and that each peer's driver still runs (on
  // program 1). The peers' results on the other programs never fail a smoke run, and running them
  // took most of its CPU time (@runno/wasi busy-waits on program 7 until killed, jco transpiles
  // for each program); the no-cache component path is the same on every program. The reference is
  // then bench/programs/expected.json, which holds the smoke sizes' native results.
  const smokeEverywhere = (rt) => rt.ours && rt.id !== "anywasi-component-nocache";
  const runtimesFor = (p) => (o.smoke && p.id !== PROGRAMS[0].id ? runtimes.filter(smokeEverywhere) : runtimes);
  // A smoke run gives a peer at most PEER_SMOKE_TIMEOUT_S: a peer's result never fails the smoke,
  // and a peer that hangs (@runno/wasi busy-waits forever in program 7's poll_oneoff) held one of
  // CI's 2 cores for the whole 60 s. Ours keep o.timeout: their hang is what the smoke reports.
  const timeoutOf = (rt) => (o.smoke && rt.peer ? Math.min(o.timeout, PEER_SMOKE_TIMEOUT_S) : o.timeout);
  console.error(`anywasi bench (${mode}): ${programs.length} programs × ${runtimes.length} runtimes × ${o.runs} runs; workdirs in ${base.where}`);
  const results = {};
  const raw = {};
  const problems = [];
  // --runs N, or more for a program whose runs are short (minRuns); a smoke run makes one.
  const runsFor = (p) => (o.smoke ? o.runs : Math.max(o.runs, p.minRuns ?? 0));
  for (const p of programs) {
    const size = sizeOf(p);
    const runtimes = runtimesFor(p);
    const runsOf = Object.fromEntries(runtimes.map((r) => [r.id, []]));
    const stopped = new Set();
    for (let i = 0; i < runsFor(p); i++) {
      for (const rt of runtimes) {
        if (stopped.has(rt.id)) continue;
        const wd = freshDir();
        const r = await runOnce({ runtime: rt, program: p, size, workdir: wd, nativeBin: nativeBins?.[p.id], timeoutS: timeoutOf(rt), devnull, rssFile: join(base.dir, "rss") });
        rmSync(wd, { recursive: true, force: true });
        runsOf[rt.id].push(r);
        // Do not repeat a run that hung, failed, or is far too slow to be worth repeating.
        if (r.timedOut || r.exitCode !== 0 || (r.wallMs ?? 0) > o.slow * 1000) stopped.add(rt.id);
        process.stderr.write(`  ${p.id} ${rt.id} #${i + 1}: ${r.timedOut ? "timeout" : `${(r.wallMs ?? 0).toFixed(0)} ms wall, ${r.setupMs === null ? "?" : r.setupMs.toFixed(1)} ms setup, ${r.runMs === null ? "?" : r.runMs.toFixed(1)} ms run, exit ${r.exitCode}`}\n`);
      }
    }
    const nativeRef = runsOf.native?.find((r) => r.exitCode === 0)?.stderr.trim();
    const reference = nativeRef ?? expected[p.id]?.[String(size)] ?? null;
    if (nativeRef && expected[p.id]?.[String(size)] && nativeRef !== expected[p.id][String(size)]) {
      problems.push(`${p.id}: native output differs from expected.json`);
    }
    const cells = {};
    for (const rt of runtimes) {
      const rs = runsOf[rt.id];
      const status = cellStatus(rs, reference);
      cells[rt.id] = {
        status, runs: rs.length,
        wallMs: stats(rs.map((r) => r.wallMs)), runMs: stats(rs.map((r) => r.runMs)),
        setupMs: stats(rs.map((r) => r.setupMs)), inprocMs: stats(rs.map((r) => r.inprocMs)),
        maxRSSKiB: stats(rs.map((r) => r.maxRSSKiB)),
      };
      if (status !== "ok") {
        const bad = rs.find((r) => r.timedOut || r.exitCode !== 0 || r.stderr.trim() !== reference) ?? rs[0];
        cells[rt.id].detail = bad.timedOut ? `killed after ${timeoutOf(rt)} s` : bad.stderr.trim().split("\n").slice(-3).join(" | ").slice(0, 300);
        if (rt.ours) problems.push(`${p.id} on ${rt.id}: ${status}: ${cells[rt.id].detail}`);
      }
    }
    addRatios(cells, runtimes);
    results[p.id] = cells;
    raw[p.id] = { size, reference, runs: Object.fromEntries(Object.entries(runsOf).map(([k, rs]) => [k, rs.map(({ stderr, ...r }) => ({ ...r, stderr: stderr.slice(0, 500) }))])) };
  }
  closeSync(devnull);
  rmSync(base.dir, { recursive: true, force: true });

  let browser = null;
  if (o.browser) {
    if (!existsSync("/usr/bin/chromium")) console.error("no /usr/bin/chromium: browser run skipped");
    else {
      const { runBrowser } = await import("./browser/run-browser.mjs");
      browser = await runBrowser({ runs: o.runs, smoke: o.smoke, programs: programs.filter((p) => ["1-startup", "2-small-writes", "3-bulk-stdout", "4-file-io", "5-metadata", "6-clock-random", "7-poll-sleep"].includes(p.id)), expected, references: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.reference])), timeoutS: o.timeout, slowS: o.slow, stats, cellStatus, inProcess });
      for (const [pid, cells] of Object.entries(browser.results)) {
        const c = cells["anywasi-memfs"];
        if (c && c.status !== "ok") problems.push(`browser ${pid} on anywasi: ${c.status}: ${c.detail ?? ""}`);
      }
    }
  }

  const info = {
    mode, machine: machine(), peers: peerVersions(), workdirs: base.where, runs: o.runs, runsByProgram: Object.fromEntries(programs.map((p) => [p.id, runsFor(p)])),
    timeoutS: o.timeout, loadavg1m: { start: +loadAtStart.toFixed(2), end: +os.loadavg()[0].toFixed(2) }, sizes: Object.fromEntries(programs.map((p) => [p.id, sizeOf(p)])),
  };
  const table = nodeTable(results, programs, runtimes);
  const browserTable = browser ? browser.table : null;
  console.log(`\n## Node (${info.machine.node}), ${o.runs} run${o.runs > 1 ? "s" : ""} each${moreRuns(info)}\n\n${table}\n`);
  if (browserTable) console.log(`## Chromium ${browser.version} (in-page, main thread)\n\n${browserTable}\n`);

  mkdirSync(join(BENCH, "results"), { recursive: true });
  const out = { ...info, programs: PROGRAMS.filter((p) => programs.includes(p)), runtimes, results, raw, browser: browser ? { version: browser.version, results: browser.results, raw: browser.raw } : null, problems };
  const partial = o.programs !== null || o.runtimes !== null;
  const outFile = join(BENCH, "results", o.smoke ? "smoke.json" : partial ? "partial.json" : "latest.json");
  writeFileSync(outFile, JSON.stringify(out, null, 2) + "\n");
  console.error(`raw numbers: ${outFile}`);
  if (!o.smoke && !partial) {
    writeDocs(info, programs, table, browser);
    console.error(`table: ${join(ROOT, "docs", "benchmarks.md")}`);
  }
  if (problems.length) {
    console.error(`\n${problems.length} problem(s) with anywasi:\n  ${problems.join("\n  ")}`);
    if (o.smoke) process.exit(1);
  }
}

/** ", N for 1-startup and …" when some program ran more than --runs times (minRuns), else "". */
function moreRuns(info) {
  const more = Object.entries(info.runsByProgram ?? {}).filter(([, n]) => n > info.runs);
  if (more.length === 0) return "";
  const byCount = new Map();
  for (const [id, n] of more) byCount.set(n, [...(byCount.get(n) ?? []), id]);
  return [...byCount].map(([n, ids]) => `, ${n} for ${ids.join(" and ")}`).join("");
}

function writeDocs(info, programs, table, browser) {
  const m = info.machine;
  const progList = programs.map((p) => `| ${p.id} | ${p.what} | ${info.sizes[p.id]} |`).join("\n");
  const text = `# Benchmarks

Generated by \`npm run bench\` (\`bench/run.mjs\`); raw numbers in \`bench/results/latest.json\`.

**Machine**: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB memory, ${m.platform}; Node ${m.node}; ${m.date.slice(0, 10)}.
1-minute load average ${info.loadavg1m.start} at the start and ${info.loadavg1m.end} at the end (${Math.max(info.loadavg1m.start, info.loadavg1m.end) > m.cores ? "above the core count, other work shared the machine: read medians, not extremes" : "at or under the core count: the benchmark's own processes, the machine was not shared"}).
Peers: @bjorn3/browser_wasi_shim ${info.peers["@bjorn3/browser_wasi_shim"]}, @tybys/wasm-util ${info.peers["@tybys/wasm-util"]}, uwasi ${info.peers.uwasi}, @runno/wasi ${info.peers["@runno/wasi"]}${browser ? `; Chromium ${browser.version} via playwright-core ${info.peers["playwright-core"]}` : ""}.

## Programs

C in \`bench/programs/\`, built with \`clang --target=wasm32-wasi -O2\` (the committed \`.wasm\`) and, at
bench time, with \`gcc -O2\` as the native reference. Each prints one result line (a checksum) on
stderr; a runtime whose line differs from the native one, or that exits non-zero, is marked
**wrong** (or **crash**/**timeout**).

| program | what it stresses | size argument |
|---|---|---|
${progList}

## Method

- Every run is a fresh process: \`node bench/drivers/<runtime>.mjs\` (or the native binary), ${info.runs} runs
  each${moreRuns(info)}${moreRuns(info) ? " (runs of a few ms, whose medians over 5 were noise; in Chromium too)" : ""}, interleaved across runtimes; a runtime that fails, hangs (${info.timeoutS} s) or takes over 20 s is not repeated.
- **in-process** (the primary measure, as issue 13 compares "the median in-process time of a whole
  run"): **setup + run**, both measured by the driver in its process after the runtime's package is
  imported. **setup**: from before the module is loaded (anywasi: \`loadModule()\`; the peers:
  \`WebAssembly.compile\`) through \`new WASI()\` (and the filesystem it is given) to the end of
  instantiation — each runtime's own idiomatic path. **run**: \`start()\` alone. **wall**: spawn to
  exit as seen by the harness (adds Node's start-up and the package imports). **peak RSS**:
  \`process.resourceUsage().maxRSS\` in the driver (\`/usr/bin/time\` for native). Ratios use medians
  (the median of setup + run over runs, not the sum of the two medians); "best peer" is the correct
  peer with the smallest in-process median of node:wasi, browser_wasi_shim, @tybys/wasm-util, uwasi
  and @runno/wasi (a peer with a wrong result stays in the table, marked wrong, and is never
  "best"); "run ×best peer" compares run times alone with the peer fastest in run time.
- stdout: the process's stdout is /dev/null. node:wasi and anywasi @anywasi/node write the guest's
  stdout to that fd (anywasi block-buffers it, as it does for any non-terminal); anywasi core +
  MemFS and browser_wasi_shim get a sink function that drops each chunk; @tybys/wasm-util gets a
  \`print\` callback that drops each line; uwasi and @runno/wasi get a text callback that drops each
  decoded chunk. Nothing is kept in memory.
- Files: real-directory runtimes (anywasi @anywasi/node, node:wasi, @tybys/wasm-util with node:fs)
  get a fresh empty directory under ${info.workdirs} preopened as \`/\`; in-memory ones
  (@runno/wasi included) an empty in-memory root. uwasi has no filesystem at all (its \`useFS\` is
  an empty placeholder), so the file programs fail on it.

## Node

${table}
${browser ? `
## Chromium (in-page, main thread, fresh page per run)

anywasi core + MemFS bundled with esbuild against browser_wasi_shim, uwasi, @runno/wasi and
@tybys/wasm-util; stdout dropped by a sink function in all; measured in the page as on Node: setup
(load or compile, \`new WASI()\`, instantiate) and run (\`start()\`); the ratio is of in-process
time (setup + run) against the correct peer with the smallest one.

${browser.table}
` : ""}`;
  // The analysis of the rows is written by people, in bench/analysis.md, and kept across runs.
  const analysisPath = join(ROOT, "bench", "analysis.md");
  const analysis = existsSync(analysisPath) ? `\n${readFileSync(analysisPath, "utf8")}` : "";
  // The wasi:http section is measured by bench/http.mjs (npm run bench:http), which keeps its last
  // generated text in bench/http.md: carried over so that this page never loses it.
  const httpPath = join(ROOT, "bench", "http.md");
  const http = existsSync(httpPath) ? `\n${readFileSync(httpPath, "utf8")}` : "";
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  writeFileSync(join(ROOT, "docs", "benchmarks.md"), text + http + analysis);
}

await main();
