// The gateway scenarios every host runs: the same requests, the same expected responses, byte for
// byte. Plain ESM with only Web APIs, so that Node (test/gateway/scenarios.test.ts), Deno
// (test/gateway/deno.mjs), workerd (test/worker/scenarios.test.ts) and the end-to-end check of the
// real servers (test/gateway/e2e-servers.mjs: `wrangler dev`, `anywasi serve` on Node and on Deno)
// all import this one table. A host runs each scenario and compares `normalise(response)` with
// `expected(scenario)`: there is one expected response per scenario, so the hosts agree by
// construction.
//
// Normalisation (what "identical" means here):
// - the status code is compared; the reason phrase is not (HTTP/2 and HTTP/3 have none, Deno.serve
//   always sends the standard one, and Deno's fetch reports the standard one whatever was sent);
// - the body is compared byte for byte;
// - every response header is compared (names lowercased, sorted, each Set-Cookie on its own),
//   except those the transport adds or that only frame the body: Date, Server, Connection,
//   Keep-Alive, Transfer-Encoding and Content-Length (the body itself is compared instead).
// Requests carry the headers a plain HTTP/1.1 client sends with them (Content-Length for a body),
// a fixed User-Agent, and `Accept-Encoding: identity` (so no server compresses), so that a
// request built with `new Request` and one sent over a socket look the same to the guest.

/** Response headers that belong to the transport, not to the gateway: never compared. */
export const TRANSPORT_HEADERS = ["date", "server", "connection", "keep-alive", "transfer-encoding", "content-length"];

const enc = new TextEncoder();
const dec = new TextDecoder();
const utf8 = (s) => enc.encode(s);

/** Bytes from hex ("00ff…"). */
export function hex(s) {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The 256 byte values in order, 0x00 to 0xff. */
export const ALL_BYTES = hex(
  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" +
  "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f" +
  "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f" +
  "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f" +
  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f" +
  "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf" +
  "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf" +
  "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
);

/** `n` bytes, each 256 in a row a permutation of all byte values: byte i is (167·i + ⌊i/256⌋) mod 256. */
export function mixedBytes(n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 167 + (i >> 8)) & 255;
  return out;
}

/** What test/gateway/guests/cgi.c's /big?N writes: byte i is 7·i mod 256 (for N up to 64 KiB). */
function bigBody(n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7) & 255;
  return out;
}

/**
 * How each host sets up the gateway for a profile: the guest (`cgi`: test/gateway/guests/cgi.wasm,
 * `webhook`: examples/webhook/webhook.wasm) and the `serve()` options (runners, log and, on
 * Workers, the clock are the host's own). `webhook` is examples/webhook/src/worker.js with the
 * secret of examples/webhook/.dev.vars and the seed log of examples/webhook/data/events.log; the
 * end-to-end check starts `anywasi serve` with the same settings as flags.
 */
export const PROFILES = {
  cgi: {
    guest: "cgi",
    options: {
      env: { APP_SETTING: "on" },
      files: { "/data": { "seed.txt": "seed\n" } },
      timeoutMs: 10_000,
      maxOutputBytes: 60_000,
      maxBodyBytes: 60_000,
    },
  },
  // A short time limit, only for the guests that never end (normal requests keep the long one:
  // starting a worker on a loaded machine must not be a timeout).
  "short-timeout": { guest: "cgi", options: { timeoutMs: 400 } },
  webhook: {
    guest: "webhook",
    options: {
      args: ["webhook.wasm"],
      env: { WEBHOOK_SECRET: "dev-secret" },
      files: { "/data": { "events.log": "id\tevent\n" } },
      timeoutMs: 10_000,
      maxBodyBytes: 1024 * 1024,
    },
  },
};

const TEXT = [["content-type", "text/plain"], ["x-guest", "cgi"]];
const BINARY = [["content-type", "application/octet-stream"], ["x-guest", "cgi"]];
const FAILURE = [["cache-control", "no-store"], ["content-type", "text/plain; charset=utf-8"]];
const JSON_TYPE = [["content-type", "application/json"]];

/** The failure response of the gateway (packages/gateway/src/responses.ts). */
function failure(status, text, reason) {
  return { status, headers: FAILURE, body: utf8(`${status} ${text}: ${reason}\n`) };
}

const EVENT = `{"event":"push","id":42}`;
// X-Signature values: HMAC-SHA256 under "dev-secret" (examples/webhook/.dev.vars) unless noted.
const SIG_EVENT = "sha256=5ea770cde77c1e9974ca861c5b750a31b5261c2c8de7e06fa786dc1438fa6ab6";
const SIG_EVENT_WRONG_SECRET = "sha256=cab09140d1e12ed9632ef1dc1c42b96940e6bd0c688794feed9ae3b74a951eae"; // under "wrong-secret"
const SIG_ALL_BYTES = "sha256=a0ee84f6d7826e0dd07a198059fb7cbd0624f90e4778e4adab28909da69fa6e2";
const SIG_NO_EVENT = "sha256=5cc4f7a6ddfd79e666de82dbb8769df2e5dd5965f0dbf7b02923c1c1c61a9eef"; // of {"id":"x-1"}

/**
 * The scenarios, run in this order. `skip` names the kinds of runner that cannot give the
 * expected response, with the reason: "in-thread" is every runner that runs the guest on the
 * server's thread (Workers, and `inThreadRunner()` on Node and Deno), as opposed to "killable"
 * (`workerRunner()`, what `anywasi serve` uses).
 */
export const SCENARIOS = [
  // ---- the request as CGI variables ----
  {
    name: "CGI variables: method, path, raw query, content type and length, REMOTE_ADDR, HTTP_*, no HTTP_PROXY",
    profile: "cgi",
    // cf-connecting-ip: what Cloudflare sets and @anywasi/worker reads REMOTE_ADDR from; over a
    // socket (Node, Deno) REMOTE_ADDR is the peer, 127.0.0.1 in these tests.
    request: { method: "POST", path: "/env?x=1&y=%20", headers: { "content-type": "text/plain", "x-custom": "yes", proxy: "evil", "cf-connecting-ip": "127.0.0.1" }, body: utf8("abc") },
    response: {
      status: 200,
      headers: TEXT,
      body: utf8([
        "REQUEST_METHOD=POST", "PATH_INFO=/env", "QUERY_STRING=x=1&y=%20", "CONTENT_TYPE=text/plain", "CONTENT_LENGTH=3",
        "REMOTE_ADDR=127.0.0.1", "SERVER_PROTOCOL=HTTP/1.1", "GATEWAY_INTERFACE=CGI/1.1", "SCRIPT_NAME=", "HTTP_X_CUSTOM=yes",
        "HTTP_PROXY unset", "HTTP_USER_AGENT=anywasi-scenarios", "APP_SETTING=on", "",
      ].join("\n")),
    },
  },
  // ---- binary bodies ----
  {
    name: "binary body with all 256 byte values, echoed",
    profile: "cgi",
    request: { method: "POST", path: "/echo", headers: { "content-type": "application/octet-stream" }, body: ALL_BYTES },
    response: { status: 200, headers: BINARY, body: ALL_BYTES },
  },
  {
    name: "binary body of 51,200 bytes (every byte value 200 times), echoed",
    profile: "cgi",
    request: { method: "POST", path: "/echo", headers: { "content-type": "application/octet-stream" }, body: mixedBytes(51_200) },
    response: { status: 200, headers: BINARY, body: mixedBytes(51_200) },
  },
  {
    name: "empty body, echoed",
    profile: "cgi",
    request: { method: "POST", path: "/echo", headers: {}, body: new Uint8Array(0) },
    response: { status: 200, headers: BINARY, body: new Uint8Array(0) },
  },
  {
    name: "binary output of 50,000 bytes the guest makes",
    profile: "cgi",
    request: { method: "GET", path: "/big?50000", headers: {}, body: null },
    response: { status: 200, headers: BINARY, body: bigBody(50_000) },
  },
  // ---- status and headers from the guest ----
  {
    name: "Status: 404 with a reason, two Set-Cookie headers",
    profile: "cgi",
    request: { method: "GET", path: "/status", headers: {}, body: null },
    response: { status: 404, headers: [["content-type", "text/plain"], ["set-cookie", "a=1"], ["set-cookie", "b=2"]], body: utf8("missing\n") },
  },
  {
    name: "Location without Status: 302, empty body",
    profile: "cgi",
    request: { method: "GET", path: "/redirect", headers: {}, body: null },
    response: { status: 302, headers: [["location", "https://example.com/elsewhere"]], body: new Uint8Array(0) },
  },
  {
    name: "an unknown route: the guest's own 404",
    profile: "cgi",
    request: { method: "GET", path: "/no/such/route", headers: {}, body: null },
    response: { status: 404, headers: [["content-type", "text/plain"]], body: utf8("no such route\n") },
  },
  {
    name: "a response that streams while the guest sleeps",
    profile: "cgi",
    request: { method: "GET", path: "/stream?50", headers: {}, body: null },
    response: { status: 200, headers: TEXT, body: utf8("first\nsecond\n") },
  },
  {
    name: "stderr goes to the log, not to the client",
    profile: "cgi",
    request: { method: "GET", path: "/stderr", headers: {}, body: null },
    response: { status: 200, headers: TEXT, body: utf8("see the logs\n") },
  },
  // ---- files: a fresh copy per request ----
  {
    name: "the seeded /data is there",
    profile: "cgi",
    request: { method: "GET", path: "/read?seed.txt", headers: {}, body: null },
    response: { status: 200, headers: TEXT, body: utf8("present: seed\n") },
  },
  {
    name: "a request writes a file…",
    profile: "cgi",
    request: { method: "POST", path: "/write?note", headers: {}, body: new Uint8Array(0) },
    response: { status: 200, headers: TEXT, body: utf8("wrote /data/note\n") },
  },
  {
    name: "…that the next request does not see",
    profile: "cgi",
    request: { method: "GET", path: "/read?note", headers: {}, body: null },
    response: { status: 200, headers: TEXT, body: utf8("absent\n") },
  },
  // ---- failing guests: 502 ----
  {
    name: "a guest that exits non-zero after a complete response",
    profile: "cgi",
    request: { method: "GET", path: "/exit", headers: {}, body: null },
    response: failure(502, "Bad Gateway", "the program exited with code 3"),
  },
  {
    name: "a guest that exits non-zero without output",
    profile: "cgi",
    request: { method: "GET", path: "/silent-exit", headers: {}, body: null },
    response: failure(502, "Bad Gateway", "the program exited with code 2"),
  },
  {
    name: "a guest that traps",
    profile: "cgi",
    request: { method: "GET", path: "/trap", headers: {}, body: null },
    response: failure(502, "Bad Gateway", "the program crashed"),
  },
  {
    name: "a malformed header block",
    profile: "cgi",
    request: { method: "GET", path: "/malformed", headers: {}, body: null },
    response: failure(502, "Bad Gateway", 'malformed CGI response: bad header line "this is not a header"'),
  },
  {
    name: "a bad Status line",
    profile: "cgi",
    request: { method: "GET", path: "/bad-status", headers: {}, body: null },
    response: failure(502, "Bad Gateway", 'malformed CGI response: bad Status "999 Nope"'),
  },
  {
    name: "output that ends inside the header block",
    profile: "cgi",
    request: { method: "GET", path: "/unterminated", headers: {}, body: null },
    response: failure(502, "Bad Gateway", "malformed CGI response: the program's output ended inside its header block"),
  },
  {
    name: "no output at all",
    profile: "cgi",
    request: { method: "GET", path: "/nothing", headers: {}, body: null },
    response: failure(502, "Bad Gateway", "malformed CGI response: the program wrote no response"),
  },
  // ---- limits ----
  {
    name: "output past maxOutputBytes (60,000): 502",
    profile: "cgi",
    request: { method: "GET", path: "/flood", headers: {}, body: null },
    response: failure(502, "Bad Gateway", "the program's output exceeded 60000 bytes"),
  },
  {
    name: "a body past maxBodyBytes (60,000): 413",
    profile: "cgi",
    request: { method: "POST", path: "/echo", headers: { "content-type": "application/octet-stream" }, body: mixedBytes(60_001) },
    response: failure(413, "Content Too Large", "the request body is larger than 60000 bytes"),
  },
  {
    name: "a guest that sleeps forever, past timeoutMs (400): 504",
    profile: "short-timeout",
    request: { method: "GET", path: "/sleep-loop", headers: {}, body: null },
    response: failure(504, "Gateway Timeout", "the program ran past its time limit of 400 ms"),
  },
  {
    name: "a guest that spins without syscalls, past timeoutMs (400): 504",
    profile: "short-timeout",
    request: { method: "GET", path: "/loop", headers: {}, body: null },
    response: failure(504, "Gateway Timeout", "the program ran past its time limit of 400 ms"),
    skip: {
      "in-thread":
        "a guest running on the server's thread is checked for its time limit only at syscalls; one that spins without " +
        "any never reaches a check and cannot be interrupted (on Workers the platform's CPU limit ends it with " +
        "Cloudflare's own error page). Only a killable runner answers 504.",
    },
  },
  // ---- the webhook example ----
  {
    name: "webhook: a validly signed event: 200 JSON, appended to the seeded log",
    profile: "webhook",
    request: { method: "POST", path: "/", headers: { "content-type": "application/json", "x-signature": SIG_EVENT }, body: utf8(EVENT) },
    response: { status: 200, headers: JSON_TYPE, body: utf8(`{"ok":true,"event":"push","id":"42","logged":2}\n`) },
  },
  {
    name: "webhook: signed with another secret: 401",
    profile: "webhook",
    request: { method: "POST", path: "/", headers: { "content-type": "application/json", "x-signature": SIG_EVENT_WRONG_SECRET }, body: utf8(EVENT) },
    response: { status: 401, headers: JSON_TYPE, body: utf8(`{"ok":false,"error":"bad signature"}\n`) },
  },
  {
    name: "webhook: a valid signature of another body (tampered body): 401",
    profile: "webhook",
    request: { method: "POST", path: "/", headers: { "content-type": "application/json", "x-signature": SIG_EVENT }, body: utf8(`{"event":"push","id":43}`) },
    response: { status: 401, headers: JSON_TYPE, body: utf8(`{"ok":false,"error":"bad signature"}\n`) },
  },
  {
    name: "webhook: no signature: 401",
    profile: "webhook",
    request: { method: "POST", path: "/", headers: { "content-type": "application/json" }, body: utf8(EVENT) },
    response: { status: 401, headers: JSON_TYPE, body: utf8(`{"ok":false,"error":"bad signature"}\n`) },
  },
  {
    name: "webhook: a validly signed binary body (all 256 byte values): 400",
    profile: "webhook",
    request: { method: "POST", path: "/", headers: { "content-type": "application/octet-stream", "x-signature": SIG_ALL_BYTES }, body: ALL_BYTES },
    response: { status: 400, headers: JSON_TYPE, body: utf8(`{"ok":false,"error":"the body is not a JSON object"}\n`) },
  },
  {
    name: "webhook: validly signed JSON without an event: 400",
    profile: "webhook",
    request: { method: "POST", path: "/", headers: { "content-type": "application/json", "x-signature": SIG_NO_EVENT }, body: utf8(`{"id":"x-1"}`) },
    response: { status: 400, headers: JSON_TYPE, body: utf8(`{"ok":false,"error":"missing string field: event"}\n`) },
  },
  {
    name: "webhook: GET: 405",
    profile: "webhook",
    request: { method: "GET", path: "/", headers: {}, body: null },
    response: { status: 405, headers: JSON_TYPE, body: utf8(`{"ok":false,"error":"POST a JSON event"}\n`) },
  },
  {
    name: "webhook: a body past 1 MiB: the gateway's 413",
    profile: "webhook",
    request: { method: "POST", path: "/", headers: { "content-type": "application/json", "x-signature": SIG_EVENT }, body: new Uint8Array(1024 * 1024 + 1).fill(0x20) },
    response: failure(413, "Content Too Large", "the request body is larger than 1048576 bytes"),
  },
];

/** Why hosts of `kind` ("in-thread" or "killable") skip `scenario`, or null when they run it. */
export function skipReason(scenario, kind) {
  return scenario.skip?.[kind] ?? null;
}

/** The request headers of a scenario, as every host sends them (a `chunked` body has no content-length). */
export function requestHeaders(scenario) {
  const { headers, body, chunked } = scenario.request;
  return {
    "user-agent": "anywasi-scenarios",
    "accept-encoding": "identity",
    ...(body !== null && chunked !== true ? { "content-length": String(body.length) } : {}),
    ...headers,
  };
}

/** `bytes` as a stream of 16 KiB chunks, made as they are read (what a client without content-length sends). */
function chunksOf(bytes) {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) { c.close(); return; }
      c.enqueue(bytes.slice(at, at += 16384));
    },
  });
}

/**
 * `fetch`'s init for a scenario (redirects are not followed: a 302 is the response). A body with
 * `chunked: true` is sent as a stream (HTTP/1.1: chunked transfer encoding, no content-length).
 */
export function requestInit(scenario) {
  const { method, body, chunked } = scenario.request;
  const sent = body === null ? {} : chunked === true ? { body: chunksOf(body), duplex: "half" } : { body };
  return { method, headers: requestHeaders(scenario), redirect: "manual", ...sent };
}

/** The scenario as a `Request` to `base` (e.g. "http://127.0.0.1:8080"), for hosts that call `gateway.fetch` directly. */
export function toRequest(scenario, base) {
  return new Request(new URL(scenario.request.path, base), requestInit(scenario));
}

/**
 * Send the scenario over HTTP to `base`. A request that fails before any response byte with
 * "other side closed" (undici's UND_ERR_SOCKET) is sent once more on a new connection, as a
 * browser retries a request on a reused keep-alive connection the server closed under it. A
 * server that closes every time still fails.
 */
export async function send(scenario, base) {
  try {
    return await fetch(new URL(scenario.request.path, base), requestInit(scenario));
  } catch (e) {
    if (e?.cause?.code !== "UND_ERR_SOCKET") throw e;
    // Said in the log: a server that often closes kept-alive connections is worth a look.
    console.warn(`scenarios: "${scenario.name}": the connection closed before a response (${e.cause.message}); sent again`);
    return fetch(new URL(scenario.request.path, base), requestInit(scenario));
  }
}

function sortedHeaders(pairs) {
  return pairs.map(([n, v]) => [n.toLowerCase(), v]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

/** A response as compared: status, the headers that matter (sorted pairs), the body bytes. */
export async function normalise(response) {
  const pairs = [];
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie" && !TRANSPORT_HEADERS.includes(name)) pairs.push([name, value]);
  });
  for (const cookie of response.headers.getSetCookie()) pairs.push(["set-cookie", cookie]);
  return { status: response.status, headers: sortedHeaders(pairs), body: new Uint8Array(await response.arrayBuffer()) };
}

/** The normalised response a scenario expects. */
export function expected(scenario) {
  const { status, headers, body } = scenario.response;
  return { status, headers: sortedHeaders(headers), body };
}

function excerpt(bytes, at) {
  const part = bytes.subarray(Math.max(0, at - 8), at + 24);
  const text = dec.decode(part);
  return /^[\x20-\x7e\n]*$/.test(text) ? JSON.stringify(text) : `0x${[...part].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** How `actual` differs from `want` (both normalised): [] when they are identical. */
export function differences(actual, want) {
  const out = [];
  if (actual.status !== want.status) out.push(`status ${actual.status}, want ${want.status}`);
  const a = JSON.stringify(actual.headers);
  const w = JSON.stringify(want.headers);
  if (a !== w) out.push(`headers ${a}, want ${w}`);
  const n = Math.min(actual.body.length, want.body.length);
  let at = 0;
  while (at < n && actual.body[at] === want.body[at]) at++;
  if (at < n || actual.body.length !== want.body.length) {
    out.push(`body of ${actual.body.length} bytes, want ${want.body.length}; first difference at byte ${at}: ${excerpt(actual.body, at)}, want ${excerpt(want.body, at)}`);
  }
  return out;
}
