// `trace: true` of a wasi:http handler, the same on every path: the in-thread gateway (the
// reference), workerRunner() (the guest in a worker thread, its events posted to the serving
// thread) and `anywasi serve --trace` (workerRunner by default). For each request of TRACED the
// whole log of the request — its [wasi] lines, stderr lines and failure line, in order — must be
// the same, request ids aside. Plain ESM with Web APIs only: Node (http-component-trace.test.ts)
// and Deno (http-component-deno.mjs) run it.

/**
 * The requests traced: without and with a body, a status, a throw (stderr + 502), a timer. None
 * reads a request body: where it streams in (a worker, over HTTP) a guest reading bytes not yet
 * there waits for them, and each wait is one more poll_oneoff than in-thread, where the body was
 * read whole before the handler started.
 */
export const TRACED = [
  { method: "GET", path: "/info", body: null },
  { method: "POST", path: "/info", body: "hello" },
  { method: "GET", path: "/status", body: null },
  { method: "GET", path: "/throw", body: null },
  { method: "GET", path: "/sleep?ms=50", body: null },
];

const LINE = /^\[anywasi #(\d+)\] (.*)$/;

/** The log lines of each request (in the order the requests were made), without their `#id`. */
export function byRequest(lines) {
  const groups = new Map();
  for (const line of lines) {
    const m = LINE.exec(line);
    if (m === null) continue;
    const id = Number(m[1]);
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id).push(m[2]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((id) => groups.get(id));
}

/**
 * Send TRACED one after another through `go(request)` (each response read to its end), then wait
 * until `lines()` holds `expected` lines per request (a CLI's stderr arrives late), at most 20 s.
 * Returns the log of each request.
 */
export async function traceRun(go, base, lines, expected) {
  const before = byRequest(lines()).length;
  for (const r of TRACED) {
    const response = await go(new Request(`${base}${r.path}`, { method: r.method, ...(r.body === null ? {} : { body: r.body }) }));
    await response.arrayBuffer();
  }
  const until = Date.now() + 20_000;
  for (;;) {
    const got = byRequest(lines()).slice(before);
    const complete = expected === undefined ? got.length >= TRACED.length
      : got.length >= expected.length && expected.every((e, i) => (got[i]?.length ?? 0) >= e.length);
    if (complete || Date.now() > until) return got;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What differs between two traceRun() results (empty: the same); checks that there is a trace. */
export function traceDifferences(got, expected) {
  const problems = [];
  if (expected.length !== TRACED.length) problems.push(`the reference has ${expected.length} requests, not ${TRACED.length}`);
  if (!expected.every((e) => e.some((l) => l.includes(": [wasi] ")))) problems.push("a request of the reference has no [wasi] line");
  TRACED.forEach((r, i) => {
    const a = got[i] ?? [];
    const b = expected[i] ?? [];
    const at = a.findIndex((l, k) => l !== b[k]);
    if (at !== -1 || a.length !== b.length) {
      const k = at === -1 ? Math.min(a.length, b.length) : at;
      problems.push(`${r.method} ${r.path}: line ${k + 1} is ${JSON.stringify(a[k])}, expected ${JSON.stringify(b[k])} (${a.length} lines, expected ${b.length})`);
    }
  });
  return problems;
}
