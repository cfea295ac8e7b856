// Run under Deno by test/unit/component-deno.test.ts: examples/hello as its preview1 module and as
// a component, through @anywasi/node's run(), on MemFS and on a real directory. Prints one JSON
// line per run: { kind, fs, exitCode, stdout, greeting }.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemFS, OutputCollector, run } from "@anywasi/node";

const sources = {
  preview1: readFileSync("examples/hello/hello.wasm"),
  component: readFileSync("test/components/hello.component.wasm"),
};
for (const [kind, bytes] of Object.entries(sources)) {
  for (const fs of ["memory", "disk"]) {
    const out = new OutputCollector();
    const common = { args: ["hello", "deno"], stdout: out, stderr: () => {}, stdin: new Uint8Array(0) };
    let greeting;
    let exitCode;
    if (fs === "memory") {
      const memfs = MemFS.from({ "note.txt": "from memfs" });
      ({ exitCode } = await run(bytes, { ...common, preopens: { "/": memfs.root } }));
      greeting = memfs.readText("greeting.txt");
    } else {
      const dir = mkdtempSync(join(tmpdir(), "anywasi-deno-component-"));
      writeFileSync(join(dir, "note.txt"), "from disk");
      ({ exitCode } = await run(bytes, { ...common, dirs: { "/": dir } }));
      greeting = readFileSync(join(dir, "greeting.txt"), "utf8");
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(JSON.stringify({ kind, fs, exitCode, stdout: new TextDecoder().decode(out.bytes()), greeting }));
  }
}
