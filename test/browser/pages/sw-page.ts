// The page of service-worker.spec.ts: registers /sw.js (pages/sw.ts), waits until it controls
// the page, then sends the shared wasi:http scenarios with fetch() to /<profile>/<path> and
// compares the responses as Node and Deno's tests do (http-component-run.mjs).
import {
  concurrentScenarios, differences, expectedFor, normalise, scenariosFor, type HttpProfileName, type HttpRequestSpec, type HttpScenario,
} from "../../gateway/http-component-scenarios.mjs";
import { requestInit } from "../../gateway/scenarios.mjs";
import { cutShort, freshInstances, trickle, tricklesTogether } from "../../gateway/http-component-streaming.mjs";

export interface ScenarioResult { name: string; problems: string[]; ms: number; dropped?: [string, string][] }

/**
 * Response headers no Service Worker can send: a browser's `Response` drops Set-Cookie (a
 * forbidden response-header name), so they are not expected here (and listed in the result).
 */
const UNSENDABLE = new Set(["set-cookie", "set-cookie2"]);

/** Register the Service Worker and resolve once it controls this page. */
async function ready(): Promise<string> {
  const sw = navigator.serviceWorker;
  await sw.register("/sw.js", { type: "module", scope: "/" });
  if (sw.controller === null) {
    await new Promise<void>((resolve) => sw.addEventListener("controllerchange", () => resolve(), { once: true }));
  }
  return sw.controller!.scriptURL;
}

/** Send one scenario to the handler under /<profile>; `problems` is [] when the response is identical. */
async function check(s: HttpScenario & { request: HttpRequestSpec }, origin: string): Promise<ScenarioResult> {
  const started = performance.now();
  // A page cannot stream a request body over HTTP/1.1 (Chromium: only HTTP/2 or QUIC), and needs
  // not: the Service Worker's Request has no content-length either way, as a chunked one would.
  const init = requestInit({ ...s, request: { ...s.request, chunked: false } } as unknown as Parameters<typeof requestInit>[0]);
  const response = await fetch(`${origin}/${s.profile}${s.request.path}`, init);
  const want = expectedFor(s, origin);
  const dropped = want.headers.filter(([n]) => UNSENDABLE.has(n));
  want.headers = want.headers.filter(([n]) => !UNSENDABLE.has(n));
  const problems = differences(await normalise(response), want);
  return { name: s.name, problems, ms: Math.round(performance.now() - started), ...(dropped.length > 0 ? { dropped } : {}) };
}

/**
 * Every scenario of `profile`, one after the other, then (for "main") 8 concurrent requests. The
 * upstream of "outgoing" is this page's own server (vite preview serves public/upstream/hello.txt),
 * which the Service Worker's fetch reaches directly.
 */
async function runProfile(profile: HttpProfileName): Promise<ScenarioResult[]> {
  const origin = location.origin;
  const results: ScenarioResult[] = [];
  for (const s of scenariosFor(profile, origin)) results.push(await check(s, origin));
  if (profile === "main") results.push(...await Promise.all(concurrentScenarios(8).map((s) => check(s as HttpScenario & { request: HttpRequestSpec }, origin))));
  return results;
}

/** Status, a header and the body text of a GET (for the fall-through and failure checks). */
async function get(path: string): Promise<{ status: number; type: string | null; text: string }> {
  const r = await fetch(path);
  return { status: r.status, type: r.headers.get("content-type"), text: await r.text() };
}

/**
 * The streaming checks of http-component-streaming.mjs that a page can observe, against the
 * handler under `/<prefix>` (main's limits) and `/<timeoutPrefix>` (5 s): name → problems.
 */
async function streaming(prefix: string, timeoutPrefix: string): Promise<Record<string, string[]>> {
  const base = `${location.origin}/${prefix}`;
  await fetch("/sw-log-clear");
  const logged = async (): Promise<string> => (await get("/sw-log")).text;
  return {
    trickle: await trickle(base, logged),
    together: await (async () => { await fetch("/sw-log-clear"); return tricklesTogether(base, logged, 4); })(),
    fresh: await freshInstances(base),
    cutShort: await cutShort(`${location.origin}/${timeoutPrefix}`, 10_000),
  };
}

const swHarness = { ready, runProfile, get, streaming };
export type SwHarness = typeof swHarness;
(globalThis as unknown as { swHarness: SwHarness }).swHarness = swHarness;
document.getElementById("status")!.textContent = "ready";
