// Tracing on workerd: run({ trace }) and serve({ trace: true }) of @anywasi/worker.
import { afterEach, describe, expect, it, vi } from "vitest";
import { run, serve } from "@anywasi/worker";
import cgi from "../gateway/guests/cgi.wasm";

afterEach(() => vi.restoreAllMocks());

/** The lines logged with console.error while `fn` runs. */
async function consoleLines(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => { lines.push(args.join(" ")); });
  await fn();
  return lines;
}

describe("tracing on workerd", () => {
  for (const jspi of [true, false]) {
    it(`run(..., { trace: true }) logs every WASI call to the console (jspi: ${jspi})`, async () => {
      const lines = await consoleLines(() => run(cgi, { env: { PATH_INFO: "/env" }, trace: true, jspi }));
      expect(lines.length).toBeGreaterThan(3);
      expect(lines.every((l) => l.startsWith("[wasi] "))).toBe(true);
      expect(lines).toContainEqual(expect.stringMatching(/^\[wasi\] environ_get\(\d+, \d+\) = 0$/));
      expect(lines).toContainEqual(expect.stringMatching(/^\[wasi\] fd_write\(1, \d+, 1, \d+\) = 0$/));
    });
  }

  it("run(..., { trace: fn }) hands the events to the function", async () => {
    const names: string[] = [];
    const result = await run(cgi, { env: { PATH_INFO: "/exit", QUERY_STRING: "4" }, trace: (e) => names.push(e.name) });
    expect(result.exitCode).toBe(4);
    expect(names).toContain("fd_write");
    expect(names.at(-1)).toBe("proc_exit");
  });

  it("serve(..., { trace: true }) logs the calls of each request with its prefix", async () => {
    const log: string[] = [];
    const gateway = serve(cgi, { trace: true, log: (l) => log.push(l) });
    const r = await gateway.fetch(new Request("https://example.test/env"));
    expect(r.status).toBe(200);
    await r.text();
    const traced = log.filter((l) => l.includes("[wasi] "));
    expect(traced.length).toBeGreaterThan(3);
    expect(traced.every((l) => /^\[anywasi #\d+\] GET \/env: \[wasi\] /.test(l))).toBe(true);
    expect(traced).toContainEqual(expect.stringMatching(/: \[wasi\] fd_write\(1, \d+, 1, \d+\) = 0$/));
  });

  it("without trace, nothing is logged", async () => {
    const lines = await consoleLines(() => run(cgi, { env: { PATH_INFO: "/env" } }));
    expect(lines).toEqual([]);
  });
});
