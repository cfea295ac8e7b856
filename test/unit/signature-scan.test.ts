// loadModule()'s import-signature check: the byte scan (abi/signature-scan.ts), with the names
// the engine lists, confirms good modules alone; a wrong signature still fails with the detailed reader's exact message.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModuleError, loadModule } from "../../packages/core/src/index.js";
import { importTypes, signaturesMatch, typesMatch } from "../../packages/core/src/abi/signature-scan.js";
import { PREVIEW1_FUNCTIONS, SIGNATURES, returnsErrno, type Preview1Name } from "../../packages/core/src/abi/signatures.js";
import { functionImports } from "../../packages/core/src/abi/wasm-binary.js";

const I32 = 0x7f;
const I64 = 0x7e;
const known = new Set<string>(PREVIEW1_FUNCTIONS);

type Import = [module: string, name: string, params: number[], results: number[]];

const str = (s: string): number[] => [s.length, ...new TextEncoder().encode(s)];
function leb(n: number): number[] {
  const out: number[] = [];
  do { out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0)); n >>>= 7; } while (n > 0);
  return out;
}
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];

/** A module of function imports only (each with its own type), valid for WebAssembly.compile. */
function moduleOf(imports: Import[]): Uint8Array {
  const types = imports.flatMap(([, , p, r]) => [0x60, p.length, ...p, r.length, ...r]);
  const imps = imports.flatMap(([m, n], i) => [...str(m), ...str(n), 0, i]);
  return new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [imports.length, ...types]),
    ...section(2, [imports.length, ...imps]),
  ]);
}

/** The imports as the engine lists them: the scan takes their names from there. */
const importsOf = (bytes: Uint8Array) => WebAssembly.Module.imports(new WebAssembly.Module(bytes));

const GOOD: Import[] = [
  ["wasi_snapshot_preview1", "fd_write", [I32, I32, I32, I32], [I32]],
  ["wasi_snapshot_preview1", "clock_time_get", [I32, I64, I32], [I32]],
  ["wasi_snapshot_preview1", "proc_exit", [I32], []],
  ["wasi_snapshot_preview1", "sched_yield", [], [I32]],
];

async function message(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ModuleError);
  return (e as ModuleError).message;
}

describe("loadModule(): import signatures", () => {
  it("the scan alone confirms a module whose preview1 imports are all right", async () => {
    const bytes = moduleOf(GOOD);
    expect(signaturesMatch(bytes, importsOf(bytes), known)).toBe(true);
    await expect(loadModule(bytes)).resolves.toBeInstanceOf(WebAssembly.Module);
  });

  const BAD: [string, Import, string][] = [
    ["a parameter missing", ["wasi_snapshot_preview1", "fd_write", [I32], [I32]],
      `"wasi_snapshot_preview1"."fd_write" is imported as (i32) -> i32, but preview1 defines it as (i32, i32, i32, i32) -> i32`],
    ["i32 for i64", ["wasi_snapshot_preview1", "clock_time_get", [I32, I32, I32], [I32]],
      `"wasi_snapshot_preview1"."clock_time_get" is imported as (i32, i32, i32) -> i32, but preview1 defines it as (i32, i64, i32) -> i32`],
    ["no errno result", ["wasi_snapshot_preview1", "sched_yield", [], []],
      `"wasi_snapshot_preview1"."sched_yield" is imported as () -> nil, but preview1 defines it as () -> i32`],
    ["a result on proc_exit", ["wasi_snapshot_preview1", "proc_exit", [I32], [I32]],
      `"wasi_snapshot_preview1"."proc_exit" is imported as (i32) -> i32, but preview1 defines it as (i32) -> nil`],
    ["an f64 result", ["wasi_snapshot_preview1", "random_get", [I32, I32], [0x7c]],
      `"wasi_snapshot_preview1"."random_get" is imported as (i32, i32) -> f64, but preview1 defines it as (i32, i32) -> i32`],
  ];
  for (const [what, bad, detail] of BAD) {
    it(`a wrong signature (${what}) is named as before, after good imports`, async () => {
      const bytes = moduleOf([...GOOD.filter(([, n]) => n !== bad[1]), bad]);
      expect(signaturesMatch(bytes, importsOf(bytes), known)).toBe(false);
      expect(await message(loadModule(bytes))).toBe(`cannot link the module: ${detail}`);
    });
  }

  it("an unknown name is left to the import check, which names it", async () => {
    const bytes = moduleOf([...GOOD, ["wasi_snapshot_preview1", "fd_nonesuch", [], []]]);
    expect(signaturesMatch(bytes, importsOf(bytes), known)).toBe(true);
    expect(await message(loadModule(bytes))).toBe(
      `the module imports function "wasi_snapshot_preview1"."fd_nonesuch", which anywasi does not provide`,
    );
  });

  it("imports of other modules and kinds are skipped", () => {
    const bytes = moduleOf([["env", "fd_write", [], []], ...GOOD]);
    expect(signaturesMatch(bytes, importsOf(bytes), known)).toBe(true);
  });

  it("an import list that is not the bytes' own is not confirmed", () => {
    const bytes = moduleOf(GOOD);
    expect(signaturesMatch(bytes, importsOf(moduleOf(GOOD.slice(1))), known)).toBe(false);
    expect(signaturesMatch(bytes, [], known)).toBe(false);
  });

  it("bytes it cannot read are left to the detailed reader (no throw, no confirmation)", () => {
    const bytes = moduleOf(GOOD);
    expect(signaturesMatch(bytes.subarray(0, bytes.length - 3), importsOf(bytes), known)).toBe(false);
  });

  // The oracle is the detailed reader (wasm-binary.ts), a separate parser: the walk, run while the
  // engine compiles, and its check against the engine's names must never confirm a module that
  // reader finds a wrong signature in, and must confirm every one it finds none in.
  it("generated import lists: the split scan says what the detailed reader says", () => {
    const names = [...PREVIEW1_FUNCTIONS, "fd_nonesuch"];
    const valType = fc.constantFrom(I32, I64);
    const entry = fc.record({
      module: fc.constantFrom("wasi_snapshot_preview1", "env"),
      name: fc.constantFrom(...names),
      // null: preview1's own signature; otherwise a random one.
      sig: fc.option(fc.tuple(fc.array(valType, { maxLength: 10 }), fc.array(valType, { maxLength: 1 })), { nil: null }),
    });
    const property = fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), (entries) => {
      const imports: Import[] = entries.map(({ module, name, sig }) => {
        if (sig !== null || !(name in SIGNATURES)) return [module, name, sig?.[0] ?? [I32], sig?.[1] ?? []];
        const params = SIGNATURES[name as Preview1Name].map((t) => (t === "i64" ? I64 : I32));
        return [module, name, params, returnsErrno(name as Preview1Name) ? [I32] : []];
      });
      const bytes = moduleOf(imports);
      const detailedOk = (functionImports(bytes) ?? []).every((imp) => {
        if (imp.module !== "wasi_snapshot_preview1" || !known.has(imp.name)) return true;
        const want = SIGNATURES[imp.name as Preview1Name] as readonly string[];
        const results = returnsErrno(imp.name as Preview1Name) ? ["i32"] : [];
        return imp.params.join() === want.join() && imp.results.join() === results.join();
      });
      expect(typesMatch(bytes, importTypes(bytes), importsOf(bytes), known)).toBe(detailedOk);
    });
    fc.assert(property, { seed: 0x5ca9, numRuns: 2000 });
  });
});
