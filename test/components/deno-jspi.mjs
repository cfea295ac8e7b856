// Run under Deno by test/unit/component-jspi.test.ts: components through jco's JSPI glue
// (loadComponent({ jspi: true })), over the built @anywasi/core. Prints one JSON object:
// - calc: examples/calc as a component, stdin fed line by line; `answered` is stdout once the
//   first answer came, while stdin was still open;
// - pollTimeout: test/suite-p2/poll_stdin_timeout on an open stdin that never delivers;
// - twins: the exit code and stdout of hello.component.wasm, synchronous glue and JSPI glue.
import { readFileSync } from "node:fs";
import { MemFS, WASI } from "@anywasi/core";
import { loadComponent, startComponent } from "@anywasi/core/component";

/** An interactive stdin: `feed(text)` queues a chunk, `feed(null)` ends it. */
function typed() {
  const chunks = [];
  let ended = false;
  let wake = null;
  const input = {
    read(into) {
      const c = chunks[0];
      if (c === undefined) return 0;
      const n = Math.min(c.length, into.length);
      into.set(c.subarray(0, n));
      if (n === c.length) chunks.shift(); else chunks[0] = c.subarray(n);
      return n;
    },
    poll: () => chunks.length > 0 || ended,
    waitAsync: () => (chunks.length > 0 || ended ? Promise.resolve() : new Promise((r) => { wake = r; })),
  };
  const feed = (s) => {
    if (s === null) ended = true; else chunks.push(new TextEncoder().encode(s));
    const w = wake;
    wake = null;
    w?.();
  };
  return { input, feed };
}

/** stdout as text, with `until(s)`: resolves once the text holds `s`. */
function screen() {
  const s = { text: "", waiting: null };
  s.output = { write: (b) => { s.text += new TextDecoder().decode(b); s.waiting?.(); } };
  s.until = (needle) => new Promise((resolve) => {
    const check = () => { if (s.text.includes(needle)) { s.waiting = null; resolve(); } else s.waiting = check; };
    check();
  });
  return s;
}

async function calc() {
  const { input, feed } = typed();
  const out = screen();
  const c = await loadComponent(readFileSync("examples/calc/calc.component.wasm"), { jspi: true });
  const done = startComponent(c, new WASI({ args: ["calc"], stdin: input, stdout: out.output, stderr: () => {} }));
  await out.until("calc> ");
  feed("1 + 2\n");
  await out.until("3\ncalc> ");
  const answered = out.text;
  feed("6 * 7\n");
  feed(null);
  return { answered, exitCode: await done, stdout: out.text };
}

async function pollTimeout() {
  const silent = { read() { throw new Error("read before suspending"); }, poll: () => false, waitAsync: () => new Promise(() => {}) };
  const out = screen();
  const c = await loadComponent(readFileSync("test/suite-p2/poll_stdin_timeout.wasm"), { jspi: true });
  const exitCode = await startComponent(c, new WASI({ args: ["poll_stdin_timeout.wasm"], stdin: silent, stdout: out.output, stderr: () => {} }));
  return { exitCode, stdout: out.text };
}

async function twins() {
  const bytes = readFileSync("test/components/hello.component.wasm");
  const runs = {};
  for (const jspi of [false, true]) {
    const out = screen();
    const fs = MemFS.from({ "note.txt": "from deno" });
    const c = await loadComponent(bytes, { jspi });
    const exitCode = await startComponent(c, new WASI({ args: ["hello", "deno"], stdout: out.output, preopens: { "/": fs.root } }));
    runs[jspi ? "jspi" : "sync"] = { exitCode, stdout: out.text, jspi: c.jspi };
  }
  return runs;
}

console.log(JSON.stringify({ suspending: typeof WebAssembly.Suspending, calc: await calc(), pollTimeout: await pollTimeout(), twins: await twins() }));
