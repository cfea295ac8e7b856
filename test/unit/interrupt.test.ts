// @anywasi/core/interrupt: the instrumenter that gives in-thread runners a time limit. The oracle
// is the original module: every program of the conformance corpus (and the examples, benchmark
// programs and a hand-written module exercising every rewritten index) must behave byte for byte
// the same instrumented, with the check called as often as possible; real-world modules (ruby,
// SpiderMonkey, wasm-tools) must still validate.
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LimitError, MemFS, ModuleError, WASI, type DirectoryHandle, type MemFSTree } from "@anywasi/core";
import { instrument, interruptImports, isInstrumented } from "@anywasi/core/interrupt";
// @ts-expect-error -- the conformance runner is plain JS without declarations
import { discover as discoverJs } from "../runner/discover.mjs";
// @ts-expect-error -- the conformance runner is plain JS without declarations
import { readTree as readTreeJs } from "../runner/hosts/lib/fixtures.mjs";

interface TestCase { name: string; wasm: string; args: string[]; env: Record<string, string>; preopens: Record<string, string> }
const discover = discoverJs as (dir: string) => { tests: TestCase[] };
const readTree = readTreeJs as (dir: string) => MemFSTree;
// Not in this TypeScript's lib: the JS API's WebAssembly.Module.customSections.
const customSections = (WebAssembly.Module as unknown as { customSections(m: WebAssembly.Module, name: string): ArrayBuffer[] }).customSections;

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Outcome { exitCode: number | string; stdout: string; stderr: string; files: string }

/** Run `bytes` on a fresh MemFS per preopen; `interval` set: instrumented, checking that often. */
async function runOnce(bytes: Uint8Array, t: { args: string[]; env: Record<string, string>; preopens: Record<string, string> }, interval: number | null): Promise<Outcome & { checks: number }> {
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  const fss: Record<string, MemFS> = {};
  const preopens: Record<string, DirectoryHandle> = {};
  for (const [guest, host] of Object.entries(t.preopens)) {
    fss[guest] = MemFS.from(readTree(host), { now: () => 1_700_000_000_000_000_000n });
    preopens[guest] = fss[guest]!.root;
  }
  const wasi = new WASI({ args: t.args, env: t.env, preopens, stdin: new Uint8Array(0), stdout: (c) => out.push(c.slice()), stderr: (c) => err.push(c.slice()) });
  let checks = 0;
  const module = await WebAssembly.compile(interval === null ? bytes : instrument(bytes, { interval }));
  const imports = { ...wasi.getImportObject(), ...interruptImports(() => { checks++; }, interval ?? 1) };
  let exitCode: number | string;
  try {
    exitCode = wasi.start(await WebAssembly.instantiate(module, imports));
  } catch (e) {
    exitCode = `${(e as Error).name}: ${(e as Error).message}`;
  }
  const text = (parts: Uint8Array[]) => Buffer.concat(parts).toString("latin1");
  const files = JSON.stringify(Object.fromEntries(Object.entries(fss).map(([k, fs]) => [k, fs.toObject()])), (_, v) => v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : v);
  return { exitCode, stdout: text(out), stderr: text(err), files, checks };
}

describe("instrument()", () => {
  const features = readFileSync(here("./fixtures/interrupt/features.wasm"));
  const spin = readFileSync(here("../gateway/guests/spin.wasm"));
  const none = { args: ["features"], env: {}, preopens: {} };

  it("keeps every rewritten index right: calls, tail calls, tables, ref.func, start, exports", async () => {
    const { checks: _, ...original } = await runOnce(features, none, null);
    expect(original.exitCode).toBe(0);
    expect(original.stdout).toMatch(/^features ok \d+\n$/);
    for (const interval of [1, 3, 10_000]) {
      const { checks, ...instrumented } = await runOnce(features, none, interval);
      expect(instrumented).toEqual(original);
      if (interval === 1) expect(checks).toBeGreaterThan(1000);
    }
    expect(isInstrumented(new WebAssembly.Module(instrument(features)))).toBe(true);
    expect(isInstrumented(new WebAssembly.Module(features))).toBe(false);
  });

  it("decodes legacy exception handling: try, catch, catch_all, rethrow, delegate, throw", async () => {
    const eh = readFileSync(here("./fixtures/interrupt/exceptions.wasm"));
    const { checks: _, ...original } = await runOnce(eh, none, null);
    expect(original.exitCode).toBe(30);
    const { checks, ...instrumented } = await runOnce(eh, none, 1);
    expect(instrumented).toEqual(original);
    expect(checks).toBeGreaterThan(100);
  });

  it("is idempotent and drops the name section", () => {
    const once = instrument(features);
    expect(instrument(once)).toBe(once);
    const named = readFileSync(here("./fixtures/interrupt/named.wasm"));
    expect(customSections(new WebAssembly.Module(named), "name").length).toBe(1);
    const out = new WebAssembly.Module(instrument(named));
    expect(customSections(out, "name").length).toBe(0);
  });

  it("ends a guest spinning in `loop br 0` from the check, on time", async () => {
    const wasi = new WASI({});
    let started = Infinity;
    const check = () => { if (performance.now() - started > 200) throw new LimitError("time", "past 200 ms"); };
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(instrument(spin)), { ...wasi.getImportObject(), ...interruptImports(check) });
    // Timed from the start of the guest, not from before its compile (an await, which a loaded
    // machine can make long).
    started = performance.now();
    expect(() => wasi.start(instance)).toThrow(LimitError);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(200);
    // The guest spins forever: any bound shows the check ended it; generous for a loaded machine.
    expect(took).toBeLessThan(2000);
  });

  it("refuses what it cannot decode with a ModuleError", () => {
    expect(() => instrument(new Uint8Array([1, 2, 3]))).toThrow(ModuleError);
    // A function body with the unassigned opcode 0x27.
    const bad = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, 5, 1, 3, 0, 0x27, 0x0b]);
    expect(() => instrument(bad)).toThrow(/cannot instrument: unknown instruction 0x27/);
    // A GC struct type.
    const gc = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 3, 1, 0x5f, 0]);
    expect(() => instrument(gc)).toThrow(/GC type definitions/);
  });

  const large = [
    "../../node_modules/@ruby/3.4-wasm-wasi/dist/ruby.wasm",
    "../../node_modules/@bytecodealliance/jco-transpile/vendor/wasm-tools.core.wasm",
    "../../node_modules/playwright-core/lib/webp_codec.wasm",
  ].map(here).filter((p) => existsSync(p));
  it.each(large)("keeps a real-world module valid: %s", (path) => {
    expect(WebAssembly.validate(instrument(readFileSync(path)))).toBe(true);
  }, 60_000);
});

describe("instrumented modules behave as the originals", () => {
  const { tests } = discover(here("../suite"));
  const extra = ["../../examples/hello/hello.wasm", "../../examples/calc/calc.wasm", "../../bench/programs/4-file-io.wasm"]
    .map((p) => ({ name: p, wasm: here(p), args: ["prog"], env: {}, preopens: {} as Record<string, string> }));
  let nondeterministic = 0;

  it.each([...tests, ...extra].map((t) => [t.name, t] as const))("%s", async (_, t) => {
    const bytes = readFileSync(t.wasm);
    const { checks: _c, ...original } = await runOnce(bytes, t, null);
    // Interval 1: the check runs at every function entry and loop iteration.
    const { checks, ...instrumented } = await runOnce(bytes, t, 1);
    if (JSON.stringify(instrumented) !== JSON.stringify(original)) {
      // A program reading the clock or random bytes may differ from run to run: only when two
      // runs of the original agree must the instrumented one match them.
      const { checks: _d, ...again } = await runOnce(bytes, t, null);
      if (JSON.stringify(again) !== JSON.stringify(original)) { nondeterministic++; return; }
    }
    expect(instrumented).toEqual(original);
    expect(checks).toBeGreaterThan(0);
  }, 60_000);

  it("found few programs that differ from run to run", () => {
    console.log(`${nondeterministic} programs differ from run to run (not compared)`);
    expect(nondeterministic).toBeLessThan(10);
  });
});
