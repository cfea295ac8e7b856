// The Chromium half of the benchmark: Debian's /usr/bin/chromium driven by playwright-core.
// page-entry.mjs is bundled with esbuild and served with the guest programs from a local HTTP
// server; every run gets a fresh browser context and page, and runs in-page on the main thread.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const PROGRAMS_DIR = join(HERE, "..", "programs");
const RUNTIMES = [
  { id: "anywasi-memfs", label: "anywasi core + MemFS" },
  { id: "browser-wasi-shim", label: "browser_wasi_shim (in-memory)", peer: true },
  { id: "uwasi", label: "uwasi (stdio only, no filesystem)", peer: true },
  { id: "runno-wasi", label: "@runno/wasi (in-memory)", peer: true },
  { id: "tybys-wasm-util", label: "@tybys/wasm-util (memfs-browser)", peer: true },
];
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

async function bundle() {
  const esbuild = await import("esbuild");
  const r = await esbuild.build({
    entryPoints: [join(HERE, "page-entry.mjs")], bundle: true, format: "esm", platform: "browser",
    target: "es2022", write: false, minify: false, logLevel: "error",
  });
  return r.outputFiles[0].contents;
}

function serve(js) {
  const html = "<!doctype html><meta charset=utf-8><title>anywasi bench</title><script type=module src=/bench.js></script>";
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/") { res.writeHead(200, { "content-type": "text/html" }); res.end(html); return; }
    if (url.pathname === "/bench.js") { res.writeHead(200, { "content-type": "text/javascript" }); res.end(js); return; }
    const m = /^\/programs\/([\w-]+\.wasm)$/.exec(url.pathname);
    if (m) {
      try {
        const body = readFileSync(join(PROGRAMS_DIR, m[1]));
        res.writeHead(200, { "content-type": "application/wasm" });
        res.end(body);
      } catch { res.writeHead(404); res.end(); }
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const fmtNum = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmtMs = (s) => (s === null ? "—" : s.n > 1 ? `${fmtNum(s.median)} (${fmtNum(s.min)}–${fmtNum(s.max)})` : fmtNum(s.median));

export async function runBrowser({ runs, smoke, programs, references, timeoutS, slowS, stats, cellStatus, inProcess }) {
  const { chromium } = await import("playwright-core");
  const js = await bundle();
  const server = await serve(js);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS, headless: true });
  const version = browser.version();
  const results = {};
  const raw = {};
  try {
    for (const p of programs) {
      const size = smoke ? p.smoke : p.size;
      const runsOf = Object.fromEntries(RUNTIMES.map((r) => [r.id, []]));
      const stopped = new Set();
      // As in Node (bench/run.mjs): a program with short runs gets at least its minRuns.
      for (let i = 0; i < (smoke ? runs : Math.max(runs, p.minRuns ?? 0)); i++) {
        for (const rt of RUNTIMES) {
          if (stopped.has(rt.id)) continue;
          const t0 = performance.now();
          const context = await browser.newContext();
          let r;
          try {
            const page = await context.newPage();
            await page.goto(`${origin}/`);
            await page.waitForFunction(() => typeof globalThis.benchRun === "function");
            const job = page.evaluate(([id, url, args]) => globalThis.benchRun(id, url, args), [rt.id, `/programs/${p.id}.wasm`, [p.id, String(size)]]);
            let timer;
            const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), timeoutS * 1000); });
            const out = await Promise.race([job.catch((e) => ({ exitCode: 134, stderr: String(e), runMs: null, setupMs: null })), timeout]);
            clearTimeout(timer);
            r = out === null
              ? { timedOut: true, exitCode: null, stderr: "", runMs: null, setupMs: null }
              : { timedOut: false, ...out };
          } finally {
            await context.close().catch(() => {});
          }
          r.wallMs = performance.now() - t0;
          runsOf[rt.id].push(r);
          if (r.timedOut || r.exitCode !== 0 || r.wallMs > slowS * 1000) stopped.add(rt.id);
          process.stderr.write(`  [chromium] ${p.id} ${rt.id} #${i + 1}: ${r.timedOut ? "timeout" : `${r.runMs?.toFixed(0)} ms run, exit ${r.exitCode}`}\n`);
        }
      }
      const reference = references[p.id] ?? null;
      const cells = {};
      for (const rt of RUNTIMES) {
        const rs = runsOf[rt.id];
        cells[rt.id] = {
          status: cellStatus(rs, reference), runs: rs.length,
          wallMs: stats(rs.map((r) => r.wallMs)), runMs: stats(rs.map((r) => r.runMs)), setupMs: stats(rs.map((r) => r.setupMs)),
          inprocMs: stats(rs.map(inProcess)),
        };
        if (cells[rt.id].status !== "ok") {
          const bad = rs.find((r) => r.timedOut || r.exitCode !== 0 || r.stderr.trim() !== reference) ?? rs[0];
          cells[rt.id].detail = bad.timedOut ? `killed after ${timeoutS} s` : bad.stderr.trim().split("\n").slice(-3).join(" | ").slice(0, 300);
        }
      }
      // "best peer": the correct one with the smallest in-process time (setup + run), as on Node;
      // a peer with a wrong result is never best. Run times alone are compared with the peer
      // fastest in run time.
      const bestBy = (key) => {
        let best = null;
        for (const rt of RUNTIMES) {
          const c = cells[rt.id];
          if (rt.peer && c.status === "ok" && c[key] && (best === null || c[key].median < best[key].median)) best = c;
        }
        return best;
      };
      const best = bestBy("inprocMs");
      const bestRun = bestBy("runMs");
      for (const c of Object.values(cells)) {
        c.inprocVsBestPeer = best && c.inprocMs && c.status === "ok" ? c.inprocMs.median / best.inprocMs.median : null;
        c.runVsBestPeer = bestRun && c.runMs && c.status === "ok" ? c.runMs.median / bestRun.runMs.median : null;
      }
      results[p.id] = cells;
      raw[p.id] = { size, reference, runs: runsOf };
    }
  } finally {
    await browser.close();
    server.close();
  }
  const lines = [
    "| program | runtime | result | in-process ms (setup + run), median (min–max) | setup ms (load/compile, new WASI, instantiate) | run ms | in-process ×best peer | run ×best peer |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const p of programs) {
    for (const rt of RUNTIMES) {
      const c = results[p.id][rt.id];
      const ratio = (r) => r === null || r === undefined ? "—" : `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
      const med = (st) => st === null ? "—" : fmtMs({ ...st, n: 1 });
      lines.push(`| ${p.id} | ${rt.label} | ${c.status === "ok" ? "ok" : `**${c.status}**`} | ${fmtMs(c.inprocMs)} | ${med(c.setupMs)} | ${med(c.runMs)} | ${ratio(c.inprocVsBestPeer)} | ${ratio(c.runVsBestPeer)} |`);
    }
  }
  return { version, results, raw, table: lines.join("\n") };
}
