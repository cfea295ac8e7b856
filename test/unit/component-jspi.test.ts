/**
 * Components through jco's JSPI glue (`loadComponent({ jspi: true })`): the glue patch keeps jco's
 * wrapper only for the imports that may suspend (checked here on Node, which only generates the
 * glue); on Deno, which has JSPI, test/components/deno-jspi.mjs runs the components: a component
 * reading stdin line by line answers a line before stdin ends, `poll_stdin_timeout` times out on
 * an open, silent stdin, and hello gives the same output as through the synchronous glue.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadComponent, transpile } from "../../packages/core/src/component/index.js";
import { hasJSPI } from "../../packages/core/src/jspi.js";
import { runDenoScript } from "./deno-script.js";

const glueText = (t: { files: Map<string, Uint8Array> }) => new TextDecoder().decode([...t.files].find(([n]) => n.endsWith(".js"))![1]);

describe("JSPI glue", () => {
  it("wraps only the imports that may wait in WebAssembly.Suspending; every other import is a direct call", async () => {
    const bytes = readFileSync("examples/calc/calc.component.wasm");
    const sync = glueText(await transpile(bytes));
    const jspi = glueText(await transpile(bytes, undefined, undefined, true));
    const suspending = [...jspi.matchAll(/_trampoline\d+\.fnName = '([^']+)';\n\s*_trampoline\d+\.manuallyAsync = true;/g)].map((m) => m[1]);
    // calc reads stdin: the adapter's fd_read is blocking-read.
    expect(suspending).toEqual(["wasi:io/streams@0.2.12#blockingRead"]);
    expect(jspi).toContain("new WebAssembly.Suspending(");
    expect(jspi.match(/_lowerImportBackwardsCompat\.bind\(/g)?.length).toBe(2 * suspending.length);
    const direct = jspi.match(/let trampoline(\d+) = _trampoline\1;/g)?.length;
    expect(direct).toBe(sync.match(/let trampoline(\d+) = _trampoline\1;/g)!.length - suspending.length);
    expect(jspi.match(/const task = _anywasiNoTask;/g)?.length).toBe(direct);
    expect(jspi).toMatch(/= _anywasiPromising\(exports\d+\['wasi:cli\/run@0\.2\.12#run'\]\)/);
    expect(sync).not.toContain("manuallyAsync = true");
  }, 60_000);

  it('jspi: "filesystem" makes the directory operations suspending too, and nothing else', async () => {
    const bytes = readFileSync("test/browser/fixtures/opfs_hold.component.wasm");
    const jspi = glueText(await transpile(bytes, undefined, undefined, true));
    const fs = glueText(await transpile(bytes, undefined, undefined, "filesystem"));
    const names = (glue: string) => [...glue.matchAll(/_trampoline\d+\.fnName = '([^']+)';\n\s*_trampoline\d+\.manuallyAsync = true;/g)].map((m) => m[1]).sort();
    // What opfs_hold's adapter imports of those (mkdir, open, readdir with its metadata-hash-at, stat, rename), and the stdin read.
    expect(names(jspi)).toEqual(["wasi:io/streams@0.2.12#blockingRead"]);
    expect(names(fs)).toEqual([
      "createDirectoryAt", "metadataHashAt", "openAt", "readDirectoryEntry", "renameAt", "statAt",
    ].map((m) => `wasi:filesystem/types@0.2.12#${m}`).concat("wasi:io/streams@0.2.12#blockingRead"));
    // Writes (and every other import) stay direct calls, without a task.
    const direct = fs.match(/let trampoline(\d+) = _trampoline\1;/g)?.length;
    expect(direct).toBe(jspi.match(/let trampoline(\d+) = _trampoline\1;/g)!.length - (names(fs).length - 1));
    expect(fs.match(/const task = _anywasiNoTask;/g)?.length).toBe(direct);
  }, 60_000);

  it.skipIf(hasJSPI())("asking for it on an engine without JSPI fails clearly", async () => {
    await expect(loadComponent(readFileSync("test/components/hello.component.wasm"), { jspi: true })).rejects.toThrow(/no JSPI/);
  });

  // A guest suspended in a poll with a 60 s timeout: the poll's timer must go when the wait ends
  // (stdin won) or the run is aborted, or Deno lives on until it fires. Before the fix, both runs
  // took over 60 s and were killed by the 40 s bound.
  for (const [mode, want] of [
    ["line", { exitCode: 0, stdout: "poll 1 read 3\n" }],
    ["abort", { error: "stopped by the host", stdout: "" }],
  ] as const) {
    it(`on Deno: a 60 s poll timer does not outlive its wait (${mode === "line" ? "stdin ready first" : "run aborted"})`, async () => {
      const script = fileURLToPath(new URL("../components/deno-jspi-timer.mjs", import.meta.url));
      expect(JSON.parse(await runDenoScript(script, 40_000, [mode]))).toEqual(want);
    }, 60_000);
  }

  it("on Deno: stdin is read as it is typed, a poll on a silent stdin times out, output as the synchronous glue", async () => {
    const script = fileURLToPath(new URL("../components/deno-jspi.mjs", import.meta.url));
    const stdout = await runDenoScript(script, 170_000);
    const r = JSON.parse(stdout) as {
      suspending: string;
      calc: { answered: string; exitCode: number; stdout: string };
      pollTimeout: { exitCode: number; stdout: string };
      twins: Record<"sync" | "jspi", { exitCode: number; stdout: string; jspi: boolean }>;
    };
    expect(r.suspending).toBe("function");
    expect(r.calc).toEqual({ answered: "calc> 3\ncalc> ", exitCode: 0, stdout: "calc> 3\ncalc> 42\ncalc> \nbye\n" });
    expect(r.pollTimeout).toEqual({ exitCode: 0, stdout: "ok\n" });
    expect(r.twins.sync.exitCode).toBe(0);
    expect(r.twins.sync.stdout).toMatch(/^hello, deno, from WASI\n/);
    expect({ ...r.twins.jspi, jspi: false }).toEqual(r.twins.sync);
    expect(r.twins.jspi.jspi).toBe(true);
  }, 180_000);
});
