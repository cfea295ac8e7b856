// `trace: true` where a wasi:http handler runs in a worker thread: workerRunner() (its events
// posted to the serving thread) and `anywasi serve --trace` (workerRunner by default) give, for
// each request, the same log as the in-thread gateway — the same [wasi] lines, stderr lines and
// failure line, in the same order (http-component-trace.mjs; Deno runs it too). And
// `maxMemoryPages` at run time: a handler whose core modules were compiled without the cap (as
// precompiled on Workers) is ended when found over it (502), on the serving thread and in a worker.
// Uses the built packages (`npm run build`).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { inThreadRunner, serve, serveHttpComponent } from "@anywasi/gateway";
import { workerRunner } from "@anywasi/node";
import { loadHttpComponent } from "@anywasi/core/component";
import { HANDLER, startCli } from "./http-component-run.mjs";
import { traceDifferences, traceRun } from "./http-component-trace.mjs";

const bytes = readFileSync(fileURLToPath(HANDLER));
// The first request transpiles (13 MB) and compiles: seconds on a shared machine.
const SLOW = 180_000;
const BASE = "http://gateway.test";

async function traced(runner: ReturnType<typeof inThreadRunner>): Promise<string[][]> {
  const log: string[] = [];
  const gateway = serve(bytes, { timeoutMs: 20_000, trace: true, runner, log: (l) => log.push(l) });
  return traceRun((r) => gateway.fetch(r), BASE, () => log);
}

describe("trace: true of a wasi:http handler in a worker thread", () => {
  let reference: string[][] = [];

  it("in-thread (the reference): a [wasi] line per call, stderr and the failure in between", async () => {
    reference = await traced(inThreadRunner());
    expect(reference.map((r) => r.length)).toEqual(reference.map(() => expect.any(Number)));
    expect(reference[0]).toContain("GET /info: [wasi] fd_prestat_get(3, 0) = 8 (EBADF)");
    expect(reference[3]).toContain("GET /throw: stderr: Error while running request handler: the handler failed");
    expect(reference[3]!.at(-1)).toBe("GET /throw: 502 the handler did not finish its response body");
    expect(traceDifferences(reference, reference)).toEqual([]);
  }, SLOW);

  it("workerRunner(): the same log, line for line", async () => {
    expect(traceDifferences(await traced(workerRunner()), reference)).toEqual([]);
  }, SLOW);

  it("`anywasi serve --trace` (workerRunner): the same log on its stderr", async () => {
    const cli = fileURLToPath(new URL("../../packages/host-node/dist/cli.bundle.js", import.meta.url));
    const server = await startCli(process.execPath, [cli, "serve", "--port", "0", "--trace", fileURLToPath(HANDLER)]);
    try {
      const got = await traceRun((r) => fetch(r), server.base, () => server.output().split("\n"), reference);
      expect(traceDifferences(got, reference)).toEqual([]);
    } finally {
      server.stop();
    }
  }, SLOW);
});

describe("maxMemoryPages at run time, for core modules compiled without the cap", () => {
  // 300 pages (18.75 MiB): /memory?mb=40 allocates 40 MiB.
  const uncapped = loadHttpComponent(bytes);
  for (const [name, runner] of [["on the serving thread", inThreadRunner()], ["in a worker (workerRunner)", workerRunner()]] as const) {
    it(`${name}: found over it, 502; the next request is served`, async () => {
      const log: string[] = [];
      const gateway = serveHttpComponent({ load: () => uncapped }, { maxMemoryPages: 300, runner, log: (l) => log.push(l) });
      const r = await gateway.fetch(new Request(`${BASE}/memory?mb=40`));
      expect(r.status).toBe(502);
      expect(await r.text()).toBe("502 Bad Gateway: the program exceeded its memory limit\n");
      expect(log.at(-1)).toMatch(/502 the program exceeded its memory limit \(the program's memory grew past its limit of 300 pages\)$/);
      expect(await (await gateway.fetch(new Request(`${BASE}/memory?mb=1`))).text()).toBe("allocated 1 MiB\n");
    }, SLOW);
  }

  it("compiled with the cap (serve(bytes)), memory.grow fails in the guest instead: what workerd answers for a build-time cap", async () => {
    const gateway = serve(bytes, { maxMemoryPages: 300, log: () => {} });
    const r = await gateway.fetch(new Request(`${BASE}/memory?mb=40`));
    expect(r.status).toBe(502);
    expect(await r.text()).toBe("502 Bad Gateway: the handler did not finish its response body\n");
  }, SLOW);
});
