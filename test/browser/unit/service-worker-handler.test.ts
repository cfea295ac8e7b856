/**
 * The parts of @anywasi/browser/service-worker that need no browser (the rest, serving the
 * wasi:http scenarios, runs in Chromium: test/browser/specs/service-worker.spec.ts): which
 * requests a handler takes, what it does with the others, and the 500 for a component it
 * cannot load.
 */
import { describe, expect, it } from "vitest";
import { serveInServiceWorker, serviceWorkerHandler, type PrecompiledHttpComponent } from "../../../packages/host-browser/src/service-worker.js";

const notLoaded = (): PrecompiledHttpComponent => { throw new Error("not loaded by this test"); };

describe("serviceWorkerHandler", () => {
  it("matches the prefix itself and paths under it, not a longer name", () => {
    for (const prefix of ["/api", "/api/"]) {
      const h = serviceWorkerHandler({ component: notLoaded, pathPrefix: prefix });
      const m = (path: string) => h.matches(new Request(`http://localhost${path}`));
      expect([m("/api"), m("/api/"), m("/api/x?y=1"), m("/apix"), m("/"), m("/other/api")]).toEqual([true, true, true, false, false, false]);
    }
    const all = serviceWorkerHandler({ component: notLoaded });
    expect(all.matches(new Request("http://localhost/anything"))).toBe(true);
  });

  it("leaves a request outside the prefix alone: no respondWith, false", () => {
    const h = serviceWorkerHandler({ component: notLoaded, pathPrefix: "/api" });
    let responded = 0;
    const event = { request: new Request("http://localhost/index.html"), respondWith: () => { responded++; } };
    expect(h.handleFetch(event)).toBe(false);
    expect(responded).toBe(0);
  });

  it("answers 500 with the gateway's body when the component is not a precompiled one, and logs why", async () => {
    const lines: string[] = [];
    const h = serviceWorkerHandler({
      component: { kind: "something-else" } as unknown as PrecompiledHttpComponent,
      pathPrefix: "/api", stripPrefix: true, log: (l) => lines.push(l),
    });
    let answer: Promise<Response> | undefined;
    expect(h.handleFetch({ request: new Request("http://localhost/api/x", { method: "POST", body: "hi" }), respondWith: (r) => { answer = r as Promise<Response>; } })).toBe(true);
    const r = await answer!;
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("500 Internal Server Error: the program cannot be run\n");
    // The handler saw the stripped path.
    expect(lines.join("\n")).toMatch(/POST \/x: 500 .*expected the default export of anywasi transpile's index\.js/);
    await expect(h.ready()).rejects.toThrow(/precompiled component/);
  });

  it("refuses a prefix without a leading slash, and serveInServiceWorker outside a Service Worker", () => {
    expect(() => serviceWorkerHandler({ component: notLoaded, pathPrefix: "api" })).toThrow(TypeError);
    expect(() => serveInServiceWorker({ component: notLoaded })).toThrow(/must be called in a Service Worker/);
  });
});
