// Run under Deno by test/unit/component-worker.test.ts: a component in a worker through
// @anywasi/node's run() (the built packages): killed at timeoutMs (its output before the kill
// kept), and run to its end. Prints one JSON line per run; the process must then exit by itself.
import { readFileSync } from "node:fs";
import { run, TimeLimitError } from "@anywasi/node";

const text = (chunks) => new TextDecoder().decode(new Uint8Array(chunks.flatMap((c) => [...c])));
const spin = [];
try {
  await run(readFileSync("test/components/write_then_spin.component.wasm"), {
    worker: true, timeoutMs: 2000, stdin: "", stdout: (c) => spin.push(c), stderr: () => {},
  });
  console.log(JSON.stringify({ run: "spin", error: null }));
} catch (e) {
  console.log(JSON.stringify({ run: "spin", error: e instanceof TimeLimitError ? "TimeLimitError" : String(e), stdout: text(spin) }));
}
const out = [];
const { exitCode } = await run(readFileSync("test/components/hello.component.wasm"), {
  worker: true, timeoutMs: 60_000, args: ["hello", "deno"], memfs: { "/": { "note.txt": "from memfs" } }, stdin: "",
  stdout: (c) => out.push(c),
});
console.log(JSON.stringify({ run: "hello", exitCode, stdout: text(out) }));
