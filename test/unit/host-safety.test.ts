/**
 * A guest never touches the embedding process: `proc_exit`, `proc_raise` (SIGKILL, SIGTERM,
 * SIGABRT) and traps (unreachable, out-of-bounds access, division by zero, stack exhaustion) end
 * only the guest — on the core's `run()`, on `@anywasi/node` in-process and in a worker. After
 * each, this process is alive, `process.exit`/`kill`/`abort` were never called, `process.exitCode`
 * is what it was, the output written before the end arrived, and the next run works.
 *
 * Guest: fixtures/ender.wat (its first argument picks how it ends, after writing "bye ").
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";
import { run as coreRun, OutputCollector } from "../../packages/core/src/index.js";
import { run as nodeRun } from "../../packages/host-node/dist/index.js";

const ender = readFileSync(new URL("./fixtures/ender.wasm", import.meta.url));

type Ending = { mode: string; exit: number } | { mode: string; trap: RegExp };
const ENDINGS: Ending[] = [
  { mode: "exit", exit: 42 },
  { mode: "kill", exit: 128 + 9 },
  { mode: "term", exit: 128 + 15 },
  { mode: "abrt", exit: 128 + 6 },
  { mode: "trap", trap: /unreachable/ },
  { mode: "oob", trap: /out of bounds/ },
  { mode: "div", trap: /divide by zero/ },
  { mode: "deep", trap: /call stack/ },
];

/** How each embedding runs the guest: resolves with the exit code, rejects on a trap. */
type Runner = (mode: string, out: (chunk: Uint8Array) => void) => Promise<number>;
const RUNNERS: Record<string, Runner> = {
  "core run()": async (mode, out) => (await coreRun(ender, { args: ["ender", mode], stdout: out })).exitCode,
  "@anywasi/node in-process": async (mode, out) => (await nodeRun(ender, { args: ["ender", mode], stdin: "", stdout: out, stderr: () => {} })).exitCode,
  "@anywasi/node worker": async (mode, out) =>
    (await nodeRun(ender, { worker: true, timeoutMs: 20_000, args: ["ender", mode], stdin: "", stdout: out, stderr: () => {} })).exitCode,
};

const spies: MockInstance[] = [];
const exitCodeBefore = process.exitCode;
beforeAll(() => {
  const forbid = (what: string) => () => { throw new Error(`the guest reached ${what}`); };
  spies.push(vi.spyOn(process, "exit").mockImplementation(forbid("process.exit")));
  spies.push(vi.spyOn(process, "kill").mockImplementation(forbid("process.kill")));
  spies.push(vi.spyOn(process, "abort").mockImplementation(forbid("process.abort")));
  const internal = process as unknown as { reallyExit?: (code?: number) => never };
  if (typeof internal.reallyExit === "function") spies.push(vi.spyOn(internal as { reallyExit: (code?: number) => never }, "reallyExit").mockImplementation(forbid("process.reallyExit")));
});
afterAll(() => {
  for (const s of spies) s.mockRestore();
});

function expectHostUntouched(): void {
  for (const s of spies) expect(s, s.getMockName()).not.toHaveBeenCalled();
  expect(process.exitCode).toBe(exitCodeBefore);
}

for (const [embedding, runGuest] of Object.entries(RUNNERS)) {
  describe(embedding, () => {
    it.each(ENDINGS.map((e) => [e.mode, e] as const))("%s ends only the guest", async (_, ending) => {
      const out = new OutputCollector();
      const result = runGuest(ending.mode, (c) => out.write(c));
      if ("exit" in ending) await expect(result).resolves.toBe(ending.exit);
      else await expect(result).rejects.toThrow(ending.trap);
      expect(out.text()).toBe("bye ");
      expectHostUntouched();
      // The next guest runs normally.
      const next = new OutputCollector();
      await expect(runGuest("ok", (c) => next.write(c))).resolves.toBe(0);
      expect(next.text()).toBe("bye ");
      expectHostUntouched();
    }, 30_000);
  });
}

it("all of them at once, in every embedding: each gets its own ending, the host none", async () => {
  const runs = Object.values(RUNNERS).flatMap((runGuest) => ENDINGS.map(async (ending) => {
    const r = runGuest(ending.mode, () => {});
    if ("exit" in ending) expect(await r).toBe(ending.exit);
    else await expect(r).rejects.toThrow(ending.trap);
  }));
  await Promise.all(runs);
  expectHostUntouched();
}, 60_000);

describe("a limit that cannot be enforced is refused, never ignored", () => {
  it("maxMemoryPages with a precompiled module (it needs the bytes to cap the memory section)", async () => {
    const module = await WebAssembly.compile(ender);
    await expect(coreRun(module, { args: ["ender", "ok"], maxMemoryPages: 1 })).rejects.toThrow(/maxMemoryPages needs the module's bytes/);
  });

  it("timeoutMs on the calling thread, where a spinning guest could not be interrupted", async () => {
    await expect(nodeRun(ender, { args: ["ender", "ok"], timeoutMs: 1000, stdin: "" })).rejects.toThrow(/worker: true/);
  });
});
