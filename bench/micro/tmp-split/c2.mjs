const mode = process.argv[2];
if (mode === "core") await import("@anywasi/core");
if (mode === "uwasi") await import("uwasi");
const { readFileSync, writeSync } = await import("node:fs");
const bytes = readFileSync("/work/main/bench/programs/1-startup.wasm");
const t0 = performance.now();
await WebAssembly.compile(bytes);
const t1 = performance.now();
writeSync(3, JSON.stringify([t1 - t0]) + "\n");
