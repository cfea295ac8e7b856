// Streaming both ways and concurrency of a wasi:http handler served by workerRunner() (a worker
// thread per request), which `anywasi serve` uses by default: through serve() over node:http, and
// through the CLI. The checks (http-component-streaming.mjs) assert the order of events, never
// durations; Deno runs them too (http-component-deno.mjs). The shared scenario table passes
// through the same runner in http-component.test.ts. Uses the built packages (`npm run build`).
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { serve } from "@anywasi/gateway";
import { listen, workerRunner } from "@anywasi/node";
import { PROFILES } from "./http-component-scenarios.mjs";
import { HANDLER, cliFlags, startCli } from "./http-component-run.mjs";
import { bodyPastLimitAfterHead, cutShort, freshInstances, outputPastLimitAfterHead, streamingChecks } from "./http-component-streaming.mjs";

const bytes = readFileSync(fileURLToPath(HANDLER));
// The first request transpiles (13 MB) and compiles: seconds on a shared machine.
const SLOW = 180_000;
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections?.(); s.close(() => r()); }))));

async function served(options: object, log: string[], inThread = false): Promise<string> {
  const gateway = serve(bytes, { ...options, ...(inThread ? {} : { runner: workerRunner() }), log: (line) => log.push(line) });
  const { server, port } = await listen(gateway, { port: 0, host: "127.0.0.1" });
  servers.push(server);
  return `http://127.0.0.1:${port}`;
}

describe("wasi:http streaming and concurrency with workerRunner()", () => {
  it("serve() over node:http", async () => {
    const log: string[] = [];
    const base = await served(PROFILES.main.options, log);
    const results = await streamingChecks(base, () => log.join("\n"));
    expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
  }, SLOW);

  it("`anywasi serve` (its default runner)", async () => {
    const cli = fileURLToPath(new URL("../../packages/host-node/dist/cli.bundle.js", import.meta.url));
    const server = await startCli(process.execPath, [cli, "serve", "--port", "0", ...cliFlags("main"), fileURLToPath(HANDLER)]);
    try {
      const results = await streamingChecks(server.base, server.output);
      expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
    } finally {
      server.stop();
    }
  }, SLOW);

  it("past the time limit, a response already started ends in a broken body (not a complete 200)", async () => {
    const log: string[] = [];
    const base = await served(PROFILES.timeout.options, log);
    expect(await cutShort(base)).toEqual([]);
    expect(log.some((l) => l.includes("response body cut short") && l.includes("time limit"))).toBe(true);
    // The stopped request's worker is gone; the next requests get working ones and fresh instances.
    expect(await freshInstances(base, 3)).toEqual([]);
  }, SLOW);

  // After the head the status cannot change: a limit passed then cuts the body (logged). The
  // in-thread path sends nothing before the handler ends, so there the same requests are 5xx /
  // 413 answers instead (checked too: the checks observe the cut, not just a failure).
  it("past maxOutputBytes after the head: part 1, then a broken body (in-thread: 502)", async () => {
    const log: string[] = [];
    const options = { timeoutMs: 20_000, maxOutputBytes: 10 };
    expect(await outputPastLimitAfterHead(await served(options, log))).toEqual([]);
    expect(log.some((l) => /GET \/trickle: response body cut short after 7 bytes: the program's output exceeded 10 bytes/.test(l))).toBe(true);
    expect(await outputPastLimitAfterHead(await served(options, [], true))).toEqual([
      "status 502: 502 Bad Gateway: the program's output exceeded 10 bytes\n",
    ]);
  }, SLOW);

  it("a chunked request body past maxBodyBytes after the head (/echo): a broken body, never a complete 200", async () => {
    const log: string[] = [];
    expect(await bodyPastLimitAfterHead(await served({ timeoutMs: 20_000, maxBodyBytes: 100_000 }, log))).toEqual([]);
    expect(log.some((l) => /POST \/echo: response body cut short after \d+ bytes: the request body is larger than 100000 bytes/.test(l))).toBe(true);
  }, SLOW);
});
