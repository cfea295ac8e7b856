// The wasi:http scenarios every host runs against test/gateway/http-component/handler.component.wasm
// (a ComponentizeJS handler exporting wasi:http/incoming-handler@0.2.10): the same requests, the
// same expected responses, byte for byte. Plain ESM with only Web APIs (like scenarios.mjs, whose
// request shape, normalisation and comparison it reuses), so Node (http-component.test.ts), Deno
// (http-component-deno.mjs), and later workerd and a Service Worker can import the one table.
//
// A host serves the handler once per profile (serve(bytes, PROFILES[name].options)), sends every
// scenario to it (over HTTP with `send`, or to `gateway.fetch` with `toRequest`) and compares
// `normalise(response)` with `expectedFor(scenario, base)`. The status, every header but the
// transport's (names lowercased, sorted: the Fetch API iterates headers sorted) and the body bytes
// are compared.
import { mixedBytes } from "./scenarios.mjs";

export { normalise, differences, send, toRequest, TRANSPORT_HEADERS } from "./scenarios.mjs";

const enc = new TextEncoder();
const utf8 = (s) => enc.encode(s);
const MiB = 1024 * 1024;

/** Serve options per profile. Every one is within the CGI defaults' spirit; `timeout` and `sizes` are small, to hit them. */
export const PROFILES = {
  main: { options: { timeoutMs: 20_000, maxBodyBytes: 24 * MiB, maxOutputBytes: 24 * MiB } },
  // 5 s, not 2 s: where a killable runner (workerRunner, anywasi serve) answers a request after a
  // 504, the request's worker starts with the limit running, and on a loaded machine that start
  // took 2 s (a 100 ms timer answered 504). The handlers past it ask for 10 s.
  timeout: { options: { timeoutMs: 5_000, maxBodyBytes: 24 * MiB, maxOutputBytes: 24 * MiB } },
  sizes: { options: { timeoutMs: 20_000, maxBodyBytes: 100_000, maxOutputBytes: 100_000 } },
  // Outgoing requests allowed to one local server, the host's `upstream` (see optionsFor).
  outgoing: { options: { timeoutMs: 20_000, maxBodyBytes: 24 * MiB, maxOutputBytes: 24 * MiB } },
  // Served with the trailers component (COMPONENT_OF), not the ComponentizeJS handler.
  trailers: { options: { timeoutMs: 20_000, maxBodyBytes: 24 * MiB, maxOutputBytes: 24 * MiB } },
};

/**
 * The component each profile serves, by file name in http-component/: the ComponentizeJS test
 * handler, or for "trailers" trailers.component.wasm (test/components-native/handler_trailers.c:
 * ComponentizeJS cannot send trailers).
 */
export const COMPONENT_OF = {
  main: "handler.component.wasm", timeout: "handler.component.wasm", sizes: "handler.component.wasm",
  outgoing: "handler.component.wasm", trailers: "trailers.component.wasm",
};

/**
 * The local server the "outgoing" profile may reach: each host runs one (upstream.mjs on Node,
 * Deno, wrangler dev and workerd; the page's own server for the Service Worker) that answers
 * GET UPSTREAM_PATH with UPSTREAM_TEXT.
 */
export const UPSTREAM_PATH = "/upstream/hello.txt";
export const UPSTREAM_TEXT = "hello from the upstream server\n";

/**
 * serve() options of `profile`; for "outgoing", with `upstream` (an origin, "http://127.0.0.1:8081")
 * as the only origin of the outgoing allow-list. A host adds its client where it needs one.
 */
export function optionsFor(profile, upstream) {
  const o = PROFILES[profile].options;
  return profile === "outgoing" ? { ...o, outgoingHttp: { allow: [upstream] } } : o;
}

/** The scenarios of `profile`, their requests made for `upstream` where they depend on it. */
export function scenariosFor(profile, upstream) {
  return SCENARIOS.filter((s) => s.profile === profile)
    .map((s) => (typeof s.request === "function" ? { ...s, request: s.request(upstream) } : s));
}

const TEXT = [["content-type", "text/plain"]];
const BINARY = [["content-type", "application/octet-stream"]];
const TEXT_UTF8 = [["content-type", "text/plain;charset=UTF-8"]];
const failure = (status, text, reason) => ({
  status,
  headers: [["cache-control", "no-store"], ["content-type", "text/plain; charset=utf-8"]],
  body: utf8(`${status} ${text}: ${reason}\n`),
});

/** What /big?n=N answers: byte i is 7·i mod 256. */
function bigBody(n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7) & 255;
  return out;
}

/** What /count answers for `bytes`: the length and Σ bytes[j]·(j mod 251) mod 1e9+7. */
function countOf(bytes) {
  let sum = 0;
  for (let j = 0; j < bytes.length; j++) sum = (sum + bytes[j] * (j % 251)) % 1000000007;
  return `${bytes.length} ${sum}\n`;
}

const ONE_MIB = mixedBytes(MiB);
const TWENTY_MIB = mixedBytes(20 * MiB);
const get = (path, headers = {}) => ({ method: "GET", path, headers, body: null });
const post = (path, body, type = "application/octet-stream") => ({ method: "POST", path, headers: { "content-type": type }, body });
/** A POST whose body is sent as a stream, without content-length (chunked over HTTP/1.1). */
const chunked = (path, body) => ({ ...post(path, body), chunked: true });

/**
 * Each scenario: `profile`, `request` ({ method, path, headers, body }, or a function of the
 * host's upstream origin: see scenariosFor), and `response`
 * ({ status, headers, body }) or a function of the authority ("127.0.0.1:8080") the request went to.
 * `note`: what the scenario does not show on these hosts.
 */
export const SCENARIOS = [
  {
    name: "GET: method, scheme, authority, path with query and x-/content- headers reach the handler",
    profile: "main",
    request: get("/info?x=1&y=a%20b", { "x-one": "1", "x-two": "zwei" }),
    response: (authority) => ({
      status: 200,
      headers: [["content-type", "application/json"], ["x-handler", "test"]],
      body: utf8(JSON.stringify({ method: "GET", url: `http://${authority}/info?x=1&y=a%20b`, headers: [["x-one", "1"], ["x-two", "zwei"]] }) + "\n"),
    }),
  },
  {
    name: "POST: method and body headers reach the handler",
    profile: "main",
    request: { method: "POST", path: "/info", headers: { "content-type": "text/plain", "x-a": "b" }, body: utf8("hi") },
    response: (authority) => ({
      status: 200,
      headers: [["content-type", "application/json"], ["x-handler", "test"]],
      body: utf8(JSON.stringify({ method: "POST", url: `http://${authority}/info`, headers: [["content-length", "2"], ["content-type", "text/plain"], ["x-a", "b"]] }) + "\n"),
    }),
  },
  {
    name: "an empty (0 B) body, echoed through incoming-body and outgoing-body streams",
    profile: "main",
    request: post("/echo", new Uint8Array(0)),
    response: { status: 200, headers: BINARY, body: new Uint8Array(0) },
  },
  {
    name: "a 1 MiB body, echoed",
    profile: "main",
    request: post("/echo", ONE_MIB),
    response: { status: 200, headers: BINARY, body: ONE_MIB },
  },
  {
    name: "a 20 MiB body, echoed",
    profile: "main",
    request: post("/echo", TWENTY_MIB),
    response: { status: 200, headers: BINARY, body: TWENTY_MIB },
  },
  {
    name: "a 1 MiB body read chunk by chunk by the handler: its length and checksum",
    profile: "main",
    request: post("/count", ONE_MIB),
    response: { status: 200, headers: TEXT, body: utf8(countOf(ONE_MIB)) },
  },
  {
    name: "a 1 MiB response the handler makes in 64 KiB writes",
    profile: "main",
    request: get(`/big?n=${MiB}`),
    response: { status: 200, headers: BINARY, body: bigBody(MiB) },
  },
  {
    name: "a streamed response (two parts, 300 ms apart)",
    profile: "main",
    request: get("/stream"),
    response: { status: 200, headers: TEXT, body: utf8("part 1\npart 2\n") },
    note: "the bytes are right, but the client gets both parts when the handler returns: the handler runs synchronously",
  },
  {
    name: "status 418 and two Set-Cookie headers",
    profile: "main",
    request: get("/status"),
    response: { status: 418, headers: [...TEXT_UTF8, ["set-cookie", "a=1"], ["set-cookie", "b=2"], ["x-multi", "one"]], body: utf8("teapot\n") },
  },
  {
    name: "204 without a body",
    profile: "main",
    request: get("/empty"),
    response: { status: 204, headers: [], body: new Uint8Array(0) },
  },
  {
    name: "an unknown route: the handler's own 404",
    profile: "main",
    request: get("/nope"),
    response: { status: 404, headers: TEXT, body: utf8("not found\n") },
  },
  {
    name: "a handler that throws (StarlingMonkey leaves its response body unfinished): 502",
    profile: "main",
    request: get("/throw"),
    response: failure(502, "Bad Gateway", "the handler did not finish its response body"),
  },
  {
    name: "an outgoing request (wasi:http/outgoing-handler is denied): the handler fails, 502",
    profile: "main",
    request: get("/fetch?url=http://127.0.0.1:9/"),
    response: failure(502, "Bad Gateway", "the handler did not finish its response body"),
  },
  {
    name: "an outgoing GET to a local server on the allow-list: the handler answers with its status and body",
    profile: "outgoing",
    request: (upstream) => get(`/fetch?url=${upstream}${UPSTREAM_PATH}`),
    response: { status: 200, headers: TEXT_UTF8, body: utf8(`upstream 200: ${UPSTREAM_TEXT}`) },
  },
  {
    name: "an outgoing request to an origin not on the allow-list: the handler fails, 502",
    profile: "outgoing",
    request: get("/fetch?url=http://127.0.0.1:9/"),
    response: failure(502, "Bad Gateway", "the handler did not finish its response body"),
  },
  {
    name: "a handler that finishes its body with a trailer (x-checksum): the body arrives whole, the trailer is dropped",
    profile: "trailers",
    request: get("/anything"),
    response: { status: 200, headers: TEXT, body: utf8("the body, then trailers\n") },
    note: "no Web Response carries trailers (Workers, Service Workers, and the gateway's Response on Node and Deno): every host drops them and logs it",
  },
  {
    name: "the same handler given a request body it never reads: the same response",
    profile: "trailers",
    request: post("/anything", mixedBytes(50_000)),
    response: { status: 200, headers: TEXT, body: utf8("the body, then trailers\n") },
  },
  {
    name: "a handler waiting on a timer past timeoutMs (5000): 504",
    profile: "timeout",
    request: get("/sleep?ms=10000"),
    response: failure(504, "Gateway Timeout", "the program ran past its time limit of 5000 ms"),
  },
  {
    name: "a handler spinning (reading the clock) past timeoutMs (5000): 504",
    profile: "timeout",
    request: get("/spin?ms=10000"),
    response: failure(504, "Gateway Timeout", "the program ran past its time limit of 5000 ms"),
  },
  {
    name: "a timer within the limit: 200",
    profile: "timeout",
    request: get("/sleep?ms=100"),
    response: { status: 200, headers: TEXT, body: utf8("slept 100\n") },
  },
  {
    name: "a body past maxBodyBytes (100,000): 413",
    profile: "sizes",
    request: post("/echo", mixedBytes(100_001)),
    response: failure(413, "Content Too Large", "the request body is larger than 100000 bytes"),
  },
  {
    name: "a chunked body (no content-length) past maxBodyBytes that the handler reads whole (/count): 413",
    profile: "sizes",
    request: chunked("/count", mixedBytes(200_000)),
    response: failure(413, "Content Too Large", "the request body is larger than 100000 bytes"),
  },
  {
    name: "a chunked body past maxBodyBytes that the handler never reads (/seq answers at once): 413, as where the body is read first",
    profile: "sizes",
    request: chunked("/seq", mixedBytes(200_000)),
    response: failure(413, "Content Too Large", "the request body is larger than 100000 bytes"),
  },
  {
    name: "a chunked body of exactly maxBodyBytes, read whole: 200",
    profile: "sizes",
    request: chunked("/count", mixedBytes(100_000)),
    response: { status: 200, headers: TEXT, body: utf8(countOf(mixedBytes(100_000))) },
  },
  {
    name: "a chunked body within maxBodyBytes that the handler never reads: 200",
    profile: "sizes",
    request: chunked("/seq", mixedBytes(50_000)),
    response: { status: 200, headers: TEXT, body: utf8("1\n") },
  },
  {
    name: "a response past maxOutputBytes (100,000): 502",
    profile: "sizes",
    request: get("/big?n=200000"),
    response: failure(502, "Bad Gateway", "the program's output exceeded 100000 bytes"),
  },
];

/** The normalised response `scenario` expects when sent to `base` ("http://127.0.0.1:8080"). */
export function expectedFor(scenario, base) {
  const r = typeof scenario.response === "function" ? scenario.response(new URL(base).host) : scenario.response;
  const headers = r.headers.map(([n, v]) => [n.toLowerCase(), v])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return { status: r.status, headers, body: r.body };
}

/** Concurrent requests: `count` /info requests at once, each with its own x-n header and query. */
export function concurrentScenarios(count) {
  return Array.from({ length: count }, (_, i) => ({
    name: `concurrent /info #${i}`,
    profile: "main",
    request: get(`/info?n=${i}`, { "x-n": String(i) }),
    response: (authority) => ({
      status: 200,
      headers: [["content-type", "application/json"], ["x-handler", "test"]],
      body: utf8(JSON.stringify({ method: "GET", url: `http://${authority}/info?n=${i}`, headers: [["x-n", String(i)]] }) + "\n"),
    }),
  }));
}

/**
 * The time limit ends a guest on time: after a warm-up request, a handler spinning on the clock
 * for 10 s and one sleeping 10 s, served with the `timeout` profile (5 s), each answer 504 before
 * their own 10 s (9 s: room for a loaded machine). `fetch` sends a Request to the server under
 * test; `expect` is the test's.
 */
export async function expectEndedOnTime(fetch, expect) {
  await (await fetch(new Request("http://gateway.test/empty"))).text();
  for (const path of ["/spin?ms=10000", "/sleep?ms=10000"]) {
    const t = Date.now();
    const r = await fetch(new Request(`http://gateway.test${path}`));
    expect(r.status).toBe(504);
    expect(Date.now() - t).toBeLessThan(9_000);
  }
}
