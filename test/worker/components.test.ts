// WASI 0.2 components on workerd: components transpiled at build time (`anywasi transpile`,
// committed in test/worker/components/*/) run through run() of @anywasi/worker, and give the same
// output as their preview1 twins run through the same run().
import { describe, expect, it } from "vitest";
import { LimitError, MemFS, ModuleError, TimeLimitError, run } from "@anywasi/worker";
import hello from "./components/hello/index.js";
import echo from "./components/echo/index.js";
import helloModule from "../../examples/hello/hello.wasm";
import echoModule from "./components/echo.wasm";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("precompiled components on workerd", () => {
  for (const jspi of [true, false]) {
    it(`hello: the same stdout and files as its preview1 twin (jspi option: ${jspi})`, async () => {
      const results = [];
      for (const guest of [hello, helloModule]) {
        const fs = MemFS.from({ "note.txt": "from workerd\n" });
        const r = await run(guest, { args: ["hello", "workerd"], preopens: { "/": fs.root }, jspi });
        results.push({ exitCode: r.exitCode, stdout: text(r.stdout), greeting: fs.readText("greeting.txt").replace(/\d+/, "T") });
      }
      expect(results[0]).toEqual(results[1]);
      expect(results[0]!.stdout).toBe("hello, workerd, from WASI\nfiles in /:\n  note.txt\nnote.txt says: from workerd\nwrote /greeting.txt\n");
      expect(results[0]!.greeting).toBe("greeted workerd at T\n");
    });
  }

  it("stdin from a Web stream, stdout to a WritableStream, stderr collected: as the preview1 twin", async () => {
    const outputs: string[] = [];
    for (const guest of [echo, echoModule]) {
      const chunks: string[] = [];
      const stdout = new WritableStream<Uint8Array>({ write: (c) => { chunks.push(text(c)); } });
      const stdin = new ReadableStream<Uint8Array>({
        start(c) { c.enqueue(new TextEncoder().encode("one ")); c.enqueue(new TextEncoder().encode("two\n")); c.close(); },
      });
      const r = await run(guest, { args: ["echo", "a b"], stdin, stdout, jspi: false });
      expect(r.exitCode).toBe(0);
      expect(text(r.stderr)).toBe("8 bytes\n");
      outputs.push(chunks.join(""));
    }
    expect(outputs[0]).toBe("arg 1: a b\none two\n");
    expect(outputs[0]).toBe(outputs[1]);
  });

  it("files seeded from a tree are fresh per run", async () => {
    const r = await run(hello, { args: ["hello"], files: { "/": { "note.txt": "tree\n" } } });
    expect(text(r.stdout)).toContain("note.txt says: tree\n");
  });

  it("trace: each interface call is logged as the preview1 calls it makes", async () => {
    const names: string[] = [];
    const r = await run(hello, { args: ["hello"], files: { "/": {} }, trace: (e) => names.push(e.name) });
    expect(r.exitCode).toBe(0);
    expect(names).toContain("fd_write");
    expect(names).toContain("path_open");
  });

  it("maxMemoryPages: a component found over it after a WASI call ends with LimitError \"memory\", as its preview1 twin", async () => {
    for (const guest of [hello, helloModule]) {
      const e = await run(guest, { args: ["hello"], files: { "/": {} }, maxMemoryPages: 1 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(LimitError);
      expect((e as LimitError).kind).toBe("memory");
      expect((e as Error).message).toBe("the program's memory grew past its limit of 1 pages");
      const ok = await run(guest, { args: ["hello"], files: { "/": {} }, maxMemoryPages: 64 });
      expect(ok.exitCode).toBe(0);
    }
  });

  it("an aborted signal stops the component before it runs", async () => {
    const ac = new AbortController();
    ac.abort(new Error("stop"));
    await expect(run(echo, { signal: ac.signal })).rejects.toThrow("stop");
  });

  it("a time limit already past ends the component before it runs with TimeLimitError", async () => {
    await expect(run(hello, { args: ["hello"], files: { "/": {} }, timeoutMs: -1 })).rejects.toBeInstanceOf(TimeLimitError);
  });

  it("a precompiled component importing an interface anywasi lacks is refused, naming it", async () => {
    const bad = { ...hello, imports: [...hello.imports, "wasi:nope/thing"] };
    await expect(run(bad)).rejects.toThrow(ModuleError);
    await expect(run(bad)).rejects.toThrow('"wasi:nope/thing"');
  });
});
