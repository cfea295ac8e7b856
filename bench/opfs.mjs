#!/usr/bin/env node
// The cost of live OPFS preopens in @anywasi/browser, next to what the snapshot model cost.
// `node bench/opfs.mjs [--runs N]` (after `npm run build`) builds the browser test pages, opens
// one in Debian's Chromium and times, from spawn() to exit, in a worker:
//   - programs 4 (file I/O, 16 MiB) and 5 (metadata, 5,000 opens): on an in-memory preopen (what
//     the snapshot model ran on; these programs leave nothing behind, so it had nothing to load or
//     store) and on a live OPFS preopen;
//   - a 10-byte read beside a 50 MB file: live, and the snapshot model's load of the directory
//     (readOpfsTree, what it did before the guest could start) plus the same run on MemFS.
// Medians of N runs (default 3). Prints a Markdown table.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
const runsAt = process.argv.indexOf("--runs");
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const VITE_CONFIG = join(REPO, "test/browser/vite.config.ts");

const { build, preview } = await import("vite");
const { chromium } = await import("playwright-core");
const outDir = mkdtempSync(join(tmpdir(), "anywasi-bench-opfs-"));
await build({ configFile: VITE_CONFIG, logLevel: "error", build: { outDir } });
const server = await preview({ configFile: VITE_CONFIG, logLevel: "error", build: { outDir }, preview: { port: 0, open: false } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.httpServer.address().port}/`);
  await page.locator("#status").filter({ hasText: "ready" }).waitFor();
  const programs = Object.fromEntries(["4-file-io", "5-metadata"].map((p) => [p, readFileSync(join(REPO, `bench/programs/${p}.wasm`)).toString("base64")]));
  const rows = await page.evaluate(async ([programs, runs]) => {
    const { anywasi, wasm, collect, clearOpfs } = globalThis.harness;
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = async (source, args, where) => {
      const t0 = performance.now();
      const p = anywasi.spawn(source, { args, ...where });
      const [err, code] = await Promise.all([collect(p.stderr), p.exit]);
      if (code !== 0) throw new Error(`${args.join(" ")}: exit ${code}: ${new TextDecoder().decode(err)}`);
      return performance.now() - t0;
    };
    const out = [];
    for (const [name, b64] of Object.entries(programs)) {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const args = [name, name === "4-file-io" ? "16" : "5000"];
      const memory = [];
      const live = [];
      for (let i = 0; i < runs; i++) {
        memory.push(await time(bytes, args, { dirs: { "/": {} } }));
        await clearOpfs("bench-opfs");
        live.push(await time(bytes, args, { opfs: { "/": "bench-opfs" } }));
      }
      out.push({ name: `${name} ${args[1]}`, memory: median(memory), live: median(live) });
    }
    await clearOpfs("bench-big");
    const dir = await anywasi.opfsDirectory("bench-big");
    const big = await (await dir.getFileHandle("big.bin", { create: true })).createWritable();
    await big.write(new Uint8Array(50 * 1024 * 1024));
    await big.close();
    const small = await (await dir.getFileHandle("small.txt", { create: true })).createWritable();
    await small.write("0123456789");
    await small.close();
    const snapshot = [];
    const live = [];
    const cat = ["append", "cat", "/data/small.txt"];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const tree = await anywasi.readOpfsTree(dir);
      const loadMs = performance.now() - t0;
      snapshot.push(loadMs + (await time(wasm.append, cat, { dirs: { "/data": tree } })));
      live.push(await time(wasm.append, cat, { opfs: { "/data": "bench-big" } }));
    }
    out.push({ name: "10-byte cat beside 50 MB", memory: median(snapshot), live: median(live) });
    await clearOpfs("bench-big");
    await clearOpfs("bench-opfs");
    return out;
  }, [programs, RUNS]);
  console.log("| program | snapshot model (ms) | live OPFS (ms) |");
  console.log("|---|---:|---:|");
  for (const r of rows) console.log(`| ${r.name} | ${r.memory.toFixed(0)} | ${r.live.toFixed(0)} |`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
  rmSync(outDir, { recursive: true, force: true });
}
