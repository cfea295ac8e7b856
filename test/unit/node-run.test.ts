// @anywasi/node's run(): in-process and in a killable worker thread.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModuleError, OutputCollector, run, TimeLimitError } from "../../packages/host-node/dist/index.js";

const bytes = (path: string) => readFileSync(new URL(path, import.meta.url));
const hello = bytes("../../examples/hello/hello.wasm");

describe("@anywasi/node run()", () => {
  it("runs on a real directory and leaves the guest's file on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anywasi-run-"));
    writeFileSync(join(dir, "note.txt"), "disk note\n");
    const out = new OutputCollector();
    const r = await run(hello, { args: ["hello", "node"], dirs: { "/": dir }, stdout: out, stdin: "" });
    expect(r.exitCode).toBe(0);
    expect(out.text()).toContain("note.txt says: disk note");
    expect(readFileSync(join(dir, "greeting.txt"), "utf8")).toMatch(/^greeted node at/);
  });

  it("kills a spinning guest in worker mode at its time limit, keeping its output", async () => {
    const chunks: Uint8Array[] = [];
    const started = Date.now();
    await expect(run(bytes("./fixtures/spin.wasm"), { worker: true, timeoutMs: 500, stdout: (c) => chunks.push(c), stdin: "" }))
      .rejects.toBeInstanceOf(TimeLimitError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(Buffer.concat(chunks).toString()).toBe("spinning\n");
  });

  it("runs a guest to completion in worker mode with real files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anywasi-run-"));
    const chunks: Uint8Array[] = [];
    const r = await run(hello, { worker: true, args: ["hello", "worker"], dirs: { "/": dir }, stdout: (c) => chunks.push(c), stdin: "" });
    expect(r.exitCode).toBe(0);
    expect(Buffer.concat(chunks).toString()).toContain("hello, worker, from WASI");
    expect(readFileSync(join(dir, "greeting.txt"), "utf8")).toMatch(/^greeted worker at/);
  });

  it("reports a trap from the worker as an error, after the output", async () => {
    const chunks: Uint8Array[] = [];
    await expect(run(bytes("./fixtures/trap.wasm"), { worker: true, stdout: (c) => chunks.push(c), stdin: "" }))
      .rejects.toThrow(/unreachable/);
    expect(Buffer.concat(chunks).toString()).toBe("before the trap");
  });

  it("refuses a module with an unknown import before running it", async () => {
    await expect(run(bytes("./fixtures/env-import.wasm"), { stdin: "" })).rejects.toBeInstanceOf(ModuleError);
  });

  it("refuses timeoutMs without a worker, where it could not be enforced", async () => {
    await expect(run(hello, { timeoutMs: 10, stdin: "" })).rejects.toThrow(/worker: true/);
  });
});

describe("@anywasi/node WASI, the node:wasi drop-in", () => {
  it("takes node:wasi's options: host paths as preopens, version, returnOnExit", async () => {
    const { WASI } = await import("../../packages/host-node/dist/index.js");
    const dir = mkdtempSync(join(tmpdir(), "anywasi-dropin-"));
    writeFileSync(join(dir, "note.txt"), "drop-in\n");
    const out = new OutputCollector();
    const wasi = new WASI({ version: "preview1", args: ["hello", "dropin"], env: {}, preopens: { "/": dir }, returnOnExit: true, stdout: out, stdin: "" });
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(hello), wasi.getImportObject());
    expect(wasi.start(instance)).toBe(0);
    wasi.close();
    expect(out.text()).toContain("note.txt says: drop-in");
    expect(readFileSync(join(dir, "greeting.txt"), "utf8")).toMatch(/^greeted dropin/);
  });
});
