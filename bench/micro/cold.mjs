#!/usr/bin/env node
// A benchmark program's start() as the bench measures it: once, in a fresh process, cold (every
// JS function of the runtime starts in the interpreter), against node:wasi and two floors, the
// least a runtime written in JavaScript can do: `floor-fs` (each fd_write one fs.writeSync of a
// view of guest memory, to the host descriptor of the same number) and `floor-sink` (each fd_write
// reads its iovecs and drops the bytes, as core + MemFS's benchmark sink does).
//
//   node bench/micro/cold.mjs [--runs 15] [--program 3] [--size 256] [--runtimes a,b,...]
//       wall time: fresh processes, interleaved, stdout on /dev/null; median run ms per runtime
//   node bench/micro/cold.mjs --callgrind [--program 3] [--size 256] [--runtimes a,b,...]
//       instructions of start() alone on the main thread under valgrind --tool=callgrind
//       (load-proof), and those of V8's background threads (compilers, GC) over the whole process
//
// Runtimes: node-wasi, anywasi-memfs, anywasi-node, floor-fs, floor-sink. The floors implement
// args_*, fd_write and proc_exit only (enough for programs 1-3); anything else returns ENOSYS.
// Internally `cold.mjs --child RUNTIME WASM SIZE` is one run (it prints its run ms on fd 3).
import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);

if (argv[0] === "--child") await child(argv[1] ?? "", argv[2] ?? "", argv[3] ?? "1");
else parent();

async function child(runtime, wasm, size) {
  const bytes = readFileSync(wasm);
  const args = ["prog", size];
  let wasi;
  let init = () => {};
  let imports;
  let start;
  if (runtime === "node-wasi") {
    const { WASI } = await import("node:wasi");
    wasi = new WASI({ version: "preview1", args, env: {}, returnOnExit: true });
    imports = wasi.getImportObject();
    start = (i) => wasi.start(i);
  } else if (runtime === "anywasi-memfs") {
    const { MemFS, WASI } = await import("@anywasi/core");
    wasi = new WASI({ args, env: {}, preopens: { "/": MemFS.from({}).root }, stdout: () => {}, stderr: () => {} });
    imports = wasi.getImportObject();
    start = (i) => wasi.start(i);
  } else if (runtime === "anywasi-node") {
    const { createNodeWASI } = await import("@anywasi/node");
    wasi = createNodeWASI({ args, env: {} }).wasi;
    imports = wasi.getImportObject();
    start = (i) => wasi.start(i);
  } else if (runtime === "floor-fs" || runtime === "floor-sink") {
    const fs = await import("node:fs");
    const sink = runtime === "floor-sink";
    let dv = new DataView(new ArrayBuffer(0));
    let u8 = new Uint8Array(0);
    const argBytes = args.map((a) => new TextEncoder().encode(`${a}\0`));
    class Exit { constructor(code) { this.code = code; } }
    const f = {
      args_sizes_get: (argc, size) => {
        dv.setUint32(argc, argBytes.length, true);
        dv.setUint32(size, argBytes.reduce((n, b) => n + b.length, 0), true);
        return 0;
      },
      args_get: (argv, buf) => {
        for (const [i, b] of argBytes.entries()) { dv.setUint32(argv + 4 * i, buf, true); u8.set(b, buf); buf += b.length; }
        return 0;
      },
      fd_write: (fd, iovs, n, nw) => {
        let total = 0;
        for (let i = 0; i < n; i++) {
          const p = dv.getUint32(iovs + 8 * i, true);
          const len = dv.getUint32(iovs + 8 * i + 4, true);
          total += sink ? len : fs.writeSync(fd, u8, p, len);
        }
        dv.setUint32(nw, total, true);
        return 0;
      },
      proc_exit: (code) => { throw new Exit(code); },
    };
    imports = { wasi_snapshot_preview1: f };
    init = (i) => { dv = new DataView(i.exports.memory.buffer); u8 = new Uint8Array(i.exports.memory.buffer); };
    start = (i) => {
      try { i.exports._start(); return 0; } catch (e) { if (e instanceof Exit) return e.code; throw e; }
    };
  } else {
    throw new Error(`unknown runtime ${runtime}`);
  }
  for (const imp of WebAssembly.Module.imports(new WebAssembly.Module(bytes))) {
    imports[imp.module] ??= {};
    imports[imp.module][imp.name] ??= () => 52;
  }
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, imports);
  init(instance);
  // process.cpuUsage() calls uv_getrusage: under callgrind, --dump-before=uv_getrusage cuts the
  // profile right here and right after start(), so the second dump is start() alone.
  process.cpuUsage();
  const t0 = performance.now();
  const code = start(instance);
  const t1 = performance.now();
  process.cpuUsage();
  writeSync(3, `${JSON.stringify({ runMs: t1 - t0, code })}\n`);
}

function parent() {
  const opt = { runs: 15, program: "3", size: "256", runtimes: "node-wasi,floor-sink,floor-fs,anywasi-memfs,anywasi-node", callgrind: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--callgrind") opt.callgrind = true;
    else if (a.startsWith("--")) opt[a.slice(2)] = argv[++i];
  }
  const progDir = join(HERE, "..", "programs");
  const prog = readdirSync(progDir).find((f) => f.endsWith(".wasm") && f.startsWith(`${opt.program}-`));
  if (prog === undefined) throw new Error(`no program ${opt.program}`);
  const wasm = join(progDir, prog);
  const runtimes = opt.runtimes.split(",");
  const devnull = openSync("/dev/null", "w");
  const one = (rt, prefix) => spawnSync(prefix[0] ?? process.execPath, [...prefix.slice(1), ...(prefix.length ? [process.execPath] : []), "--no-warnings", fileURLToPath(import.meta.url), "--child", rt, wasm, opt.size], {
    stdio: ["ignore", devnull, "pipe", "pipe"], encoding: "utf8",
  });
  if (opt.callgrind) {
    for (const rt of runtimes) {
      const dir = mkdtempSync("/tmp/anywasi-cold-");
      const r = one(rt, ["valgrind", "--tool=callgrind", "--separate-threads=yes", "--dump-before=uv_getrusage",
        `--callgrind-out-file=${dir}/cg.out`, "--smc-check=all-non-file"]);
      if (r.status !== 0) { console.error(r.stderr); throw new Error(`${rt} failed`); }
      // With --separate-threads each thread has its own files. A dump covers only the thread that
      // triggered it: cg.out.2-01 is the main thread during start(); the other threads (V8's
      // concurrent compilers, GC helpers) are counted over the whole process (cg.out-NN).
      let main = 0;
      let others = 0;
      for (const f of readdirSync(dir)) {
        const total = () => Number(/^totals: (\d+)/m.exec(readFileSync(join(dir, f), "utf8"))?.[1] ?? 0);
        if (f === "cg.out.2-01") main = total();
        else if (/^cg\.out-\d+$/.test(f) && f !== "cg.out-01") others += total();
      }
      rmSync(dir, { recursive: true, force: true });
      console.log(`${rt.padEnd(14)} start(): ${main.toLocaleString("en")} instructions on the main thread; background threads, whole process: ${others.toLocaleString("en")}`);
    }
    return;
  }
  const times = Object.fromEntries(runtimes.map((rt) => [rt, []]));
  for (let r = 0; r < Number(opt.runs); r++) {
    for (const rt of runtimes) {
      const res = one(rt, []);
      if (res.status !== 0) { console.error(res.stderr); throw new Error(`${rt} failed`); }
      times[rt].push(JSON.parse(res.output[3]).runMs);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = times["node-wasi"] ? median(times["node-wasi"]) : null;
  for (const rt of runtimes) {
    const m = median(times[rt]);
    const ratio = base === null ? "" : ` = ${(m / base).toFixed(2)}× node:wasi`;
    console.log(`${rt.padEnd(14)} run ms median ${m.toFixed(2)} (min ${Math.min(...times[rt]).toFixed(2)})${ratio}`);
  }
}
