// Resource limits: each is enforced with a clear error, and what came before it is delivered.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LimitError, MemFS, ModuleError, OutputCollector, run, WASI, Errno } from "../../packages/core/src/index.js";

const cat = readFileSync(new URL("./fixtures/cat.wasm", import.meta.url));
const hello = readFileSync(new URL("../../examples/hello/hello.wasm", import.meta.url));

describe("limits", () => {
  it("maxOutputBytes cuts the output at the limit and ends the guest with a LimitError", async () => {
    const out = new OutputCollector();
    const input = "x".repeat(10_000);
    await expect(run(cat, { stdin: input, stdout: out, maxOutputBytes: 4096 })).rejects.toBeInstanceOf(LimitError);
    expect(out.length).toBe(4096);
    expect(out.text()).toBe("x".repeat(4096));
  });

  it("maxOutputBytes lets a guest under the limit finish normally", async () => {
    const r = await run(cat, { stdin: "small", maxOutputBytes: 4096 });
    expect(r.exitCode).toBe(0);
    expect(new TextDecoder().decode(r.stdout)).toBe("small");
  });

  it("maxMemoryPages refuses a module whose memory starts above the cap, naming both sizes", async () => {
    await expect(run(hello, { maxMemoryPages: 1 })).rejects.toThrow(ModuleError);
    await expect(run(hello, { maxMemoryPages: 1 })).rejects.toThrow(/starts at \d+ pages, above the limit of 1/);
  });

  it("maxMemoryPages caps memory.grow inside the guest", async () => {
    const wat = readFileSync(new URL("./fixtures/grow.wasm", import.meta.url));
    expect((await run(wat, {})).exitCode).toBe(0);
    expect((await run(wat, { maxMemoryPages: 16 })).exitCode).toBe(7);
  });

  it("maxOpenFiles gives EMFILE once the table is full", () => {
    const fs = MemFS.from({ "a.txt": "a" });
    const memory = new WebAssembly.Memory({ initial: 1 });
    const wasi = new WASI({ preopens: { "/": fs.root }, maxOpenFiles: 5 });
    wasi.initialize({ exports: { memory } } as unknown as WebAssembly.Instance);
    new Uint8Array(memory.buffer).set(new TextEncoder().encode("a.txt"), 100);
    const open = () => wasi.wasiImport.path_open(3, 0, 100, 5, 0, 2n, 0n, 0, 200);
    expect(open()).toBe(0); // stdio + preopen + this one = 5
    expect(open()).toBe(Errno.MFILE);
  });
});
