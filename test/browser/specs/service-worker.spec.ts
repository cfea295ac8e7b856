// A wasi:http/incoming-handler component served by a Service Worker (@anywasi/browser/service-worker)
// to the page that registered it: the shared wasi:http scenarios (test/gateway/http-component-scenarios.mjs,
// the table Node, Deno and workerd run) sent with fetch() from the page, compared byte for byte
// (status, headers, body) with the same expectations. pages/sw.ts serves the handler under
// /main, /timeout, /sizes and /outgoing (one profile's options each, prefix stripped), /broken with a core
// module that cannot be fetched.
import { expect, test, type Page } from "@playwright/test";
import type { SwHarness } from "../pages/sw-page.js";
import { PLAIN, open } from "./helpers.js";

declare global {
  // eslint-disable-next-line no-var
  var swHarness: SwHarness;
}

async function controlled(page: Page): Promise<void> {
  await open(page, `${PLAIN}sw.html`);
  const script = await page.evaluate(() => swHarness.ready());
  expect(script).toBe(`${PLAIN}sw.js`);
}

async function profile(page: Page, name: "main" | "timeout" | "sizes" | "outgoing" | "trailers") {
  const results = await page.evaluate((n) => swHarness.runProfile(n), name);
  for (const r of results) console.log(`  ${r.problems.length === 0 ? "ok  " : "FAIL"} ${r.name} (${r.ms} ms)${r.dropped ? ` (not expected: ${JSON.stringify(r.dropped)})` : ""}`);
  if (results.some((r) => r.problems.length > 0)) console.log((await page.evaluate(() => swHarness.get("/sw-log"))).text);
  return results;
}

test.describe.configure({ mode: "serial" });

test("main: GET, POST, 0 B / 1 MiB / 20 MiB bodies, streamed and big responses, errors, 8 concurrent requests", async ({ page }) => {
  test.setTimeout(300_000);
  await controlled(page);
  const results = await profile(page, "main");
  expect(results.length).toBe(13 + 8);
  expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
  // The one difference from Node and Deno: a Service Worker cannot send Set-Cookie.
  expect(results.filter((r) => r.dropped !== undefined).map((r) => [r.name, r.dropped]))
    .toEqual([["status 418 and two Set-Cookie headers", [["set-cookie", "a=1"], ["set-cookie", "b=2"]]]]);
});

test("timeout: a timer or a spin past timeoutMs is a 504 at the limit; a short timer is a 200", async ({ page }) => {
  test.setTimeout(60_000);
  await controlled(page);
  // Load the component first (a fresh Service Worker compiles it), so the times below are the requests'.
  expect((await page.evaluate(() => swHarness.get("/timeout/nope"))).status).toBe(404);
  const results = await profile(page, "timeout");
  expect(results.length).toBe(3);
  expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
  // Cut at the 5 s limit, not after the 10 s the handler asked for (room for a loaded machine).
  for (const r of results.filter((x) => x.name.includes("past timeoutMs"))) expect(r.ms).toBeLessThan(9_000);
});

test("outgoing: a request to the allowed local server answers its status and body; another origin is denied, 502", async ({ page }) => {
  test.setTimeout(60_000);
  await controlled(page);
  const results = await profile(page, "outgoing");
  expect(results.length).toBe(2);
  expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
});

test("trailers: a handler that finishes its body with a trailer gives the body whole, the trailer dropped and logged", async ({ page }) => {
  test.setTimeout(60_000);
  await controlled(page);
  await page.evaluate(() => swHarness.get("/sw-log-clear"));
  const results = await profile(page, "trailers");
  expect(results.length).toBe(2);
  expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
  expect((await page.evaluate(() => swHarness.get("/sw-log"))).text).toContain("response trailers dropped: a Web Response cannot carry them");
});

test("sizes: a body over maxBodyBytes (declared or not, read or not) is a 413, a response over maxOutputBytes a 502", async ({ page }) => {
  test.setTimeout(60_000);
  await controlled(page);
  const results = await profile(page, "sizes");
  expect(results.length).toBe(6);
  expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
});

test("requests outside the prefixes go to the network; a component that cannot load is a 500", async ({ page }) => {
  test.setTimeout(60_000);
  await controlled(page);
  // /mainx is not under /main: vite preview answers (its SPA fallback, the HTML of index.html).
  const outside = await page.evaluate(() => swHarness.get("/mainx/info"));
  expect(outside.status).toBe(200);
  expect(outside.text).toContain("anywasi browser tests");
  const page404 = await page.evaluate(() => swHarness.get("/index.html"));
  expect(page404.text).toContain("anywasi browser tests");
  // /main itself (no trailing slash) is the handler's "/" route: its own 404.
  expect(await page.evaluate(() => swHarness.get("/main"))).toEqual({ status: 404, type: "text/plain", text: "not found\n" });
  const broken = await page.evaluate(() => swHarness.get("/broken/info"));
  expect(broken.status).toBe(500);
  expect(broken.text).toMatch(/^500 Internal Server Error: /);
  const log = await page.evaluate(() => swHarness.get("/sw-log"));
  // vite preview answers the missing file with its SPA fallback (index.html), which the load names.
  expect(log.text).toMatch(/GET \/broken\/info: 500 the program cannot be run \(.*\/no-such-core-module\.wasm \(served as text\/html\) is not WebAssembly/);
});

test("a Service Worker stopped by the browser starts again and serves the next request", async ({ page }) => {
  test.setTimeout(60_000);
  await controlled(page);
  const before = await page.evaluate(() => swHarness.get("/main/nope"));
  expect(before.status).toBe(404);
  const firstStart = (await page.evaluate(() => swHarness.get("/sw-started"))).text;
  // What Chromium does to an idle Service Worker: stop it (its globals, the compiled component, are gone).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  const after = await page.evaluate(() => swHarness.get("/main/nope"));
  expect(after).toEqual({ status: 404, type: "text/plain", text: "not found\n" });
  // A new start of the script answered it (its top level ran again, listeners included).
  expect((await page.evaluate(() => swHarness.get("/sw-started"))).text).not.toBe(firstStart);
  const results = await profile(page, "timeout");
  expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
});

// Streaming through the JSPI glue (Chromium has JSPI), asserted by the order of events
// (test/gateway/http-component-streaming.mjs): the response's part 1 reaches the page before the
// handler logs that it writes part 2; 4 /trickle requests all have part 1 before any handler logs
// its part 2 (mid-handler at once); fresh instances; past the time limit after the head, a broken
// body. The same checks fail on the synchronous glue (jspi: false, under /sync-*). Request bodies
// are not streamed here: the Service Worker reads them whole (docs/browser.md), so /echo in parts
// cannot be observed.
test("JSPI: the response streams, requests run side by side, a failure after the head breaks the body", async ({ page }) => {
  test.setTimeout(120_000);
  await controlled(page);
  const jspi = await page.evaluate(() => swHarness.streaming("main", "timeout"));
  console.log("  JSPI:", JSON.stringify(jspi));
  expect(jspi).toEqual({ trickle: [], together: [], fresh: [], cutShort: [] });
  const log = (await page.evaluate(() => swHarness.get("/sw-log"))).text;
  expect(log).toMatch(/GET \/trickle: response body cut short after 7 bytes: /);
  const sync = await page.evaluate(() => swHarness.streaming("sync-main", "sync-timeout"));
  console.log("  sync:", JSON.stringify(sync));
  expect(sync.trickle).not.toEqual([]);
  expect(sync.together).not.toEqual([]);
  expect(sync.fresh).toEqual([]);
  expect(sync.cutShort).not.toEqual([]);
});
