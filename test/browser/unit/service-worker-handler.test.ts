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

describe("serviceWorkerHandler: maxMemoryPages on core modules compiled as they come", () => {
  // The test handler, transpiled as a build step would (anywasi transpile), its core modules given
  // as bytes (compiled without a cap when first served). /memory?mb=40 allocates 40 MiB; the cap
  // is 300 pages (18.75 MiB).
  it("a handler found over the cap is answered 502, the next request is served", async () => {
    const { precompileComponent } = await import("@anywasi/node/esbuild");
    const { readFileSync, mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { pathToFileURL } = await import("node:url");
    const files = await precompileComponent(readFileSync(new URL("../../gateway/http-component/handler.component.wasm", import.meta.url)));
    const dir = mkdtempSync(join(tmpdir(), "anywasi-sw-memory-"));
    const coreModules: Record<string, Uint8Array> = {};
    for (const [name, data] of files) {
      writeFileSync(join(dir, name), data);
      if (name.endsWith(".wasm")) coreModules[name] = data;
    }
    const glue = await import(pathToFileURL(join(dir, "component.js")).href) as { instantiate: NonNullable<PrecompiledHttpComponent["instantiate"]> };
    const entry = new TextDecoder().decode(files.get("index.js"));
    const list = (key: string): string[] => JSON.parse(new RegExp(`${key}: (\\[.*\\]),`).exec(entry)![1]!) as string[];
    const component: PrecompiledHttpComponent = {
      kind: "anywasi-precompiled-component", imports: list("imports"), exports: list("exports"), instantiate: glue.instantiate, coreModules,
    };
    const lines: string[] = [];
    const h = serviceWorkerHandler({ component, maxMemoryPages: 300, log: (l) => lines.push(l) });
    const send = async (path: string): Promise<Response> => {
      let answer: Promise<Response> | undefined;
      h.handleFetch({ request: new Request(`http://localhost${path}`), respondWith: (r) => { answer = r as Promise<Response>; } });
      return answer!;
    };
    const over = await send("/memory?mb=40");
    expect(over.status).toBe(502);
    expect(await over.text()).toBe("502 Bad Gateway: the program exceeded its memory limit\n");
    expect(lines.at(-1)).toMatch(/memory grew past its limit of 300 pages/);
    expect(await (await send("/memory?mb=1")).text()).toBe("allocated 1 MiB\n");
  }, 120_000);
});
