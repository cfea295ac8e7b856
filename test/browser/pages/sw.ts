// The Service Worker of service-worker.spec.ts: the wasi:http test handler
// (test/gateway/http-component/handler.component.wasm, transpiled at build time by
// anywasiVite with `?url` core modules) served under one path prefix per profile of the shared
// scenarios, each with that profile's limits; the prefix is stripped, so the handler sees the
// paths Node and Deno's servers see. Built into dist/sw.js as one file (vite.config.ts).
import { serveInServiceWorker } from "@anywasi/browser/service-worker";
import handler from "../../gateway/http-component/handler.component.wasm";
import trailers from "../../gateway/http-component/trailers.component.wasm";
import { PROFILES, optionsFor } from "../../gateway/http-component-scenarios.mjs";

/** Differs at every start of this Service Worker (GET /sw-started). */
const STARTED = `${Date.now()}-${Math.random()}`;
const lines: string[] = [];
const log = (line: string): void => { lines.push(line); if (lines.length > 200) lines.shift(); };

// Profile "outgoing" may reach this origin (its server has public/upstream/hello.txt); no client
// is given, so requests go through fetch in this Service Worker, the handler suspended (JSPI).
for (const name of Object.keys(PROFILES) as (keyof typeof PROFILES)[]) {
  const component = name === "trailers" ? trailers : handler;
  serveInServiceWorker({ component, pathPrefix: `/${name}`, stripPrefix: true, ...optionsFor(name, self.location.origin), log, claim: name === "main" });
}

// The same handler on the synchronous glue (jspi: false), under /sync-main and /sync-timeout: the
// streaming checks must fail there (they observe streaming, which only the JSPI glue does here).
for (const name of ["main", "timeout"] as const) {
  serveInServiceWorker({ component: handler, pathPrefix: `/sync-${name}`, stripPrefix: true, ...PROFILES[name].options, jspi: false, log, claim: false });
}

// Its core module's URL answers 404: every request is a 500 (the load fails), logged.
serveInServiceWorker({
  component: { ...handler, coreModules: Object.fromEntries(Object.keys(handler.coreModules).map((k) => [k, "/no-such-core-module.wasm"])) },
  pathPrefix: "/broken", log, claim: false,
});

// For the spec, answered here (not under a handler's prefix): the handlers' log and the start id.
addEventListener("fetch", (event: Event) => {
  const e = event as Event & { request: Request; respondWith(r: Response): void };
  const path = new URL(e.request.url).pathname;
  if (path === "/sw-started") e.respondWith(new Response(STARTED));
  if (path === "/sw-log-clear") { lines.length = 0; e.respondWith(new Response("")); }
  if (path === "/sw-log") e.respondWith(new Response(lines.join("\n"), { headers: { "content-type": "text/plain" } }));
});
