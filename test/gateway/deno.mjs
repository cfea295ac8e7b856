// The CGI gateway on Deno: `deno run -A test/gateway/deno.mjs` (npm run test:worker runs it).
// Deno.serve with guests on the calling thread (Deno has JSPI: request bodies stream into the
// guest), the webhook example, and `anywasi serve` itself running on Deno (Deno.serve, guests in
// worker_threads workers), and the shared scenarios (scenarios.mjs) over Deno.serve with both
// runners, each response equal byte for byte to the one Node and workerd must give. Prints
// `N passed, N failed`; exits 1 on a failure.
import { inThreadRunner, serve } from "@anywasi/gateway";
import { workerRunner } from "@anywasi/node";
import { PROFILES, SCENARIOS, differences, expected, normalise, send, skipReason } from "./scenarios.mjs";

const here = (p) => new URL(p, import.meta.url);
const cgi = new WebAssembly.Module(await Deno.readFile(here("./guests/cgi.wasm")));
const webhook = new WebAssembly.Module(await Deno.readFile(here("../../examples/webhook/webhook.wasm")));
const enc = new TextEncoder();
const dec = new TextDecoder();
const quiet = { log: () => {} };

let passed = 0;
let failed = 0;
async function test(name, f) {
  try {
    await f();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e?.stack ?? e}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function equal(a, b, what) {
  assert(a === b, `${what}: got ${JSON.stringify(a)}, want ${JSON.stringify(b)}`);
}

async function signature(secret, body) {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(body)));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Deno.serve on a free port; returns its base URL and a stop function. */
function listen(gateway) {
  return new Promise((resolve) => {
    const server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: ({ port }) => resolve({ base: `http://127.0.0.1:${port}`, stop: () => server.shutdown() }) },
      (request, info) => gateway.fetch(request, undefined, { remoteAddress: info.remoteAddr.hostname }),
    );
  });
}

// A generous time limit for the requests that must succeed (or fail for another reason: /flood
// must reach the output limit, not the time limit) on a loaded machine; the 400 ms limit is a
// gateway of its own, for the one guest that must pass it (/sleep-loop).
const gateway = serve(cgi, { ...quiet, timeoutMs: 30_000, maxOutputBytes: 400_000, env: { APP_SETTING: "deno" }, files: { "/data": {} } });
const { base, stop } = await listen(gateway);
const limited = await listen(serve(cgi, { ...quiet, timeoutMs: 400 }));

await test("CGI variables and REMOTE_ADDR", async () => {
  const vars = await (await fetch(`${base}/env?k=v`, { method: "POST", body: "abc", headers: { "x-custom": "1" } })).text();
  for (const line of ["REQUEST_METHOD=POST", "PATH_INFO=/env", "QUERY_STRING=k=v", "CONTENT_LENGTH=3", "REMOTE_ADDR=127.0.0.1", "HTTP_X_CUSTOM=1", "APP_SETTING=deno"]) {
    assert(vars.includes(`${line}\n`), `missing ${line} in ${vars}`);
  }
});

await test("binary body round trip", async () => {
  const bytes = new Uint8Array(150_001).map((_, i) => (i * 97) & 255);
  const got = new Uint8Array(await (await fetch(`${base}/echo`, { method: "POST", body: bytes })).arrayBuffer());
  equal(got.length, bytes.length, "length");
  assert(got.every((b, i) => b === bytes[i]), "bytes differ");
});

await test("the response starts while the request body is still arriving (JSPI)", async () => {
  let send;
  const body = new ReadableStream({ start: (c) => { send = c; } });
  send.enqueue(enc.encode("one "));
  const r = await gateway.fetch(new Request("http://g/echo", { method: "POST", body, duplex: "half" }));
  const reader = r.body.getReader();
  equal(dec.decode((await reader.read()).value), "one ", "first echo");
  send.enqueue(enc.encode("two"));
  send.close();
  equal(dec.decode((await reader.read()).value), "two", "second echo");
  assert((await reader.read()).done, "end");
});

await test("5xx: non-zero exit, trap, malformed header block, output and time limits", async () => {
  const want = { "/exit": 502, "/trap": 502, "/malformed": 502, "/nothing": 502, "/flood": 502, "/sleep-loop": 504 };
  for (const [path, status] of Object.entries(want)) {
    const r = await fetch(`${path === "/sleep-loop" ? limited.base : base}${path}`);
    const text = await r.text();
    equal(r.status, status, path);
    assert(!/ at |file:/.test(text), `${path} leaks: ${text}`);
  }
});

await test("requests are isolated", async () => {
  await (await fetch(`${base}/write?n`)).text();
  equal(await (await fetch(`${base}/read?n`)).text(), "absent\n", "second request");
});

await test("webhook example: 200 with a good signature, 401 with a bad one", async () => {
  const hook = serve(webhook, { ...quiet, env: { WEBHOOK_SECRET: "k" }, files: { "/data": { "events.log": "" } } });
  const body = JSON.stringify({ event: "ping", id: 1 });
  const ok = await hook.fetch(new Request("http://g/", { method: "POST", body, headers: { "x-signature": await signature("k", body) } }));
  equal(ok.status, 200, "status");
  equal(JSON.stringify(await ok.json()), JSON.stringify({ ok: true, event: "ping", id: "1", logged: 1 }), "answer");
  const bad = await hook.fetch(new Request("http://g/", { method: "POST", body, headers: { "x-signature": await signature("x", body) } }));
  equal(bad.status, 401, "bad signature");
});

await stop();
await limited.stop();

// The shared scenarios: one Deno.serve per profile, guests on the calling thread (with JSPI) as
// in the tests above, then in killable workers as `anywasi serve` on Deno runs them.
let skipped = 0;
const modules = { cgi, webhook };
for (const [label, kind, makeRunner] of [
  ["Deno.serve, guests on the calling thread (JSPI)", "in-thread", () => inThreadRunner()],
  ["Deno.serve, guests in killable workers (anywasi serve)", "killable", () => workerRunner()],
]) {
  const bases = {};
  const stops = [];
  for (const [name, profile] of Object.entries(PROFILES)) {
    const server = await listen(serve(modules[profile.guest], { ...profile.options, runner: makeRunner(), ...quiet }));
    bases[name] = server.base;
    stops.push(server.stop);
  }
  for (const scenario of SCENARIOS) {
    const why = skipReason(scenario, kind);
    if (why !== null) {
      skipped++;
      console.log(`skip scenario (${label}): ${scenario.name}: ${why}`);
      continue;
    }
    await test(`scenario (${label}): ${scenario.name}`, async () => {
      const diff = differences(await normalise(await send(scenario, bases[scenario.profile])), expected(scenario));
      assert(diff.length === 0, diff.join("; "));
    });
  }
  await Promise.all(stops.map((s) => s()));
}

await test("anywasi serve on Deno (Deno.serve, guests in killable workers)", async () => {
  const cli = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", new URL("../../packages/host-node/dist/cli.js", import.meta.url).pathname,
      "serve", "--port", "0", "--timeout", "5000", new URL("./guests/cgi.wasm", import.meta.url).pathname],
    stdout: "null", stderr: "piped",
  }).spawn();
  const reader = cli.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let err = "";
  let port = null;
  while (port === null) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`anywasi serve exited: ${err}`);
    err += value;
    port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(err)?.[1] ?? null;
  }
  try {
    const vars = await (await fetch(`http://127.0.0.1:${port}/env`)).text();
    assert(vars.includes("GATEWAY_INTERFACE=CGI/1.1\n"), vars);
    const loop = await fetch(`http://127.0.0.1:${port}/loop`);
    await loop.text();
    equal(loop.status, 504, "a guest looping without syscalls is killed");
  } finally {
    cli.kill("SIGTERM");
    await cli.status;
    reader.cancel().catch(() => {});
  }
});

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
Deno.exit(failed ? 1 : 0);
