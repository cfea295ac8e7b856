// The wasi:http scenarios (http-component-scenarios.mjs) on Node: through serve()'s fetch
// directly, over node:http (`listen`, as `anywasi serve` serves), and the real `anywasi serve`
// CLI. Every response must be identical to the expected one; Deno runs the same table
// (http-component-deno.mjs). Uses the built packages (`npm run build`).
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type Gateway } from "@anywasi/gateway";
import { createHttpClient, listen, workerRunner } from "@anywasi/node";
import { expectEndedOnTime, PROFILES, SCENARIOS, optionsFor } from "./http-component-scenarios.mjs";
import { HANDLER, cliFlags, componentFor, runProfile, startCli } from "./http-component-run.mjs";
import { startUpstream, type Upstream } from "./upstream.mjs";

const bytes = readFileSync(fileURLToPath(HANDLER));
/** The component profile `p` serves (the trailers one for "trailers"). */
const bytesFor = (p: keyof typeof PROFILES) => readFileSync(fileURLToPath(componentFor(p)));
const profiles = Object.keys(PROFILES) as (keyof typeof PROFILES)[];
// The first request transpiles (13 MB) and compiles: seconds on a shared machine.
const SLOW = 180_000;

const servers: Server[] = [];
// The local server of the "outgoing" profile.
let upstream: Upstream;
beforeAll(async () => { upstream = await startUpstream(); });
afterAll(() => upstream.stop());
/** serve() options of profile `p` for the in-thread gateway (which needs the fetch thread's client). */
async function inThread(p: keyof typeof PROFILES) {
  const o = optionsFor(p, upstream.origin);
  return o.outgoingHttp === undefined ? o : { ...o, outgoingHttp: { ...o.outgoingHttp, client: await createHttpClient() } };
}

describe("wasi:http scenarios on Node", () => {
  const gateways = {} as Record<string, Gateway>;
  const bases = {} as Record<string, string>;
  beforeAll(async () => {
    for (const p of profiles) {
      gateways[p] = serve(bytesFor(p), { ...await inThread(p), log: () => {} });
      const { server, port } = await listen(gateways[p]!, { port: 0, host: "127.0.0.1" });
      servers.push(server);
      bases[p] = `http://127.0.0.1:${port}`;
    }
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections?.(); s.close(() => r()); }))));

  for (const p of profiles) {
    it(`serve() fetch, profile ${p}`, async () => {
      const results = await runProfile(p, { gateway: gateways[p]!, base: "http://gateway.test" }, upstream.origin);
      expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
      expect(results.length).toBeGreaterThanOrEqual(SCENARIOS.filter((s) => s.profile === p).length);
    }, SLOW);
    it(`node:http, profile ${p}`, async () => {
      const results = await runProfile(p, bases[p]!, upstream.origin);
      expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
    }, SLOW);
  }
});

describe("wasi:http scenarios on Node with workerRunner() (a worker per request, streaming)", () => {
  for (const p of profiles) {
    it(`serve() fetch and node:http, profile ${p}`, async () => {
      const gateway = serve(bytesFor(p), { ...optionsFor(p, upstream.origin), runner: workerRunner(), log: () => {} });
      const direct = await runProfile(p, { gateway, base: "http://gateway.test" }, upstream.origin);
      expect(direct.filter((r) => r.problems.length > 0)).toEqual([]);
      const { server, port } = await listen(gateway, { port: 0, host: "127.0.0.1" });
      servers.push(server);
      const http = await runProfile(p, `http://127.0.0.1:${port}`, upstream.origin);
      expect(http.filter((r) => r.problems.length > 0)).toEqual([]);
    }, SLOW);
  }
});

describe("wasi:http scenarios through `anywasi serve` on Node", () => {
  const cli = fileURLToPath(new URL("../../packages/host-node/dist/cli.bundle.js", import.meta.url));
  for (const p of profiles) {
    it(`profile ${p}`, async () => {
      const server = await startCli(process.execPath, [cli, "serve", "--port", "0", ...cliFlags(p, upstream.origin), fileURLToPath(componentFor(p))]);
      try {
        const results = await runProfile(p, server.base, upstream.origin);
        expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
      } finally {
        server.stop();
      }
    }, SLOW);
  }
});

describe("wasi:http response trailers", () => {
  // The trailers handler (test/components-native/handler_trailers.c) finishes its body with
  // x-checksum: the scenarios check the bytes; here, that the drop is said in the log.
  it("are dropped and logged, in-thread and with workerRunner()", async () => {
    for (const runner of [undefined, workerRunner()]) {
      const lines: string[] = [];
      const gateway = serve(bytesFor("trailers"), { ...(runner === undefined ? {} : { runner }), log: (l) => lines.push(l) });
      const r = await gateway.fetch(new Request("http://gateway.test/t"));
      expect(await r.text()).toBe("the body, then trailers\n");
      expect(lines.filter((l) => / GET \/t: response trailers dropped: a Web Response cannot carry them$/.test(l))).toHaveLength(1);
    }
  }, SLOW);
});

describe("wasi:http time limit is enforced on time", () => {
  // A busy loop reading wasi:clocks never makes a preview1 call: before the clock itself checked
  // the limit, its 504 came only when the 10 s loop ended.
  it("a handler spinning on the clock for 10 s is stopped near the 5 s limit", async () => {
    for (const runner of [undefined, workerRunner()]) {
      const gateway = serve(bytes, { ...PROFILES.timeout.options, ...(runner === undefined ? {} : { runner }), log: () => {} });
      await expectEndedOnTime((r) => gateway.fetch(r), expect);
    }
  }, SLOW);
});
