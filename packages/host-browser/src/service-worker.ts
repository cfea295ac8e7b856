/**
 * `@anywasi/browser/service-worker` — serve a `wasi:http/incoming-handler` component from a
 * Service Worker, so that a page answers its own `fetch()`es with it. The component is
 * transpiled at build time (`anywasi transpile`, or the `@anywasi/node/vite` plugin): a module
 * Service Worker cannot `import()` jco's generated glue, so it must be a static import of the
 * Service Worker's bundle. Each request gets a fresh instance and the limits of `serve()` of
 * `@anywasi/gateway` (the same code answers, so the same bytes as on Node, Deno and workerd).
 * See docs/browser.md, "Serving a wasi:http handler from a Service Worker".
 * @module
 */
import { ModuleError } from "@anywasi/core";
import type { HttpComponent } from "@anywasi/core/component";
import { serveHttpComponent, type Gateway, type ServeOptions } from "@anywasi/gateway";
import { httpComponentFromPrecompiled, isPrecompiledHttpComponent, type PrecompiledHttpComponent } from "./service-worker-component.js";

export {
  httpComponentFromPrecompiled, isPrecompiledHttpComponent,
  type PrecompiledHttpComponent, type CoreModuleSource, type GlueInstantiate,
} from "./service-worker-component.js";

/** Options of `serviceWorkerHandler()` and `serveInServiceWorker()`. */
export interface ServiceWorkerServeOptions extends Pick<ServeOptions<undefined>, "args" | "env" | "timeoutMs" | "maxBodyBytes" | "maxOutputBytes" | "maxMemoryPages" | "log" | "trace"> {
  /**
   * The component, transpiled at build time: the default export of `anywasi transpile`'s
   * `index.js` (static `import handler from "./build/handler/index.js"`), or a function that
   * makes one (called once per Service Worker start, at the first request it serves).
   */
  component: PrecompiledHttpComponent | (() => PrecompiledHttpComponent | Promise<PrecompiledHttpComponent>);
  /**
   * Requests to the Service Worker's own origin whose path is this prefix or under it
   * (`"/api"` matches `/api` and `/api/x`, not `/apix`) go to the handler; every other request
   * is left alone (to the network, or to another listener). Default `"/"`: all same-origin requests.
   */
  pathPrefix?: string;
  /**
   * Remove `pathPrefix` from the path the handler sees (`/api/x?q` → `/x?q`), as if the handler
   * were served at the root. Default false: the handler sees the path as requested.
   */
  stripPrefix?: boolean;
  /**
   * `serveInServiceWorker()` only: call `skipWaiting()` at install and `clients.claim()` at
   * activation, so a page is served by the handler without being reloaded (default true).
   */
  claim?: boolean;
  /**
   * Run the handler through its JSPI glue where the browser has JSPI (`WebAssembly.Suspending`:
   * Chromium) and the component carries it (`anywasi transpile` writes it for a wasi:http handler
   * by default): default true. The handler is then suspended while it waits, so its response
   * streams (the head and the body so far go out at its first wait, later writes as they are
   * made) and requests run side by side. Otherwise it runs synchronously, one request at a time,
   * its response sent when it returns.
   */
  jspi?: boolean;
}

/** The fetch event of a Service Worker, as far as it is used here. */
export interface FetchEventLike {
  /** The request the page (or another client) made. */
  readonly request: Request;
  /** Answer the request with this response instead of the network's. */
  respondWith(response: Response | Promise<Response>): void;
}

/** A handler for a Service Worker's `fetch` events, made by `serviceWorkerHandler()`. */
export interface ServiceWorkerHandler {
  /** True when `request` is one the handler answers (same origin, under `pathPrefix`). */
  matches(request: Request): boolean;
  /**
   * Answer `request` with a fresh instance of the component (whether it matches or not). Never
   * rejects: failures are 5xx responses, as from `serve()` (500 when the component cannot be
   * loaded, 502 for a trap, 504 past `timeoutMs`, 413 for a body over `maxBodyBytes`).
   */
  fetch(request: Request): Promise<Response>;
  /**
   * For a `fetch` listener: answer the event (`respondWith`) when its request matches, and
   * return true; otherwise do nothing and return false (the request goes to the network).
   */
  handleFetch(event: FetchEventLike): boolean;
  /** Load the component now (fetch and compile its core modules) instead of at the first request. Rejects as the load does. */
  ready(): Promise<void>;
}

const NO_BODY = new Set(["GET", "HEAD"]);

/** The origin the handler serves: the Service Worker's (`self.location`). */
function ownOrigin(): string | null {
  return (globalThis as { location?: { origin: string } }).location?.origin ?? null;
}

/**
 * The body of `request` up to `max + 1` bytes: as much as is needed to know whether it is within
 * `max` (the rest is not read; the gateway then answers 413 from the length).
 */
async function readBounded(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= max) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
  } finally {
    if (size > max) void reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/**
 * `request` with `headers` in place of its own (which cannot carry content-length): every other
 * member is the request's, read on the request itself (its getters need the real object).
 */
function withHeaders(request: Request, headers: Headers): Request {
  return new Proxy(request, {
    get(target, key) {
      if (key === "headers") return headers;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A handler for a Service Worker's `fetch` events that answers requests under `pathPrefix` with
 * the component (see `ServiceWorkerServeOptions`). Call it at the top level of the Service Worker
 * script: the browser may stop an idle Service Worker at any time and start it again for the next
 * event, and then only the script's top level runs again; the component is loaded (its core modules
 * fetched and compiled) once per start, at the first request or `ready()`.
 *
 * The handler sees the request as a server would: method, URL (scheme and authority of the
 * page's origin), headers, and a `content-length` for a body (the browser only adds it on the wire,
 * so a Service Worker's `Request` has none): the body is therefore read whole first (up to
 * `maxBodyBytes`). Through the JSPI glue (`jspi`, the default where Chromium has JSPI) the handler
 * is suspended while it waits: the head and the body so far go out at its first wait, later
 * writes as they are made (a failure after the head errors the body stream), and requests run side
 * by side. Otherwise the response is made when the handler returns: the component runs
 * synchronously on the Service Worker's thread, one request at a time, so a slow handler delays
 * the others.
 * `maxMemoryPages` (default 4096 pages) is checked after every WASI call and when the handler
 * returns (the core modules come compiled by the bundler or as they are, so `memory.grow` cannot
 * be capped here): a handler found over it is answered with a 502. `anywasi transpile
 * --max-memory-pages N` caps them at build time instead.
 */
export function serviceWorkerHandler(options: ServiceWorkerServeOptions): ServiceWorkerHandler {
  const { component, pathPrefix = "/", stripPrefix = false, claim: _claim, jspi = true, ...serveOptions } = options;
  if (!pathPrefix.startsWith("/")) throw new TypeError(`pathPrefix must start with "/": ${JSON.stringify(pathPrefix)}`);
  // "/api/" and "/api" both mean /api and everything under it.
  const root = pathPrefix.replace(/\/+$/, "");
  const maxBody = serveOptions.maxBodyBytes ?? 16 * 1024 * 1024;
  const origin = ownOrigin();
  // One load per Service Worker start, shared by `ready()` and the gateway (which calls it once).
  let loading: Promise<HttpComponent> | null = null;
  const load = (): Promise<HttpComponent> => loading ??= (async () => {
    const p = typeof component === "function" ? await component() : component;
    if (!isPrecompiledHttpComponent(p)) {
      // A ModuleError: the gateway answers 500 ("cannot be run"), as for a component it cannot load.
      throw new ModuleError("component: expected the default export of anywasi transpile's index.js (a precompiled component)");
    }
    return httpComponentFromPrecompiled(p, jspi);
  })();
  const gateway: Gateway<undefined> = serveHttpComponent<undefined>({ load }, serveOptions);

  const under = (path: string): boolean => root === "" || path === root || path.startsWith(`${root}/`);
  const matches = (request: Request): boolean => {
    const url = new URL(request.url);
    return (origin === null || url.origin === origin) && under(url.pathname);
  };

  /** The request as the gateway should see it: prefix stripped, content-length added for a body. */
  async function asServerSees(request: Request): Promise<Request> {
    const url = new URL(request.url);
    const strip = stripPrefix && root !== "" && under(url.pathname);
    const hasBody = !NO_BODY.has(request.method) && request.body !== null;
    if (!strip && !(hasBody && !request.headers.has("content-length"))) return request;
    if (strip) url.pathname = url.pathname.slice(root.length) || "/";
    // A standalone Headers may hold content-length; a Request's may not (a forbidden header name).
    const headers = new Headers(request.headers);
    let body: Uint8Array | null = null;
    if (hasBody) {
      body = await readBounded(request.body!, maxBody);
      if (!headers.has("content-length")) headers.set("content-length", String(body.length));
    }
    // Built from parts: a navigation request cannot be copied with `new Request(url, request)`.
    const inner = new Request(url, { method: request.method, body: body as BodyInit | null, signal: request.signal });
    return withHeaders(inner, headers);
  }

  // One request at a time: the handler runs synchronously anyway, and only its (async)
  // instantiation could overlap another's, each holding a fresh instance's memory (tens of MB
  // for a StarlingMonkey component) in a Service Worker. A request's time limit starts when its
  // turn comes (as it starts after the component's load).
  // Under JSPI glue a waiting handler is suspended, so requests run side by side (each a fresh instance).
  let turn: Promise<unknown> = Promise.resolve();
  const answer = async (request: Request): Promise<Response> => {
    const seen = await asServerSees(request);
    if ((await load().catch(() => null))?.jspi === true) return gateway.fetch(seen, undefined, undefined);
    const mine = turn.then(() => gateway.fetch(seen, undefined, undefined));
    turn = mine.catch(() => {});
    return mine;
  };

  return {
    matches,
    fetch: answer,
    handleFetch(event) {
      if (!matches(event.request)) return false;
      event.respondWith(answer(event.request));
      return true;
    },
    ready: () => load().then(() => {}),
  };
}

/** The parts of `ServiceWorkerGlobalScope` used by `serveInServiceWorker()`. */
interface ServiceWorkerScopeLike {
  addEventListener(type: "fetch", listener: (event: FetchEventLike) => void): void;
  addEventListener(type: "install" | "activate", listener: (event: { waitUntil(p: Promise<unknown>): void }) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
}

/**
 * Serve the component from this Service Worker: `serviceWorkerHandler(options)` plus the
 * listeners — `fetch` (requests under `pathPrefix` are answered, others fall through to the
 * network) and, unless `claim` is false, `install` (`skipWaiting()`) and `activate`
 * (`clients.claim()`), so the registering page is served without a reload. Call it once, at the
 * top level of the Service Worker script (listeners added later are not called for a Service
 * Worker that was stopped and restarted).
 * @throws TypeError when called outside a Service Worker, or for a `pathPrefix` not starting with "/".
 */
export function serveInServiceWorker(options: ServiceWorkerServeOptions): ServiceWorkerHandler {
  const scope = globalThis as unknown as Partial<ServiceWorkerScopeLike>;
  if (typeof scope.skipWaiting !== "function" || typeof scope.addEventListener !== "function" || scope.clients === undefined) {
    throw new TypeError("serveInServiceWorker() must be called in a Service Worker script");
  }
  const sw = scope as ServiceWorkerScopeLike;
  const handler = serviceWorkerHandler(options);
  sw.addEventListener("fetch", (event) => { handler.handleFetch(event); });
  if (options.claim !== false) {
    sw.addEventListener("install", (event) => event.waitUntil(sw.skipWaiting()));
    sw.addEventListener("activate", (event) => event.waitUntil(sw.clients.claim()));
  }
  return handler;
}
