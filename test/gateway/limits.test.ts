// The gateway's limits where a guest cannot be killed, and its hygiene: a guest spinning without
// syscalls on the calling thread ends at the time limit (the module is instrumented with
// interruption checks) and the server keeps serving; the memory cap on every runner; headers with
// underscores; control characters in logged stderr. Uses the built packages (`npm run build`).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instrument, isInstrumented } from "@anywasi/core/interrupt";
import { cgiEnvironment, inThreadRunner, serve, type Gateway } from "@anywasi/gateway";
import { listen, workerRunner } from "@anywasi/node";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const cgiBytes = readFileSync(here("./guests/cgi.wasm"));
const spinBytes = readFileSync(here("./guests/spin.wasm"));
const quiet = { log: () => {} };
const post = (path: string) => new Request(`http://gateway.test${path}`, { method: "POST", body: "" });

async function timed(gateway: Gateway, path: string): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const r = await gateway.fetch(post(path));
  const body = await r.text();
  return { status: r.status, body, ms: performance.now() - started };
}

describe("time limits on the calling thread (instrumented modules)", () => {
  it("ends a guest spinning in `loop br 0` at the time limit (504), then serves the next request", async () => {
    const gateway = serve(spinBytes, { ...quiet, runner: inThreadRunner(), timeoutMs: 300 });
    const r = await timed(gateway, "/");
    expect(r.status).toBe(504);
    expect(r.body).toBe("504 Gateway Timeout: the program ran past its time limit of 300 ms\n");
    expect(r.ms).toBeGreaterThanOrEqual(299);
    // Ended by the limit, not by the guest finishing: a bound for "not never", generous because a
    // loaded CI machine took 975 ms for a 300 ms limit.
    expect(r.ms).toBeLessThan(5000);
    // The same server, the same compiled module: still usable.
    expect((await timed(gateway, "/")).status).toBe(504);
  });

  it("stops a C loop without syscalls, with and without JSPI, and keeps serving", async () => {
    for (const jspi of [true, false]) {
      const gateway = serve(cgiBytes, { ...quiet, runner: inThreadRunner({ jspi }), timeoutMs: 300 });
      const r = await timed(gateway, "/loop");
      expect(r.status, `jspi ${jspi}`).toBe(504);
      expect(r.ms).toBeLessThan(5000);
      const env = await timed(gateway, "/env");
      expect(env.status).toBe(200);
      expect(env.body).toContain("PATH_INFO=/env\n");
    }
  });

  it("takes a module instrumented at build time as a precompiled module (as on Workers)", async () => {
    const gateway = serve(new WebAssembly.Module(instrument(cgiBytes)), { ...quiet, runner: inThreadRunner(), timeoutMs: 300 });
    expect((await timed(gateway, "/loop")).status).toBe(504);
    expect((await timed(gateway, "/env")).body).toContain("REQUEST_METHOD=POST\n");
  });
});

describe("anywasi instrument", () => {
  const cli = here("../../packages/host-node/dist/cli.js");
  it("writes an instrumented, memory-capped module that the in-thread runner stops at the time limit", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "anywasi-instrument-")), "cgi.wasm");
    execFileSync(process.execPath, [cli, "instrument", "--max-memory-pages", "64", here("./guests/cgi.wasm"), out]);
    const module = new WebAssembly.Module(readFileSync(out));
    expect(isInstrumented(module)).toBe(true);
    const gateway = serve(module, { ...quiet, runner: inThreadRunner(), timeoutMs: 300, maxMemoryPages: null });
    expect((await timed(gateway, "/loop")).status).toBe(504);
    expect((await timed(gateway, "/grow?8")).body).toMatch(/exited with code 6/); // capped at 4 MiB
    expect((await timed(gateway, "/grow?1")).body).toBe("grew\n");
  });

  it("refuses bad usage (64) and what is not a module (65)", () => {
    expect(spawnSync(process.execPath, [cli, "instrument", "only-one.wasm"]).status).toBe(64);
    expect(spawnSync(process.execPath, [cli, "instrument", here("./guests/cgi.c"), join(tmpdir(), "x.wasm")]).status).toBe(65);
  });
});

describe("memory limit", () => {
  it("defaults to 256 MiB: a module given as bytes cannot grow past it (502)", async () => {
    const gateway = serve(cgiBytes, { ...quiet, runner: inThreadRunner() });
    const r = await timed(gateway, "/grow?300");
    expect(r.status).toBe(502);
    expect(r.body).toMatch(/exited with code 6/);
    expect((await timed(gateway, "/grow?16")).body).toBe("grew\n");
  });

  it("ends a precompiled guest found over the limit (502) and keeps serving", async () => {
    const lines: string[] = [];
    const gateway = serve(new WebAssembly.Module(cgiBytes), { log: (l) => lines.push(l), runner: inThreadRunner(), maxMemoryPages: 64 });
    const r = await timed(gateway, "/grow?8");
    expect(r.status).toBe(502);
    expect(r.body).toBe("502 Bad Gateway: the program exceeded its memory limit\n");
    expect(lines.some((l) => /memory grew past its limit of 64 pages/.test(l))).toBe(true);
    expect((await timed(gateway, "/grow?1")).body).toBe("grew\n");
  });

  it("refuses a module whose initial memory is over the limit (500)", async () => {
    const gateway = serve(cgiBytes, { ...quiet, runner: inThreadRunner(), maxMemoryPages: 1 });
    expect((await timed(gateway, "/env")).status).toBe(500);
  });

  describe("in killable workers over node:http", () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      const l = await listen(serve(cgiBytes, { ...quiet, runner: workerRunner(), maxMemoryPages: 64, timeoutMs: 4000 }), { port: 0 });
      server = l.server;
      base = `http://127.0.0.1:${l.port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("caps the guest's memory (502) and keeps serving", async () => {
      const r = await fetch(`${base}/grow?8`);
      expect(r.status).toBe(502);
      expect(await r.text()).toMatch(/exited with code 6/);
      expect(await (await fetch(`${base}/grow?1`)).text()).toBe("grew\n");
    });

    it("cuts a streamed response at the time limit: the client sees an error, not a clean end (Node, the reference)", async () => {
      const r = await fetch(`${base}/stream?20000`);
      expect(r.status).toBe(200);
      await expect(r.text()).rejects.toThrow();
    });
  });
});

describe("request headers and logs", () => {
  it("drops header names with underscores: they would merge with the dashed name", () => {
    const env = cgiEnvironment(new Request("http://h/", { headers: { "x-user-id": "real", "x-user_id": "spoofed", "x_only": "1" } }),
      { scriptName: "", remoteAddress: null, serverProtocol: "HTTP/1.1" });
    expect(env["HTTP_X_USER_ID"]).toBe("real");
    expect(env).not.toHaveProperty("HTTP_X_ONLY");
  });

  it("escapes control characters of the guest's stderr in the log", async () => {
    const lines: string[] = [];
    const gateway = serve(cgiBytes, { runner: inThreadRunner(), log: (l) => lines.push(l) });
    expect((await timed(gateway, "/stderr-escapes")).status).toBe(200);
    const logged = lines.filter((l) => l.includes("stderr: "));
    expect(logged).toHaveLength(1);
    expect(logged[0]!.endsWith("stderr: \\x1b[2J\\x1b]0;owned\\x07\\x9b31mred\\x0dforged\tend")).toBe(true);
    // eslint-disable-next-line no-control-regex
    expect(logged[0]).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/);
  });
});
