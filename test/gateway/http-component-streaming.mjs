// Streaming and concurrency of a served wasi:http handler (test/gateway/http-component/handler.js),
// checked by the ORDER of observable events, never by durations: Node (http-component-stream.test.ts)
// and Deno (http-component-deno.mjs) run the same checks against a base URL. Plain ESM, Web APIs.
// Each check resolves with a list of problems ([] when it passed).
//
// A host that runs the guest synchronously on its serving thread and buffers (the in-thread path)
// fails all three: the first part of a response arrives only with the rest, a request body must be
// complete before the handler starts (so a client that waits for an echo before sending more
// never gets it: the time limit answers 504), and requests are answered one after another.

const enc = new TextEncoder();

// The checks' fetch: the global one (a server at `base`), or one that hands the request to a
// gateway in the same isolate (workerd, a Service Worker's tests).
let fetchImpl = (url, init) => fetch(url, init);

/** Make the checks send their requests through `f(url, init)` instead of the global `fetch`. */
export function setFetch(f) {
  fetchImpl = f;
}
const dec = new TextDecoder();

/** Read `reader` until the text received so far satisfies `until` (or the end); returns the text. */
async function readUntil(reader, text, until) {
  while (!until(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += dec.decode(value, { stream: true });
  }
  return text;
}

/**
 * (1) A response the handler writes in two parts, `ms` apart (/trickle: "part 1", a timer, then
 * "part 2" after logging "trickle: writing part 2" on stderr): the client must receive part 1
 * while the handler has not yet written part 2. `logged()` returns the gateway's log so far (for
 * `anywasi serve`, its stderr).
 */
export async function trickle(base, logged, ms = 1000) {
  const problems = [];
  const marker = "trickle: writing part 2";
  const response = await fetchImpl(`${base}/trickle?ms=${ms}`);
  if (response.status !== 200) return [`status ${response.status}: ${await response.text()}`];
  const reader = response.body.getReader();
  const first = await readUntil(reader, "", (t) => t.length > 0);
  // `logged` may return a promise (a Service Worker's log, fetched from the page).
  const writtenBeforeFirst = (await logged()).includes(marker);
  const all = await readUntil(reader, first, () => false);
  if (first !== "part 1\n") problems.push(`the first bytes received were ${JSON.stringify(first)}, not "part 1\\n" alone`);
  if (writtenBeforeFirst) problems.push("the handler had already written part 2 when the client received part 1");
  if (all !== "part 1\npart 2\n") problems.push(`body ${JSON.stringify(all)}`);
  return problems;
}

/**
 * A POST to /echo whose body the client streams: it sends `first`, waits until the handler has
 * echoed it back, then sends `second` and ends the body. Resolves with the text received, or
 * rejects. `onFirstEcho` runs when the first part came back (the caller may hold `second` back).
 */
async function echoInParts(base, first, second, onFirstEcho = async () => {}) {
  let controller;
  const body = new ReadableStream({ start(c) { controller = c; } });
  const pending = fetchImpl(`${base}/echo`, {
    method: "POST", body, duplex: "half", headers: { "content-type": "application/octet-stream" },
  });
  controller.enqueue(enc.encode(first));
  const response = await pending;
  if (response.status !== 200) return { status: response.status, text: await response.text() };
  const reader = response.body.getReader();
  const got = await readUntil(reader, "", (t) => t.length >= first.length);
  await onFirstEcho(got);
  controller.enqueue(enc.encode(second));
  controller.close();
  return { status: 200, firstEcho: got, text: await readUntil(reader, got, () => false) };
}

/**
 * (2) A request body streamed with a pause is seen by the handler in parts: /echo sends back the
 * first part before the client has sent the second (the client sends it only after the echo).
 */
export async function echoWhileSending(base) {
  const r = await echoInParts(base, "first part;", "second part");
  if (r.status !== 200) return [`status ${r.status}: ${r.text}`];
  const problems = [];
  if (r.firstEcho !== "first part;") problems.push(`the first echo was ${JSON.stringify(r.firstEcho)}`);
  if (r.text !== "first part;second part") problems.push(`body ${JSON.stringify(r.text)}`);
  return problems;
}

/**
 * (3) `n` requests run at the same time: each /echo handler echoes its first part, and no client
 * sends its second part before ALL n first parts came back, so every handler is mid-request at
 * once (answered one after another, the first would wait for a second part that never comes).
 */
export async function overlapping(base, n = 4) {
  let echoed = 0;
  let release;
  const allEchoed = new Promise((r) => { release = r; });
  const results = await Promise.all(Array.from({ length: n }, (_, i) => echoInParts(base, `request ${i} part 1;`, `part 2 of ${i}`, async () => {
    if (++echoed === n) release();
    await allEchoed;
  })));
  const problems = [];
  results.forEach((r, i) => {
    if (r.status !== 200) problems.push(`request ${i}: status ${r.status}: ${r.text}`);
    else if (r.text !== `request ${i} part 1;part 2 of ${i}`) problems.push(`request ${i}: body ${JSON.stringify(r.text)}`);
  });
  return problems;
}

/**
 * (3b) `n` /trickle requests at once, for hosts whose clients cannot stream a request body (a
 * page's fetch() to its Service Worker): when every client has received its part 1, no handler
 * may have logged that it writes part 2 yet, so all `n` handlers were mid-handler at once (one
 * after another, the first handler ends before the second starts). `logged()` as for `trickle`.
 */
export async function tricklesTogether(base, logged, n = 4, ms = 3000) {
  const marker = "trickle: writing part 2";
  let started = 0;
  let release;
  const allStarted = new Promise((r) => { release = r; });
  const problems = [];
  await Promise.all(Array.from({ length: n }, async (_, i) => {
    const response = await fetchImpl(`${base}/trickle?ms=${ms}`);
    if (response.status !== 200) { problems.push(`request ${i}: status ${response.status}`); release(); return; }
    const reader = response.body.getReader();
    const first = await readUntil(reader, "", (t) => t.length > 0);
    if (++started === n) {
      if ((await logged()).includes(marker)) problems.push("a handler had written its part 2 before every client had its part 1");
      release();
    }
    await allStarted;
    const all = await readUntil(reader, first, () => false);
    if (all !== "part 1\npart 2\n") problems.push(`request ${i}: body ${JSON.stringify(all)}`);
  }));
  return problems;
}

/**
 * (4) Fresh instances whatever the runner reuses (threads, glue): /seq answers how many requests
 * its instance answered, so every answer must be "1", for `n` requests one after another and then
 * `n` at once.
 */
export async function freshInstances(base, n = 6) {
  const seq = async () => {
    const r = await fetchImpl(`${base}/seq`);
    return `${r.status} ${await r.text()}`;
  };
  const answers = [];
  for (let i = 0; i < n; i++) answers.push(await seq());
  answers.push(...(await Promise.all(Array.from({ length: n }, seq))));
  const wrong = answers.filter((a) => a !== "200 1\n");
  return wrong.length === 0 ? [] : [`answers other than "200 1": ${JSON.stringify(wrong)}`];
}

export async function streamingChecks(base, logged) {
  return [
    { name: "a response streams: part 1 arrives before the handler writes part 2", problems: await trickle(base, logged) },
    { name: "a request body streams: the handler echoes part 1 before the client sends part 2", problems: await echoWhileSending(base) },
    { name: "4 concurrent requests are all mid-handler at once", problems: await overlapping(base, 4) },
    { name: "every request, one after another or at once, gets a fresh instance", problems: await freshInstances(base) },
  ];
}

/**
 * Past the time limit with the response already started (/trickle?ms=... longer than the limit):
 * the client gets the head and part 1, then a broken body (a read rejects), never a complete-looking
 * 200. Run against a gateway whose limit is shorter than `ms`.
 */
export async function cutShort(base, ms = 10_000) {
  const response = await fetchImpl(`${base}/trickle?ms=${ms}`);
  if (response.status !== 200) return [`status ${response.status}: ${await response.text()}`];
  const reader = response.body.getReader();
  let text = "";
  try {
    text = await readUntil(reader, "", () => false);
  } catch {
    return text.includes("part 2") ? ["part 2 arrived"] : [];
  }
  return [`the body ended normally: ${JSON.stringify(text)}`];
}

/** Read `reader` to its end: `{ text, broken }`, `broken` true when a read rejected (a cut body). */
async function readToEnd(reader, text = "") {
  try {
    return { text: await readUntil(reader, text, () => false), broken: false };
  } catch {
    return { text, broken: true };
  }
}

/**
 * The output limit after the head: /trickle against a gateway whose `maxOutputBytes` is 10 writes
 * "part 1\n" (7 bytes: the head goes out at its wait), then "part 2\n", which passes the limit. The
 * client must get the 200 and part 1, then a broken body: never part 2, never a clean end. (Where
 * the response is sent when the handler returns, the answer is a 502 instead: this check fails.)
 */
export async function outputPastLimitAfterHead(base, ms = 200) {
  const response = await fetchImpl(`${base}/trickle?ms=${ms}`);
  if (response.status !== 200) return [`status ${response.status}: ${await response.text()}`];
  const reader = response.body.getReader();
  const first = await readUntil(reader, "", (t) => t.length > 0).catch(() => "");
  const { text, broken } = await readToEnd(reader, first);
  const problems = [];
  if (first !== "part 1\n") problems.push(`the first bytes were ${JSON.stringify(first)}, not "part 1\\n"`);
  if (text.includes("part 2")) problems.push("part 2 (past the limit) arrived");
  if (!broken) problems.push(`the body ended normally: ${JSON.stringify(text)}`);
  return problems;
}

/**
 * The body limit after the head: a POST to /echo without content-length whose first part the
 * handler echoes (the head goes out while it waits for more); the client then sends `extra` bytes,
 * passing `maxBodyBytes`. The client must get the 200 and the first part, then a broken body,
 * never a clean end. (Where the body is read whole before the handler runs, the first part never
 * comes back: the time limit answers, and this check fails.)
 */
export async function bodyPastLimitAfterHead(base, extra = 200_000) {
  let controller;
  const body = new ReadableStream({ start(c) { controller = c; } });
  const first = "first part;";
  const pending = fetchImpl(`${base}/echo`, { method: "POST", body, duplex: "half", headers: { "content-type": "application/octet-stream" } });
  controller.enqueue(enc.encode(first));
  const response = await pending;
  if (response.status !== 200) return [`status ${response.status}: ${await response.text()}`];
  const reader = response.body.getReader();
  const got = await readUntil(reader, "", (t) => t.length >= first.length).catch(() => "");
  // The rest in 16 KiB parts; a failed enqueue (the gateway let go of the body) ends the sending.
  try {
    for (let at = 0; at < extra; at += 16384) controller.enqueue(new Uint8Array(Math.min(16384, extra - at)).fill(120));
    controller.close();
  } catch { /* cancelled */ }
  const { text, broken } = await readToEnd(reader, got);
  const problems = [];
  if (got !== first) problems.push(`the first echo was ${JSON.stringify(got)}`);
  if (!broken) problems.push(`the body ended normally after ${text.length} bytes`);
  return problems;
}
