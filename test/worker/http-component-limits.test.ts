// wasi:http components on workerd, limits and failures: serve() of @anywasi/worker given a
// component transpiled at build time (test/worker/http-components.setup.mjs). A file of its own,
// so that its isolate holds only the builds it needs (see http-component.test.ts).
import { describe, expect, it } from "vitest";
import { serve } from "@anywasi/worker";
import handler from "./build/http-handler/index.js";
import handlerCapped from "./build/http-handler-capped/index.js";
import hello from "./components/hello/index.js";
import { expectEndedOnTime, PROFILES } from "../gateway/http-component-scenarios.mjs";

describe("serve() of a precompiled wasi:http component: limits and failures", () => {
  it("a handler spinning on the clock for 10 s and one sleeping 10 s end near the 5 s limit with 504", async () => {
    const gateway = serve(handler, { ...PROFILES.timeout.options, log: () => {} });
    await expectEndedOnTime((r) => gateway.fetch(r), expect);
  }, 60_000);

  it("a failure after part of the body was written is a 5xx, never a 200 cut short (workerd issue 6818)", async () => {
    const lines: string[] = [];
    const gateway = serve(handler, { maxOutputBytes: 100_000, log: (l) => lines.push(l) });
    // /big writes 64 KiB at a time: the first write fits, the second passes the limit.
    const r = await gateway.fetch(new Request("http://gateway.test/big?n=200000"));
    expect(r.status).toBe(502);
    expect(await r.text()).toBe("502 Bad Gateway: the program's output exceeded 100000 bytes\n");
    expect(lines.some((l) => /\[anywasi #\d+\] GET \/big: 502 /.test(l))).toBe(true);
  });

  it("trace: true logs the interface calls of each request, prefixed with it", async () => {
    const lines: string[] = [];
    const gateway = serve(handler, { trace: true, log: (l) => lines.push(l) });
    expect((await gateway.fetch(new Request("http://gateway.test/sleep?ms=5"))).status).toBe(200);
    expect(lines.some((l) => /^\[anywasi #\d+\] GET \/sleep: \[wasi\] /.test(l))).toBe(true);
  });

  // /memory?mb=40 allocates 40 MiB; the cap is 300 pages (18.75 MiB). The expected bytes are what
  // Node answers in the same two set-ups (test/gateway/http-component-trace.test.ts).
  it("maxMemoryPages at run time: a handler found over it is ended with 502, and the next request is served", async () => {
    const lines: string[] = [];
    const gateway = serve(handler, { maxMemoryPages: 300, log: (l) => lines.push(l) });
    const r = await gateway.fetch(new Request("http://gateway.test/memory?mb=40"));
    expect(r.status).toBe(502);
    expect(await r.text()).toBe("502 Bad Gateway: the program exceeded its memory limit\n");
    expect(lines.at(-1)).toMatch(/502 the program exceeded its memory limit \(the program's memory grew past its limit of 300 pages\)$/);
    expect(await (await gateway.fetch(new Request("http://gateway.test/memory?mb=1"))).text()).toBe("allocated 1 MiB\n");
    // Under the default cap (4096 pages) the same request is answered.
    expect(await (await serve(handler, { log: () => {} }).fetch(new Request("http://gateway.test/memory?mb=40"))).text()).toBe("allocated 40 MiB\n");
  }, 60_000);

  it("capped at build time (anywasi transpile --max-memory-pages 300): memory.grow fails in the guest, as on Node", async () => {
    const gateway = serve(handlerCapped, { maxMemoryPages: null, log: () => {} });
    const r = await gateway.fetch(new Request("http://gateway.test/memory?mb=40"));
    expect(r.status).toBe(502);
    expect(await r.text()).toBe("502 Bad Gateway: the handler did not finish its response body\n");
    expect(await (await gateway.fetch(new Request("http://gateway.test/memory?mb=1"))).text()).toBe("allocated 1 MiB\n");
  }, 60_000);

  it("a command component is refused with a 500, its reason logged", async () => {
    const lines: string[] = [];
    const r = await serve(hello, { log: (l) => lines.push(l) }).fetch(new Request("http://gateway.test/"));
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("500 Internal Server Error: the program cannot be run\n");
    expect(lines.join("\n")).toContain("does not export wasi:http/incoming-handler");
  });
});
