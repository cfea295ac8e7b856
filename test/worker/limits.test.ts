// Limits where no thread can be killed, inside workerd: a module instrumented at build time
// (`anywasi instrument`, test/gateway/guests/*.instrumented.wasm) stops at the time limit even
// when it spins without syscalls, and the isolate keeps serving; the memory cap.
import { describe, expect, it } from "vitest";
import { TimeLimitError, run, serve } from "@anywasi/worker";
import cgi from "../gateway/guests/cgi.wasm";
import cgiInstrumented from "../gateway/guests/cgi.instrumented.wasm";
import spinInstrumented from "../gateway/guests/spin.instrumented.wasm";

const quiet = { log: () => {} };
const post = (path: string) => new Request(`https://gw.example${path}`, { method: "POST", body: "" });

describe("time limits on workerd (modules instrumented at build time)", () => {
  it("ends a C loop without syscalls at the time limit (504), then serves the next request", async () => {
    const gateway = serve(cgiInstrumented, { ...quiet, timeoutMs: 300 });
    const started = performance.now();
    const r = await gateway.fetch(post("/loop"));
    expect(r.status).toBe(504);
    expect(await r.text()).toBe("504 Gateway Timeout: the program ran past its time limit of 300 ms\n");
    expect(performance.now() - started).toBeLessThan(5000); // the guest never ends by itself
    const env = await gateway.fetch(post("/env"));
    expect(env.status).toBe(200);
    expect(await env.text()).toContain("PATH_INFO=/env\n");
  });

  it("run(): a guest spinning in `loop br 0` rejects with TimeLimitError", async () => {
    const started = performance.now();
    await expect(run(spinInstrumented, { timeoutMs: 300 })).rejects.toBeInstanceOf(TimeLimitError);
    expect(performance.now() - started).toBeLessThan(5000); // the guest never ends by itself
    expect((await run(cgiInstrumented, { env: { PATH_INFO: "/env" }, timeoutMs: 5000 })).exitCode).toBe(0);
  });
});

describe("memory limit on workerd", () => {
  it("a module capped at build time cannot grow past its cap (502)", async () => {
    const gateway = serve(cgiInstrumented, quiet);
    expect((await gateway.fetch(post("/grow?300"))).status).toBe(502);
    expect(await (await gateway.fetch(post("/grow?1"))).text()).toBe("grew\n");
  });

  it("a precompiled guest found over maxMemoryPages ends with 502 and the next request is served", async () => {
    const gateway = serve(cgi, { ...quiet, maxMemoryPages: 64 });
    const r = await gateway.fetch(post("/grow?8"));
    expect(r.status).toBe(502);
    expect(await r.text()).toBe("502 Bad Gateway: the program exceeded its memory limit\n");
    expect(await (await gateway.fetch(post("/grow?1"))).text()).toBe("grew\n");
  });
});

describe("a failure after the response started, on workerd", () => {
  // workerd ends an errored body stream with the terminating chunk (cloudflare/workerd#6818), so
  // a client cannot tell a cut body from a complete one; test/worker/wrangler-limits.mjs shows it.
  it("stream: false holds the response until the guest ends, so a time limit is a 504, not a cut body", async () => {
    const streamed = await serve(cgi, { ...quiet, timeoutMs: 300 }).fetch(post("/stream?5000"));
    expect(streamed.status).toBe(200); // committed while the guest slept: only the body can fail
    await streamed.body?.cancel();
    // The guest is suspended in a 20 s sleep (JSPI): the run still settles at the limit.
    const started = performance.now();
    const held = await serve(cgi, { ...quiet, timeoutMs: 300, stream: false }).fetch(post("/stream?20000"));
    expect(held.status).toBe(504);
    expect(performance.now() - started).toBeLessThan(10_000); // not the 20 s sleep
    const ok = await serve(cgi, { ...quiet, stream: false }).fetch(post("/stream?50"));
    expect(await ok.text()).toBe("first\nsecond\n");
  });
});
