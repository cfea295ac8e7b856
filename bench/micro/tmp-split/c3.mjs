const mode = process.argv[2];
if (mode === "sleep") await new Promise((r) => setTimeout(r, 30));
if (mode === "uwasi") { const t = performance.now(); await import("uwasi"); console.error("uwasi import", (performance.now() - t).toFixed(2)); }
if (mode === "core") { const t = performance.now(); await import("@anywasi/core"); console.error("core import", (performance.now() - t).toFixed(2)); }
const { readFileSync, writeSync } = await import("node:fs");
const bytes = readFileSync("/work/main/bench/programs/1-startup.wasm");
const t0 = performance.now();
await WebAssembly.compile(bytes);
const t1 = performance.now();
writeSync(3, JSON.stringify([t1 - t0]) + "\n");
