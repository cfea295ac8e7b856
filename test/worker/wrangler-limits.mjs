#!/usr/bin/env node
// End to end under `wrangler dev --local` (workerd), read as an HTTP client reads it:
//   - a guest looping without syscalls (instrumented at build time) ends with a 504 at the time
//     limit, and the next request is answered (workerd is not left spinning);
//   - a streamed response cut at the time limit: on Node its chunked body is left unterminated;
//     workerd writes the terminating chunk after an errored body stream (cloudflare/workerd
//     issue 6818), which no Worker code can prevent. This is reported as KNOWN (not a failure)
//     while it holds, and as a PASS once workerd aborts the response instead;
//   - with `stream: false` (under /held/) the same failure is a 504.
// Prints one PASS/FAIL line per check; exits 1 on a failure. Needs `npm run build`. The server
// runs in its own process group, killed at the end.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { within } from "../support/deadline.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(root, "test/worker/limits-worker");
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
let failures = 0;
const report = (ok, what, detail = "") => {
  if (!ok) failures++;
  console.log(`${ok ? "PASS" : "FAIL"} ${what}${detail ? `: ${detail}` : ""}`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const port = await new Promise((resolve, reject) => {
  const s = createServer();
  s.once("error", reject);
  s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const persist = mkdtempSync(join(tmpdir(), "anywasi-wrangler-limits-"));
const child = spawn(process.execPath, [
  wrangler, "dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-ip", "127.0.0.1",
  "--inspector-port", "0", "--persist-to", persist, "--show-interactive-dev-session=false", "--log-level", "warn",
], { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" } });
let output = "";
child.stdout.on("data", (c) => { output += c; });
child.stderr.on("data", (c) => { output += c; });

async function finish(code) {
  try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
  await sleep(1000);
  try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
  rmSync(persist, { recursive: true, force: true });
  process.exit(code);
}
setTimeout(() => { console.log("FAIL not done after 120 s"); void finish(1); }, 120_000).unref();

/**
 * Send a raw HTTP/1.1 request; resolves with everything received until the server closes or
 * resets, and when the first byte came (ms after sending).
 */
function raw(path, ms) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks = [];
    let how = "closed";
    const sent = performance.now();
    let first = null;
    socket.on("data", (c) => { first ??= Math.round(performance.now() - sent); chunks.push(c); });
    socket.on("error", (e) => { how = `error ${e.code}`; });
    socket.setTimeout(ms, () => { how = "timeout"; socket.destroy(); });
    socket.on("close", () => resolve({ text: Buffer.concat(chunks).toString("latin1"), how, first }));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
}

const base = `http://127.0.0.1:${port}`;
let up = false;
for (const until = Date.now() + 60_000; Date.now() < until && !up;) {
  try { await within(3000, async (signal) => (await fetch(`${base}/env`, { signal })).arrayBuffer()); up = true; } catch { await sleep(300); }
}
report(up, "wrangler dev answers", up ? "" : output.slice(-2000));
if (!up) await finish(1);

let started = performance.now();
const loop = await within(15_000, async (signal) => (await fetch(`${base}/loop`, { method: "POST", signal })).status).catch((e) => e.message);
let ms = Math.round(performance.now() - started);
// The loop never ends by itself (the request would be aborted at 15 s): the bound only shows that
// the limit ended it, with room for a loaded machine.
report(loop === 504 && ms < 10_000, "a guest looping without syscalls ends with 504 at the time limit (1000 ms)", `status ${loop} after ${ms} ms`);
const next = await within(5000, async (signal) => (await fetch(`${base}/env`, { method: "POST", signal })).text()).catch((e) => e.message);
report(next.includes("PATH_INFO=/env\n"), "the next request is answered", next.slice(0, 80));

started = performance.now();
const cut = await raw("/stream?20000", 30_000);
ms = Math.round(performance.now() - started);
const complete = /\r\n0\r\n\r\n$/.test(cut.text);
report(cut.text.startsWith("HTTP/1.1 200") && cut.text.includes("first\n"), "the streamed response started", JSON.stringify(cut.text.slice(0, 60)));
report(!cut.text.includes("second"), "the guest was cut before its second line", `${cut.how} after ${ms} ms`);
if (complete) console.log(`KNOWN workerd ends a cut stream with the terminating chunk (cloudflare/workerd#6818): ${JSON.stringify(cut.text.slice(-20))}`);
else report(true, "a stream cut at the time limit does not end with the terminating chunk", `${cut.how} after ${ms} ms`);

started = performance.now();
const held = await raw("/held/stream?20000", 30_000);
ms = Math.round(performance.now() - started);
// The guest sleeps 20 s: a first byte before 10 s can only come from the 1 s limit.
report(held.text.startsWith("HTTP/1.1 504") && held.first !== null && held.first < 10_000, "with stream: false the same failure is a 504 at the time limit",
  `${JSON.stringify(held.text.slice(0, 24))} after ${held.first} ms (connection closed after ${ms} ms)`);

console.log(failures === 0 ? "wrangler-limits: all checks passed" : `wrangler-limits: ${failures} check(s) failed`);
await finish(failures === 0 ? 0 : 1);
