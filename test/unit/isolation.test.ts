/**
 * Guests running at once in one process share nothing: a hundred instances of one compiled module
 * on the core's `run()`, and twenty in worker threads on `@anywasi/node`, each with its own
 * filesystem, arguments and environment. Every tenant writes a file named after its id, appends to
 * a file name all tenants use, reads its own input and lists its root; each must see exactly its
 * own data, in its output and in its filesystem, with its own exit code.
 *
 * Guest: fixtures/isolation.c (clang --target=wasm32-wasi -O2 -Wall -Wl,--strip-debug).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MemFS, OutputCollector, loadModule, run } from "../../packages/core/src/index.js";
import { run as nodeRun } from "../../packages/host-node/dist/index.js";

const bytes = readFileSync(new URL("./fixtures/isolation.wasm", import.meta.url));
const dec = new TextDecoder();

/** What tenant `id` must print when it saw only its own data. */
function expectedLine(id: number): string {
  return `id=${id} tag=tag-${id} runs=1 in=input of ${id} log=${id}, ls=${["in.txt", `out-${id}.txt`, "shared.log"].join(",")},\n`;
}

/** The listing in a line, sorted (a real directory lists in no particular order). */
function normalise(line: string): string {
  return line.replace(/ls=(.*),\n$/, (_, ls: string) => `ls=${ls.split(",").sort().join(",")},\n`);
}

const cleanup: string[] = [];
afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

describe("isolation", () => {
  it("100 guests on the core's run() at once, one compiled module, each with its own MemFS, args and env", async () => {
    const module = await loadModule(bytes);
    const ids = Array.from({ length: 100 }, (_, i) => i);
    const tenants = ids.map((id) => ({ id, fs: MemFS.from({ "in.txt": `input of ${id}\n` }) }));
    const results = await Promise.all(tenants.map(({ id, fs }) =>
      run(module, { args: ["iso", String(id)], env: { TAG: `tag-${id}` }, preopens: { "/": fs.root } })));
    results.forEach((r, id) => {
      expect(dec.decode(r.stdout), `tenant ${id}`).toBe(expectedLine(id));
      expect(dec.decode(r.stderr)).toBe(`stderr of ${id}\n`);
      expect(r.exitCode).toBe(id % 200);
    });
    for (const { id, fs } of tenants) {
      expect(fs.toObject(), `filesystem of tenant ${id}`).toEqual({
        "in.txt": new TextEncoder().encode(`input of ${id}\n`),
        [`out-${id}.txt`]: new TextEncoder().encode(`${id}:tag-${id}\n`),
        "shared.log": new TextEncoder().encode(`${id}\n`),
      });
    }
  });

  it("several tenants may share one filesystem only when the embedder says so (the control case)", async () => {
    const module = await loadModule(bytes);
    const fs = MemFS.from({ "in.txt": "input of 0\n" });
    const out = new OutputCollector();
    for (const id of [0, 1]) await run(module, { args: ["iso", String(id)], env: { TAG: `tag-${id}` }, preopens: { "/": fs.root }, stdout: out });
    // The second run sees the first one's files: sharing is visible, so the test above would catch it.
    expect(fs.readText("shared.log")).toBe("0\n1\n");
    expect(out.text().split("\n")[1]).toContain("log=0,1,");
  });

  it("20 guests in worker threads at once (@anywasi/node, worker: true), each on its own directory", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => i + 100);
    const dirs = ids.map((id) => {
      const dir = mkdtempSync(join(tmpdir(), `anywasi-iso-${id}-`));
      cleanup.push(dir);
      writeFileSync(join(dir, "in.txt"), `input of ${id}\n`);
      return dir;
    });
    const outputs = ids.map(() => ({ out: [] as Uint8Array[], err: [] as Uint8Array[] }));
    const results = await Promise.all(ids.map((id, i) => nodeRun(bytes, {
      worker: true, timeoutMs: 30_000, args: ["iso", String(id)], env: { TAG: `tag-${id}` }, dirs: { "/": dirs[i]! }, stdin: "",
      stdout: (c) => outputs[i]!.out.push(c), stderr: (c) => outputs[i]!.err.push(c),
    })));
    ids.forEach((id, i) => {
      expect(results[i]!.exitCode).toBe(id % 200);
      expect(normalise(Buffer.concat(outputs[i]!.out).toString()), `tenant ${id}`).toBe(expectedLine(id));
      expect(Buffer.concat(outputs[i]!.err).toString()).toBe(`stderr of ${id}\n`);
      const dir = dirs[i]!;
      expect(readdirSync(dir).sort()).toEqual(["in.txt", `out-${id}.txt`, "shared.log"]);
      expect(readFileSync(join(dir, `out-${id}.txt`), "utf8")).toBe(`${id}:tag-${id}\n`);
      expect(readFileSync(join(dir, "shared.log"), "utf8")).toBe(`${id}\n`);
    });
  }, 60_000);
});
