// Run under Deno by test/unit/component-jspi.test.ts: a component polls stdin with a 60 s timeout
// through jco's JSPI glue (suspended). In `line` mode a line arrives after 300 ms; in `abort` mode
// nothing arrives and the run's signal is aborted after 300 ms. Either way the run must leave no
// timer behind: this process ends when the run does, not when the guest's 60 s timer would fire.
// Prints the guest's stdout and exit code (or the error) as JSON.
import { readFileSync } from "node:fs";
import { WASI } from "@anywasi/core";
import { loadComponent, startComponent } from "@anywasi/core/component";

const mode = process.argv[2] ?? "line";
let ready = false;
let wake = null;
const line = new TextEncoder().encode("hi\n");
const stdin = {
  read(into) {
    if (!ready) return 0;
    into.set(line);
    ready = false;
    return line.length;
  },
  poll: () => ready,
  waitAsync: () => (ready ? Promise.resolve() : new Promise((r) => { wake = r; })),
};
let stdout = "";
const c = await loadComponent(readFileSync("test/components/poll-stdin-60s.component.wasm"), { jspi: true });
const stop = new AbortController();
setTimeout(() => {
  if (mode === "abort") stop.abort(new Error("stopped by the host"));
  else { ready = true; wake?.(); }
}, 300);
const wasi = new WASI({ args: ["poll"], stdin, stdout: (b) => { stdout += new TextDecoder().decode(b); }, stderr: () => {} });
try {
  const exitCode = await startComponent(c, wasi, { signal: stop.signal });
  console.log(JSON.stringify({ exitCode, stdout }));
} catch (e) {
  console.log(JSON.stringify({ error: String(e?.message ?? e), stdout }));
}
