/**
 * Hardening of the component path: clear errors for what cannot run, traps (never host
 * exceptions) for a misused resource handle, nothing lost at a trap, and the preview1 limits.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LimitError, loadModule, MemFS, ModuleError, OutputCollector, run, WASI, type TraceEvent } from "../../packages/core/src/index.js";
import { loadComponent, startComponent } from "../../packages/core/src/component/index.js";
import { wrap } from "./component-helpers.js";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../components/${name}`, import.meta.url)));
const hello = () => fixture("hello.component.wasm");
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const T = 120_000;

describe("components that cannot run get a clear ModuleError", () => {
  it("a truncated component", async () => {
    const bytes = hello();
    // The bare header is a valid, empty component: it is no command.
    await expect(run(bytes.subarray(0, 8))).rejects.toThrow(/does not export wasi:cli\/run/);
    for (const len of [9, 100, bytes.length >> 1, bytes.length - 1]) {
      await expect(run(bytes.subarray(0, len))).rejects.toThrow(/malformed WebAssembly component/);
    }
  }, T);

  it("a component with garbage after the header", async () => {
    const bytes = hello().slice(0, 4096);
    bytes.fill(0xff, 8);
    await expect(run(bytes)).rejects.toBeInstanceOf(ModuleError);
  }, T);

  it("an import anywasi does not provide, named", async () => {
    await expect(run(fixture("unknown_import.component.wasm"))).rejects.toThrow(/imports "acme:db\/query", which anywasi does not provide/);
  }, T);

  it("loadModule() says it is a component, and where to run it", async () => {
    await expect(loadModule(hello())).rejects.toThrow(/WebAssembly component.*run\(\).*loadComponent\(\)/);
  }, T);

  it("loadComponent() refuses a core module", async () => {
    await expect(loadComponent(readFileSync(new URL("../../examples/hello/hello.wasm", import.meta.url)))).rejects.toThrow(/not a WebAssembly component/);
  }, T);
});

describe("a misused resource handle is a trap, never a host exception", () => {
  it("dropping a handle that was never given", async () => {
    await expect(run(fixture("bad_drop.component.wasm"))).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
  }, T);

  it("calling a method on a handle that was never given", async () => {
    await expect(run(fixture("bad_borrow.component.wasm"))).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
  }, T);
});

describe("invalid values from the guest are traps, as the canonical ABI says", () => {
  it("a path that is not UTF-8 (jco's lenient decoder would name another file)", async () => {
    const fs = new MemFS();
    const component = await wrap(new URL("../suite/open_invalid_utf8.wasm", import.meta.url));
    await expect(run(component, { preopens: { "/": fs.root } })).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
    expect(fs.list()).toEqual([]);
  }, T);

  it("a buffer outside memory (a RangeError in the glue)", async () => {
    const component = await wrap(new URL("../suite/random_efault.wasm", import.meta.url));
    await expect(run(component)).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
  }, T);
});

describe("exit codes", () => {
  it("exit-with-code keeps the code (a wasi:*@0.2.3 component: any 0.2.x version is accepted)", async () => {
    expect((await run(fixture("exit_with_code.component.wasm"))).exitCode).toBe(42);
  }, T);
});

describe("nothing written is lost", () => {
  it("at a trap: stdout (partial line included) and files", async () => {
    const fs = new MemFS();
    const out = new OutputCollector();
    const component = await wrap(new URL("../components/write_then_trap.wasm", import.meta.url));
    await expect(run(component, { stdout: out, preopens: { "/": fs.root } })).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
    expect(dec(out.bytes())).toBe("line one\npartial");
    expect(dec(fs.readFile("out.txt"))).toBe("file content\n");
  }, T);
});

describe("the preview1 limits apply to components", () => {
  it("maxOutputBytes: the output up to the limit, then LimitError", async () => {
    const out = new OutputCollector();
    const fs = new MemFS();
    fs.writeFile("note.txt", "note");
    await expect(run(hello(), { stdout: out, maxOutputBytes: 10, preopens: { "/": fs.root } })).rejects.toBeInstanceOf(LimitError);
    expect(dec(out.bytes())).toBe("hello, wor");
  }, T);

  it("maxMemoryPages: a component whose memory starts above the cap is refused", async () => {
    await expect(run(hello(), { maxMemoryPages: 1 })).rejects.toThrow(/memory limit/);
  }, T);

  it("trace: the interface calls are logged as the preview1 calls they make", async () => {
    const events: TraceEvent[] = [];
    const fs = new MemFS();
    fs.writeFile("note.txt", "note");
    await run(hello(), { preopens: { "/": fs.root }, trace: (e) => events.push(e) });
    const names = events.map((e) => e.name);
    expect(names).toContain("path_open");
    expect(names).toContain("fd_write");
    expect(events.some((e) => e.name === "path_open" && /"note.txt"/.test(e.text()))).toBe(true);
  }, T);

  it("a WASI runs one component: startComponent closes its descriptors at the end", async () => {
    const c = await loadComponent(hello());
    const out = new OutputCollector();
    const wasi = new WASI({ args: ["hello", "twice"], stdout: out });
    expect(await startComponent(c, wasi)).toBe(1); // no preopen: opendir("/") fails
    expect(dec(out.bytes())).toBe("hello, twice, from WASI\n");
  }, T);
});
