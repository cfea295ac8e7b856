/**
 * The glue patch that skips jco 0.15's WASI 0.3 task machinery for synchronous WASI 0.2 imports
 * (component/glue-patch.ts). Behaviour with the patched glue is covered by the twin, CLI and
 * interface tests; this checks that the rewrite really applies to the glue jco generates for a
 * `jco new` component (so a jco upgrade that changes its text cannot silently undo the speed-up)
 * and that it runs the same program to the same output.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OutputCollector, WASI, MemFS } from "../../packages/core/src/index.js";
import { patchGlue } from "../../packages/core/src/component/glue-patch.js";
import { loadComponent, startComponent } from "../../packages/core/src/component/index.js";

interface Generator {
  $init: Promise<void>;
  generate(c: Uint8Array, o: Record<string, unknown>): { files: [string, Uint8Array][] };
}

async function glueOf(path: string): Promise<string> {
  const specifier = "@bytecodealliance/jco-transpile/component";
  const jco = (await import(specifier)) as Generator;
  await jco.$init;
  const out = jco.generate(readFileSync(path), {
    name: "component", instantiation: { tag: "async" }, noTypescript: true, noNodejsCompat: true, base64Cutoff: 0, tlaCompat: false,
  });
  return new TextDecoder().decode(out.files.find(([n]) => n.endsWith(".js"))![1]);
}

describe("glue patch: direct calls for sync WASI 0.2 imports", () => {
  it("every lowered import of a jco new component becomes its trampoline, with no task set-up", async () => {
    const raw = await glueOf("test/components/hello.component.wasm");
    const lowered = raw.match(/_lowerImportBackwardsCompat\.bind\(/g)?.length ?? 0;
    expect(lowered).toBeGreaterThan(5);
    const patched = new TextDecoder().decode(patchGlue(new TextEncoder().encode(raw)));
    expect(patched.match(/_lowerImportBackwardsCompat\.bind\(/g)).toBeNull();
    expect(patched.match(/let trampoline(\d+) = _trampoline\1;/g)?.length).toBe(lowered / 2);
    expect(patched.match(/const task = _anywasiNoTask;/g)?.length).toBe(lowered / 2);
    expect(patched).not.toContain("_trackHostOperation(() =>");
  }, 60_000);

  it("text jco did not generate that way is left alone", () => {
    const text = "let trampoline1 = _trampoline1.manuallyAsync ? x : y;\n";
    expect(new TextDecoder().decode(patchGlue(new TextEncoder().encode(text)))).toBe(text);
  });

  it("the patched glue runs the component to the same output", async () => {
    const component = await loadComponent(readFileSync("test/components/hello.component.wasm"));
    const out = new OutputCollector();
    const fs = MemFS.from({ "note.txt": "patched" });
    const code = await startComponent(component, new WASI({ args: ["hello", "glue"], stdout: out, preopens: { "/": fs.root } }));
    expect(code).toBe(0);
    expect(new TextDecoder().decode(out.bytes())).toContain("glue");
  }, 60_000);
});

describe("glue patch: WebAssembly.promising without JSPI", () => {
  // Without JSPI, jco's `try { WebAssembly.promising(...) } catch` threw "is not a function" at
  // every instantiation, and V8 re-parses the whole 0.5 MB instantiation generator to word it.
  it("calls go through a shim that throws a pre-made error, or the real promising with JSPI", async () => {
    const raw = await glueOf("test/components/hello.component.wasm");
    const calls = raw.split("WebAssembly.promising(").length - 1;
    expect(calls).toBeGreaterThan(0);
    const patched = new TextDecoder().decode(patchGlue(new TextEncoder().encode(raw)));
    expect(patched.split("_anywasiPromising(").length - 1).toBe(calls);
    // The only direct call left is the shim's own.
    expect(patched.split("WebAssembly.promising(").length - 1).toBe(1);
  }, 60_000);

  it("the glue still runs, and uses WebAssembly.promising when there is one", async () => {
    const wa = WebAssembly as unknown as { promising?: (f: unknown) => unknown };
    const had = Object.prototype.hasOwnProperty.call(wa, "promising");
    const saved = wa.promising;
    const wrapped: unknown[] = [];
    // A stand-in "JSPI" that records what it wraps and hands back the same function.
    wa.promising = (f) => { wrapped.push(f); return f; };
    try {
      // The shim looks for WebAssembly.promising at each instantiation, so the glue loaded above serves.
      const component = await loadComponent(readFileSync("test/components/hello.component.wasm"));
      const out = new OutputCollector();
      const fs = MemFS.from({ "note.txt": "patched" });
      expect(await startComponent(component, new WASI({ args: ["hello", "jspi"], stdout: out, preopens: { "/": fs.root } }))).toBe(0);
      expect(new TextDecoder().decode(out.bytes())).toContain("jspi");
    } finally {
      if (had) Object.assign(wa, { promising: saved }); else delete wa.promising;
    }
    expect(wrapped.length).toBeGreaterThan(0);
  }, 60_000);
});

describe("glue patch: a list<u8> is lifted by a typed-array copy", () => {
  // jco lifts list<u8> with `new Uint8Array(memory.buffer.slice(ptr, ptr + len))`: a backing store
  // outside V8's heap per call (1M small stream writes: 1.16 s against 0.44 s patched), and a range
  // past the memory's end clamped to a short list instead of a trap.
  const lift = async (): Promise<{ raw: string; patched: string }> => {
    const raw = await glueOf("test/components/hello.component.wasm");
    return { raw, patched: new TextDecoder().decode(patchGlue(new TextEncoder().encode(raw))) };
  };

  it("every list<u8> lift of a jco new component is rewritten", async () => {
    const { raw, patched } = await lift();
    const lifts = raw.match(/new Uint8Array\(memory\d+\.buffer\.slice\(ptr\d+, ptr\d+ \+ len\d+ \* 1\)\)/g)?.length ?? 0;
    expect(lifts).toBeGreaterThan(0);
    expect(patched).not.toMatch(/\.buffer\.slice\(ptr/);
    expect(patched.match(/new Uint8Array\(memory\d+\.buffer, ptr\d+ >>> 0, len\d+ >>> 0\)\.slice\(\)/g)?.length).toBe(lifts);
  }, 60_000);

  it("the rewritten lift copies in bounds and throws (a trap) past the end, where jco's returned a short list", async () => {
    const { raw, patched } = await lift();
    const expr = (text: string, re: RegExp): ((m: WebAssembly.Memory, p: number, l: number) => Uint8Array) => {
      const m = re.exec(text);
      expect(m).not.toBeNull();
      const [, mem, ptr, len] = /^new Uint8Array\((memory\d+)\.buffer.*?(ptr\d+).*?(len\d+)/.exec(m![0])!;
      return new Function(mem!, ptr!, len!, `return ${m![0]};`) as (m: WebAssembly.Memory, p: number, l: number) => Uint8Array;
    };
    const jco = expr(raw, /new Uint8Array\(memory\d+\.buffer\.slice\(ptr\d+, ptr\d+ \+ len\d+ \* 1\)\)/);
    const ours = expr(patched, /new Uint8Array\(memory\d+\.buffer, ptr\d+ >>> 0, len\d+ >>> 0\)\.slice\(\)/);
    const memory = new WebAssembly.Memory({ initial: 1 });
    new Uint8Array(memory.buffer).set([1, 2, 3, 4, 5], 100);
    const copy = ours(memory, 100, 5);
    expect([...copy]).toEqual([1, 2, 3, 4, 5]);
    new Uint8Array(memory.buffer)[100] = 9;
    expect(copy[0]).toBe(1);
    expect(copy.buffer).not.toBe(memory.buffer);
    expect(jco(memory, 65530, 16).length).toBe(6);
    expect(() => ours(memory, 65530, 16)).toThrow(RangeError);
    // An address past 2 GiB arrives as a negative i32: unsigned, it is past this memory's end.
    expect(() => ours(memory, -16, 4)).toThrow(RangeError);
    expect(ours(memory, 0, 0).length).toBe(0);
  }, 60_000);
});
