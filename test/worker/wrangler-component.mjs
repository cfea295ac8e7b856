#!/usr/bin/env node
// End to end under `wrangler dev --local` (workerd): the Worker of test/worker/component-worker,
// whose build step (`[build] command`) runs `anywasi transpile` on a component, answers with the
// component's stdout, byte for byte the stdout of its preview1 twin run by the same Worker.
// Also: the esbuild plugin (@anywasi/node/esbuild) resolves `*.component.wasm` to an entry module
// whose core modules are byte for byte those of `anywasi transpile`.
// wasi:http components under `wrangler dev`, served by serve() of @anywasi/worker after the same
// build step: examples/webhook-component (each answer identical to `anywasi serve` on Node), and
// the shared wasi:http scenarios (test/worker/http-component-worker, each profile) over HTTP.
// Prints one PASS/FAIL line per check; exits 1 on a failure. Needs `npm run build`.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { within } from "../support/deadline.mjs";
import { anywasiEsbuild } from "@anywasi/node/esbuild";
import { differences, normalise, PROFILES } from "../gateway/http-component-scenarios.mjs";
import { runProfile, startCli } from "../gateway/http-component-run.mjs";
import { startUpstream } from "../gateway/upstream.mjs";
import { cutShort, echoWhileSending, freshInstances, overlapping, setFetch } from "../gateway/http-component-streaming.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
let failures = 0;
const report = (ok, what, detail = "") => {
  if (!ok) failures++;
  console.log(`${ok ? "PASS" : "FAIL"} ${what}${detail ? `: ${detail}` : ""}`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The esbuild plugin, on its own (no workerd needed): which files the bundle's .wasm imports name.
const cache = mkdtempSync(join(tmpdir(), "anywasi-esbuild-components-"));
const wasmImports = [];
const built = await esbuild.build({
  stdin: { contents: 'import c from "./echo.component.wasm"; export default c;', resolveDir: join(root, "test/worker/components") },
  bundle: true, write: false, format: "esm", logLevel: "silent",
  plugins: [anywasiEsbuild({ outDir: cache }), {
    name: "record-wasm",
    setup(b) { b.onResolve({ filter: /\.wasm$/ }, (a) => { wasmImports.push(join(a.resolveDir, a.path)); return { path: a.path, external: true }; }); },
  }],
});
const bundle = built.outputFiles[0].text;
const reference = join(root, "test/worker/components/echo");
const same = wasmImports.length === 4 && wasmImports.every((p) => readFileSync(p).equals(readFileSync(join(reference, p.split("/").pop()))));
report(same && bundle.includes("anywasi-precompiled-component") && bundle.includes("wasi:cli/run"),
  "esbuild plugin: *.component.wasm becomes the precompiled entry, its core modules as anywasi transpile writes them", `${wasmImports.length} .wasm imports under ${dirname(wasmImports[0] ?? cache)}`);
rmSync(cache, { recursive: true, force: true });

/** A free TCP port on 127.0.0.1. */
const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.once("error", reject);
  s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** The servers started here, stopped by `finish`. */
const stops = [];

/**
 * Start `wrangler dev --local` in `dir` (its build step runs first) and resolve with its base URL
 * once `probe(base)` succeeds; reports a FAIL and ends the script when it never does.
 */
async function wranglerDev(dir, what, probe, extra = []) {
  const port = await freePort();
  const persist = mkdtempSync(join(tmpdir(), "anywasi-wrangler-component-"));
  // CLOUDFLARE_CF_FETCH_ENABLED=false: without network, wrangler's failed fetch of Request.cf
  // restarted workerd a few seconds after start, cutting a request in flight (503 "Your worker
  // restarted mid-request", about 1 run in 3 here).
  const child = spawn(process.execPath, [
    wrangler, "dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-ip", "127.0.0.1",
    "--inspector-port", "0", "--persist-to", persist, "--show-interactive-dev-session=false", "--log-level", "warn", ...extra,
  ], { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" } });
  let output = "";
  child.stdout.on("data", (c) => { output += c; });
  child.stderr.on("data", (c) => { output += c; });
  logs.push(() => `--- wrangler dev in ${dir} ${extra.join(" ")}:\n${output.slice(-4000)}`);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  stops.push(async () => {
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
    // wrangler ends workerd on SIGTERM; the group's SIGKILL after at most 1 s gets what is left.
    await Promise.race([exited, sleep(1000)]);
    try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
    rmSync(persist, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${port}`;
  let up = false;
  for (const until = Date.now() + 150_000; Date.now() < until && !up;) {
    try { await probe(base); up = true; } catch { await sleep(500); }
  }
  report(up, what, up ? "" : output.slice(-2000));
  if (!up) await finish(1);
  return base;
}

/** What each wrangler dev printed, shown when a check failed (a crash or restart of workerd is only visible there). */
const logs = [];

async function finish(code) {
  if (code !== 0 || failures > 0) for (const log of logs) console.log(log());
  for (const stop of stops.splice(0)) await stop();
  process.exit(code);
}
// Only a bound for "it did not hang": seven starts of wrangler dev took 223 s at load average 7
// on 2 cores, so 420 s left less than twice that.
setTimeout(() => { console.log("FAIL not done after 600 s"); void finish(1); }, 600_000).unref();

const base = await wranglerDev(join(root, "test/worker/component-worker"), "wrangler dev (with the anywasi transpile build step) answers",
  (b) => within(5000, async (signal) => (await fetch(`${b}/`, { method: "POST", body: "", signal })).arrayBuffer()));

const body = "héllo\0from a client\n".repeat(100);
const ask = async (path) => {
  return within(20_000, async (signal) => {
    const r = await fetch(`${base}${path}`, { method: "POST", body, signal });
    return { bytes: Buffer.from(await r.arrayBuffer()), exit: r.headers.get("x-exit-code"), stderr: r.headers.get("x-stderr") };
  });
};
const c = await ask("/x/y%20z");
const p = await ask("/p1/x/y%20z");
const expected = Buffer.concat([Buffer.from("arg 1: x\narg 2: y z\n"), Buffer.from(body)]);
report(c.bytes.equals(expected) && c.exit === "0", "the component's stdout is the arguments and the request body", `${c.bytes.length} bytes, exit ${c.exit}`);
report(c.bytes.equals(p.bytes) && c.exit === p.exit && c.stderr === p.stderr, "the same bytes, exit code and stderr as the preview1 twin", `stderr ${JSON.stringify(c.stderr)} / ${JSON.stringify(p.stderr)}`);
// Each wrangler dev is stopped once its checks are done: idle ones beside the next start (each
// keeps a workerd with its Worker loaded) only added load.
await stops.pop()();

// examples/webhook-component (a ComponentizeJS wasi:http handler) through its own wrangler.toml:
// the build step transpiles it, serve() of @anywasi/worker serves it. Every answer must be the
// one `anywasi serve` gives on Node, byte for byte (status, headers, body), and the expected JSON.
const hook = await wranglerDev(join(root, "examples/webhook-component"), "wrangler dev of examples/webhook-component (build step: anywasi transpile) answers",
  (b) => within(5000, async (signal) => (await fetch(`${b}/`, { signal })).arrayBuffer()));
const node = await startCli(process.execPath, [
  join(root, "packages/host-node/dist/cli.bundle.js"), "serve", "--port", "0", "--env", "WEBHOOK_SECRET=dev-secret", "--max-body", "1048576", "--timeout", "10000",
  join(root, "examples/webhook-component/webhook.component.wasm"),
]);
stops.push(async () => node.stop());
const sign = (secret, data) => `sha256=${createHmac("sha256", secret).update(data).digest("hex")}`;
const EVENT = '{"event":"push","id":42}';
const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
const cases = [
  ["signed", { method: "POST", body: EVENT, headers: { "x-signature": sign("dev-secret", EVENT) } }, 200, '{"ok":true,"event":"push","id":"42"}\n'],
  ["signed with another secret", { method: "POST", body: EVENT, headers: { "x-signature": sign("other", EVENT) } }, 401, '{"ok":false,"error":"bad signature"}\n'],
  ["unsigned", { method: "POST", body: EVENT }, 401, '{"ok":false,"error":"bad signature"}\n'],
  ["not a JSON object", { method: "POST", body: "[1]", headers: { "x-signature": sign("dev-secret", "[1]") } }, 400, '{"ok":false,"error":"the body is not a JSON object"}\n'],
  ["no event field", { method: "POST", body: '{"id":1}', headers: { "x-signature": sign("dev-secret", '{"id":1}') } }, 400, '{"ok":false,"error":"missing string field: event"}\n'],
  ["GET", { method: "GET" }, 405, '{"ok":false,"error":"POST a JSON event"}\n'],
  ["a body over maxBodyBytes (1 MiB)", { method: "POST", body: big, headers: { "x-signature": sign("dev-secret", big) } }, 413, "413 Content Too Large: the request body is larger than 1048576 bytes\n"],
];
for (const [what, init, status, text] of cases) {
  // Identity encoding, as the scenarios ask (scenarios.mjs): workerd would gzip JSON for undici's default Accept-Encoding.
  const headers = { "accept-encoding": "identity", ...init.headers };
  const [w, n] = await Promise.all([hook, node.base].map(async (b) => within(30_000, async (signal) => normalise(await fetch(`${b}/`, { ...init, headers, signal })))));
  const problems = differences(w, n);
  const got = new TextDecoder().decode(w.body);
  report(problems.length === 0 && w.status === status && got === text, `webhook component on wrangler dev, ${what}: ${status}, identical to anywasi serve on Node`,
    problems.length > 0 ? problems.join("; ") : `${w.status} ${JSON.stringify(got)}`);
}
await stops.pop()(); // anywasi serve on Node
await stops.pop()(); // wrangler dev of examples/webhook-component

/** /trickle (part 1, 3 s, part 2) with `encoding` accepted: [] when the first read gives part 1 alone. */
function firstPartAlone(b, encoding) {
  return within(30_000, (signal) => firstPartAloneUntil(b, encoding, signal));
}

async function firstPartAloneUntil(b, encoding, signal) {
  const r = await fetch(`${b}/trickle?ms=3000`, { headers: { "accept-encoding": encoding }, signal });
  const reader = r.body.getReader();
  const first = new TextDecoder().decode((await reader.read()).value ?? new Uint8Array(0));
  let rest = "";
  for (;;) { const { done, value } = await reader.read(); if (done) break; rest += new TextDecoder().decode(value); }
  const problems = [];
  if (r.status !== 200) problems.push(`status ${r.status}`);
  if (first !== "part 1\n") problems.push(`the first read gave ${JSON.stringify(first)}`);
  if (first + rest !== "part 1\npart 2\n") problems.push(`body ${JSON.stringify(first + rest)}`);
  return problems;
}

// The shared wasi:http scenarios (test/gateway/http-component-scenarios.mjs) over HTTP through
// wrangler dev: test/worker/http-component-worker serves the scenario handler, one profile per start.
// Profile "outgoing" reaches the upstream server started here (the UPSTREAM var).
const upstream = await startUpstream();
for (const profile of Object.keys(PROFILES)) {
  const b = await wranglerDev(join(root, "test/worker/http-component-worker"), `wrangler dev of the wasi:http scenario handler, profile ${profile}, answers`,
    (x) => within(5000, async (signal) => (await fetch(`${x}/nope`, { signal })).arrayBuffer()),
    ["--var", `PROFILE:${profile}`, "--var", `UPSTREAM:${upstream.origin}`]);
  for (const r of await runProfile(profile, b, upstream.origin)) report(r.problems.length === 0, `wrangler dev, ${profile}: ${r.name}`, r.problems.join("; "));
  // Streaming over HTTP through the JSPI glue (http-component-streaming.mjs, orders of events that
  // need no log): a request body streamed by the client, and 4 such requests mid-handler at once.
  if (profile === "main") {
    for (const [what, check] of [
      ["a request body streams: /echo sends part 1 back before the client sends part 2", () => echoWhileSending(b)],
      ["4 concurrent /echo requests are all mid-handler at once", () => overlapping(b, 4)],
      ["every request gets a fresh instance", () => freshInstances(b)],
      ["a response streams: /trickle's part 1 arrives alone, part 2 later (identity encoding)", () => firstPartAlone(b, "identity")],
    ]) {
      const problems = await check();
      report(problems.length === 0, `wrangler dev, streaming: ${what}`, problems.join("; "));
    }
    // workerd compresses a text/plain body for a client accepting gzip, and its compressor holds
    // small writes back: recorded, not asserted.
    const gzip = await firstPartAlone(b, "gzip");
    console.log(`NOTE wrangler dev, /trickle with accept-encoding: gzip: ${gzip.length === 0 ? "part 1 arrived alone" : gzip.join("; ")}`);
  }
  // Past the time limit after the head: what an HTTP client sees of the errored body (workerd
  // ends it with a terminating chunk, cloudflare/workerd issue 6818): recorded, not asserted.
  if (profile === "timeout") {
    setFetch((url, init) => fetch(url, { ...init, headers: { "accept-encoding": "identity" } }));
    const problems = await cutShort(b, 10_000);
    setFetch((url, init) => fetch(url, init));
    console.log(`NOTE wrangler dev, /trickle past the time limit after the head: ${problems.length === 0 ? "the client saw a broken body" : problems.join("; ")}`);
  }
  await stops.pop()();
}

await upstream.stop();
console.log(failures === 0 ? "wrangler-component: all checks passed" : `wrangler-component: ${failures} check(s) failed`);
await finish(failures === 0 ? 0 : 1);
