#!/usr/bin/env node
// Peak RSS of the bench programs against a JavaScript floor. Each variant runs one bench program
// in a fresh process shaped like a bench driver (node:fs and node:path imported, the program's
// bytes read before anything is timed), variants in turn, and reports
// `process.resourceUsage().maxRSS`, as the bench does:
//   node:wasi   the C++ runtime the issue compares with;
//   anywasi     core + MemFS, stdout to a sink function (the bench's anywasi-memfs);
//   node        @anywasi/node, a real directory, the process's stdout (the bench's anywasi-node);
//   floor       the least JavaScript that runs the program: one import object of plain functions
//               (no descriptor table, no checks, no filesystem), stdout to a sink function;
//   floor-fd    the same, stdout written with fs.writeSync to fd 1.
// The floor variants answer only what programs 1, 2, 3, 6 and 7 call. Every run's result line is
// checked against the native one (bench/programs/expected.json); a wrong run is reported in its
// cell (node:wasi is wrong on program 7, whose sleeps it ends early) and its RSS still counted. The floors are what any
// JavaScript implementation pays beyond node:wasi's C++ (V8 compiling and optimizing the import
// functions, and the heap their calls use); see bench/analysis.md, "Peak RSS, 2026-12-08".
//
//   node bench/micro/rss-floor.mjs [--procs 7] [--programs 3-bulk-stdout,6-clock-random]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const PROGRAMS = fileURLToPath(new URL("../programs/", import.meta.url));
const EXPECTED = JSON.parse(readFileSync(join(PROGRAMS, "expected.json"), "utf8"));
const SIZES = { "1-startup": 1, "2-small-writes": 1000000, "3-bulk-stdout": 256, "6-clock-random": 1000000, "7-poll-sleep": 10000 };

if (process.argv[2] === "--one") {
  const [, , , variant, program, workdir] = process.argv;
  const bytes = readFileSync(join(PROGRAMS, `${program}.wasm`));
  const args = [program, String(SIZES[program])];
  const err = [];
  let exitCode;
  if (variant === "node:wasi") {
    const { WASI } = await import("node:wasi");
    const module = await WebAssembly.compile(bytes);
    const wasi = new WASI({ version: "preview1", args, env: {}, preopens: { "/": workdir }, returnOnExit: true, stderr: 2 });
    exitCode = wasi.start(await WebAssembly.instantiate(module, wasi.getImportObject()));
  } else if (variant === "anywasi") {
    const { MemFS, WASI, instantiate, loadModule } = await import("@anywasi/core");
    const module = await loadModule(bytes);
    const wasi = new WASI({ args, env: {}, preopens: { "/": MemFS.from({}).root }, stdout: () => {}, stderr: (c) => { err.push(c.slice()); } });
    exitCode = wasi.start(await instantiate(module, wasi.getImportObject()));
  } else if (variant === "node") {
    const { createNodeWASI, instantiate, loadModule } = await import("@anywasi/node");
    const module = await loadModule(bytes);
    const { wasi, close } = createNodeWASI({ args, env: {}, dirs: { "/": workdir } });
    exitCode = wasi.start(await instantiate(module, wasi.getImportObject()));
    close();
  } else {
    // A module of its own, imported as the runtimes are (a process's first import() costs memory too).
    const { floorImports } = await import("./lib/floor-wasi.mjs");
    const module = await WebAssembly.compile(bytes);
    const out = variant === "floor-fd" ? (fd, b) => { if (fd === 1) writeSync(1, b); else err.push(b.slice()); } : (fd, b) => { if (fd === 2) err.push(b.slice()); };
    const floor = floorImports(args, out);
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: floor.imports });
    exitCode = floor.start(instance);
  }
  for (const c of err) writeSync(2, c);
  writeSync(3, JSON.stringify({ exitCode, maxRSSKiB: process.resourceUsage().maxRSS }) + "\n");
} else {
  const at = (flag, def) => { const i = process.argv.indexOf(flag); return i >= 0 ? process.argv[i + 1] : def; };
  const procs = Number(at("--procs", "7"));
  const programs = at("--programs", "1-startup,2-small-writes,3-bulk-stdout,6-clock-random,7-poll-sleep").split(",");
  const variants = ["node:wasi", "anywasi", "node", "floor", "floor-fd"];
  console.log(`peak RSS, MiB: median of ${procs} fresh processes per cell (min–max)\n`);
  console.log(`| program | ${variants.join(" | ")} |\n|---|${variants.map(() => "---:").join("|")}|`);
  for (const program of programs) {
    const rss = Object.fromEntries(variants.map((v) => [v, []]));
    const reference = EXPECTED[program][String(SIZES[program])];
    const wrong = new Set();
    for (let i = 0; i < procs; i++) {
      for (const v of variants) {
        const dir = mkdtempSync(join(tmpdir(), "rss-floor-"));
        const r = spawnSync(process.execPath, ["--no-warnings", SELF, "--one", v, program, dir], { cwd: dir, stdio: ["ignore", "ignore", "pipe", "pipe"], encoding: "utf8" });
        rmSync(dir, { recursive: true, force: true });
        const report = JSON.parse(r.output[3].trim() || "{}");
        const line = r.stderr.trim();
        if (report.maxRSSKiB === undefined) throw new Error(`${program} on ${v}: no report (${r.stderr.trim()})`);
        if (report.exitCode !== 0 || line !== reference) wrong.add(v);
        rss[v].push(report.maxRSSKiB / 1024);
      }
    }
    const cell = (xs) => { const s = xs.sort((a, b) => a - b); return `${s[(s.length - 1) >> 1].toFixed(1)} (${s[0].toFixed(1)}–${s.at(-1).toFixed(1)})`; };
    console.log(`| ${program} | ${variants.map((v) => (wrong.has(v) ? "wrong: " : "") + cell(rss[v])).join(" | ")} |`);
  }
}
