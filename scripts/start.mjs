#!/usr/bin/env node
// `npm start`: the main job on the embedded default — a WASI program run by @anywasi/core on its
// in-memory filesystem, seeded from a plain object and read back after the run.
import { readFileSync } from "node:fs";
import { MemFS, run } from "@anywasi/core";

const wasm = readFileSync(new URL("../examples/hello/hello.wasm", import.meta.url));
const fs = MemFS.from({ "note.txt": "anywasi runs the same module everywhere\n", "data/": {} });
const { exitCode, stdout, stderr } = await run(wasm, {
  args: ["hello.wasm", process.argv[2] ?? "world"],
  preopens: { "/": fs.root },
});
process.stdout.write(stdout);
process.stderr.write(stderr);
console.log(`-- exit code ${exitCode}; the guest left /greeting.txt: ${JSON.stringify(fs.readText("greeting.txt"))}`);
process.exitCode = exitCode;
