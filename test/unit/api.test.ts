/**
 * `run()` and `new WASI()` at the API level, with tiny modules embedded as bytes. Each constant
 * was produced by `wat2wasm` from the WAT shown above it (no tool is needed at test time).
 */
import { describe, expect, it } from "vitest";
import { ModuleError, OutputCollector, WASI, loadModule, run } from "../../packages/core/src/index.js";
import { getSuspendingImportObject, hasJSPI, startAsync } from "../../packages/core/src/jspi.js";
import { hex, instantiate } from "./harness.js";

/**
 * (module
 *   (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
 *   (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
 *   (memory (export "memory") 1)
 *   (data (i32.const 16) "partial")
 *   (func (export "_start")
 *     (i32.store (i32.const 0) (i32.const 16))
 *     (i32.store (i32.const 4) (i32.const 7))
 *     (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
 *     (call $proc_exit (i32.const 3))
 *     unreachable))
 */
const EXIT_PARTIAL = hex("0061736d0100000001100360047f7f7f7f017f60017f0060000002460216776173695f736e617073686f745f70726576696577310866645f7772697465000016776173695f736e617073686f745f70726576696577310970726f635f657869740001030201020503010001071302066d656d6f72790200065f737461727400020a220120004100411036020041044107360200410141004101410810001a41031001000b0b0d010041100b077061727469616c");

/**
 * (module
 *   (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
 *   (memory (export "memory") 1)
 *   (data (i32.const 16) "before trap")
 *   (func (export "_start")
 *     (i32.store (i32.const 0) (i32.const 16))
 *     (i32.store (i32.const 4) (i32.const 11))
 *     (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
 *     unreachable))
 */
const WRITE_TRAP = hex("0061736d01000000010c0260047f7f7f7f017f60000002230116776173695f736e617073686f745f70726576696577310866645f77726974650000030201010503010001071302066d656d6f72790200065f737461727400010a1e011c00410041103602004104410b360200410141004101410810001a000b0b11010041100b0b6265666f72652074726170");

/** (module (import "env" "foo" (func (param i32))) (memory (export "memory") 1) (func (export "_start"))) */
const IMPORT_ENV = hex("0061736d0100000001080260017f00600000020b0103656e7603666f6f0000030201010503010001071302066d656d6f72790200065f737461727400010a040102000b");

/**
 * (module
 *   (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32) (result i32)))
 *   (memory (export "memory") 1)
 *   (func (export "_start") (drop (call $fd_write (i32.const 1)))))
 */
const BAD_SIGNATURE = hex("0061736d0100000001090260017f017f60000002230116776173695f736e617073686f745f70726576696577310866645f77726974650000030201010503010001071302066d656d6f72790200065f737461727400010a09010700410110001a0b");

/** (module (memory (export "memory") 1) (func (export "main"))) */
const NO_START = hex("0061736d01000000010401600000030201000503010001071102066d656d6f72790200046d61696e00000a040102000b");

/** (module (memory 1) (func (export "_start"))) */
const NO_MEMORY = hex("0061736d01000000010401600000030201000503010001070a01065f737461727400000a040102000b");

/** (module (memory (export "memory") 1) (func (export "_start"))) */
const EMPTY_START = hex("0061736d01000000010401600000030201000503010001071302066d656d6f72790200065f737461727400000a040102000b");

async function moduleError(p: Promise<unknown>): Promise<ModuleError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ModuleError);
    return e as ModuleError;
  }
  throw new Error("expected a ModuleError");
}

describe("run(): modules it refuses", () => {
  it("bytes that are not wasm", async () => {
    const e = await moduleError(run(new TextEncoder().encode("#!/bin/sh\necho hi\n")));
    expect(e.message).toMatch(/not a WebAssembly module/);
    expect((await moduleError(run(new Uint8Array(0)))).message).toMatch(/not a WebAssembly module/);
    expect((await moduleError(run(new Uint8Array([0, 0x61, 0x73])))).message).toMatch(/not a WebAssembly module/);
  });

  it("a truncated module is malformed", async () => {
    const e = await moduleError(run(EMPTY_START.subarray(0, EMPTY_START.length - 5)));
    expect(e.message).toMatch(/malformed/);
    expect(e.cause).toBeInstanceOf(WebAssembly.CompileError);
  });

  it("the wrong version names the version; a component preamble on a module body is a malformed component", async () => {
    const bytes = EMPTY_START.slice();
    bytes.set([0x0d, 0x00, 0x01, 0x00], 4); // component-model preamble: run() takes it as a component
    const e = await moduleError(run(bytes));
    expect(e.message).toMatch(/malformed WebAssembly component/);
    const v2 = EMPTY_START.slice();
    v2[4] = 2;
    expect((await moduleError(run(v2))).message).toMatch(/version 2/);
  });

  it("an import outside wasi_snapshot_preview1 is named", async () => {
    const e = await moduleError(run(IMPORT_ENV));
    expect(e.message).toContain('"env"."foo"');
  });

  it("the same checks apply to an ArrayBuffer and to a compiled module", async () => {
    const ab = IMPORT_ENV.slice().buffer;
    expect((await moduleError(run(ab))).message).toContain('"env"."foo"');
    const compiled = await WebAssembly.compile(IMPORT_ENV);
    expect((await moduleError(run(compiled))).message).toContain('"env"."foo"');
    expect((await moduleError(loadModule(compiled))).message).toContain('"env"."foo"');
  });

  it("an import with the wrong signature cannot link", async () => {
    // fd_write declared as (i32) -> i32 instead of (i32 i32 i32 i32) -> i32
    const e = await moduleError(run(BAD_SIGNATURE));
    expect(e.message).toMatch(/cannot link/);
  });

  it("no _start export", async () => {
    const e = await moduleError(run(NO_START));
    expect(e.message).toMatch(/_start/);
  });

  it("no memory export", async () => {
    const e = await moduleError(run(NO_MEMORY));
    expect(e.message).toMatch(/memory/);
  });
});

describe("run(): exits, output and traps", () => {
  it("an empty _start exits 0 with no output", async () => {
    const r = await run(EMPTY_START);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr.length).toBe(0);
  });

  it("writes \"partial\" without a newline, then proc_exit(3)", async () => {
    const r = await run(EXIT_PARTIAL);
    expect(r.exitCode).toBe(3);
    expect(new TextDecoder().decode(r.stdout)).toBe("partial");
  });

  it("with a stdout option, output goes there and RunResult.stdout is empty", async () => {
    const out = new OutputCollector();
    const r = await run(EXIT_PARTIAL, { stdout: out });
    expect(r.exitCode).toBe(3);
    expect(out.text()).toBe("partial");
    expect(r.stdout.length).toBe(0);
  });

  it("a buffered stdout is flushed before proc_exit ends the run", async () => {
    const chunks: string[] = [];
    let pending = "";
    const stdout = {
      write: (b: Uint8Array) => void (pending += new TextDecoder().decode(b)),
      flush: () => { if (pending !== "") chunks.push(pending); pending = ""; },
    };
    expect((await run(EXIT_PARTIAL, { stdout })).exitCode).toBe(3);
    expect(chunks.join("")).toBe("partial");
  });

  it("a trap rejects with WebAssembly.RuntimeError after the output was delivered", async () => {
    const chunks: Uint8Array[] = [];
    let flushed = false;
    const p = run(WRITE_TRAP, {
      stdout: { write: (b) => void chunks.push(b.slice()), flush: () => void (flushed = true) },
    });
    await expect(p).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
    expect(new TextDecoder().decode(chunks[0])).toBe("before trap");
    expect(flushed).toBe(true);
  });

  it("a trap with a function as stdout: the callback already received the bytes", async () => {
    const got: string[] = [];
    await expect(run(WRITE_TRAP, { stdout: (b) => void got.push(new TextDecoder().decode(b)) })).rejects.toThrow(WebAssembly.RuntimeError);
    expect(got.join("")).toBe("before trap");
  });
});

describe("new WASI()", () => {
  it("rejects an unsupported version with a TypeError", () => {
    expect(() => new WASI({ version: "unstable" as never })).toThrow(TypeError);
    expect(() => new WASI({ version: "preview1" })).not.toThrow();
    expect(() => new WASI({})).not.toThrow();
  });

  it("start() twice is a ModuleError; so is start() on an instance without memory", async () => {
    const wasi = new WASI();
    const instance = await instantiate(EMPTY_START, wasi.getImportObject());
    expect(wasi.start(instance)).toBe(0);
    expect(() => wasi.start(instance)).toThrow(ModuleError);
    const w2 = new WASI();
    const noMem = await instantiate(NO_MEMORY, {});
    expect(() => w2.start(noMem)).toThrow(ModuleError);
  });

  it("initialize() refuses a command (it has _start)", async () => {
    const wasi = new WASI();
    const instance = await instantiate(EMPTY_START, wasi.getImportObject());
    expect(() => wasi.initialize(instance)).toThrow(ModuleError);
  });

  it("getImportObject exposes all functions under wasi_snapshot_preview1", () => {
    const wasi = new WASI();
    const io = wasi.getImportObject();
    expect(Object.keys(io)).toEqual(["wasi_snapshot_preview1"]);
    expect(Object.keys(io.wasi_snapshot_preview1).length).toBe(46);
    expect(io.wasi_snapshot_preview1).toBe(wasi.wasiImport);
  });
});

describe("@anywasi/core/jspi", () => {
  // Node has no JSPI: the engine's globals are replaced for each test, then restored.
  type Jspi = { Suspending?: unknown; promising?: unknown };
  async function withJspi(jspi: Jspi, f: () => void | Promise<void>): Promise<void> {
    const wa = WebAssembly as unknown as Jspi;
    const saved = { Suspending: wa.Suspending, promising: wa.promising };
    const set = (v: Jspi): void => {
      for (const k of ["Suspending", "promising"] as const) {
        if (v[k] === undefined) delete wa[k];
        else wa[k] = v[k];
      }
    };
    set(jspi);
    try {
      await f();
    } finally {
      set(saved);
    }
  }
  class FakeSuspending {
    constructor(readonly f: unknown) {}
  }
  // Runs the export at once: enough for a guest that never waits.
  const promising = (f: () => void) => async () => f();

  it("without JSPI, hasJSPI() is false and both functions say so", async () => {
    const wasi = new WASI();
    const instance = await instantiate(EMPTY_START, wasi.getImportObject());
    await withJspi({}, async () => {
      expect(hasJSPI()).toBe(false);
      expect(() => getSuspendingImportObject(wasi)).toThrow(/no JSPI \(WebAssembly.Suspending\)/);
      await expect(startAsync(wasi, instance)).rejects.toThrow(/no JSPI \(WebAssembly.promising\)/);
    });
  });

  it("the suspending import object wraps fd_read and poll_oneoff only", async () => {
    await withJspi({ Suspending: FakeSuspending, promising }, () => {
      expect(hasJSPI()).toBe(true);
      const wasi = new WASI();
      const io = getSuspendingImportObject(wasi).wasi_snapshot_preview1;
      expect(Object.keys(io).length).toBe(46);
      expect(io.fd_read).toBeInstanceOf(FakeSuspending);
      expect(io.poll_oneoff).toBeInstanceOf(FakeSuspending);
      expect(io.fd_write).toBe(wasi.wasiImport.fd_write);
    });
  });

  it("startAsync runs _start through WebAssembly.promising: exit code, output, start() checks", async () => {
    const out = new OutputCollector();
    const wasi = new WASI({ stdout: out });
    const instance = await instantiate(EXIT_PARTIAL, wasi.getImportObject());
    await withJspi({ Suspending: FakeSuspending, promising }, async () => {
      expect(await startAsync(wasi, instance)).toBe(3);
      expect(out.text()).toBe("partial");
      await expect(startAsync(wasi, instance)).rejects.toThrow(ModuleError);
      const noStart = await instantiate(NO_START, new WASI().getImportObject());
      await expect(startAsync(new WASI(), noStart)).rejects.toThrow(/no _start export/);
    });
  });
});

describe("TextOutput", () => {
  it("decodes a UTF-8 character split across writes", async () => {
    const { TextOutput } = await import("../../packages/core/src/index.js");
    let text = "";
    const out = new TextOutput((t) => (text += t));
    const bytes = new TextEncoder().encode("né 日本");
    for (const b of bytes) out.write(new Uint8Array([b]));
    out.end();
    expect(text).toBe("né 日本");
  });
});

describe("imports named like Object.prototype properties", () => {
  it("are reported as imports anywasi does not provide", async () => {
    const { readFileSync } = await import("node:fs");
    const { run: runModule, ModuleError: ME } = await import("../../packages/core/src/index.js");
    const bytes = readFileSync(new URL("./fixtures/proto-import.wasm", import.meta.url));
    await expect(runModule(bytes)).rejects.toBeInstanceOf(ME);
    await expect(runModule(bytes)).rejects.toThrow(/"wasi_snapshot_preview1"\."constructor"/);
  });
});
