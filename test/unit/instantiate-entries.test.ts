// instantiate() of both built entries of @anywasi/core: the default one (browsers, Workers) and the
// `node` one, which instantiates synchronously inside. Both keep one contract: a link failure is a
// ModuleError, a precompiled module's start function that calls WASI fails with a ModuleError that
// says why, and a good module gives a working instance. The `node` one answers without a turn of
// the event loop (so nothing queued meanwhile, a collection V8 scheduled, runs inside the set-up).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Entry = typeof import("../../packages/core/dist/index.js");
// The bundles have no declarations of their own: their types are the entry's (index.d.ts).
const bundle = async (file: string) => (await import(new URL(`../../packages/core/dist/${file}`, import.meta.url).href)) as Entry;
const entries: [string, Entry][] = [
  ["default", await bundle("bundle.js")],
  ["node", await bundle("node.bundle.js")],
];
const writes = readFileSync(new URL("./fixtures/start-writes.wasm", import.meta.url));
const str = (s: string) => [s.length, ...new TextEncoder().encode(s)];
const section = (id: number, body: number[]) => [id, body.length, ...body];
/** A module importing wasi_snapshot_preview1.`name` as a function () -> (). */
const importing = (name: string) => new Uint8Array([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
  ...section(1, [1, 0x60, 0, 0]),
  ...section(2, [1, ...str("wasi_snapshot_preview1"), ...str(name), 0, 0]),
]);

describe.each(entries)("instantiate() of the %s entry", (name, core) => {
  it("turns a link failure into a ModuleError", async () => {
    const err = await core.instantiate(new WebAssembly.Module(importing("not_a_call")), new core.WASI().getImportObject()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(core.ModuleError);
    expect((err as Error).message).toMatch(/^cannot link the module: .*not_a_call/);
    expect((err as Error).cause).toBeInstanceOf(WebAssembly.LinkError);
  });

  it("fails a precompiled module whose start function calls WASI with a ModuleError", async () => {
    const err = await core.instantiate(new WebAssembly.Module(writes), new core.WASI().getImportObject()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(core.ModuleError);
    expect((err as Error).message).toMatch(/start function/);
  });

  it("gives an instance that runs", async () => {
    let out = "";
    const wasi = new core.WASI({ stdout: (c) => { out += new TextDecoder().decode(c); } });
    const instance = await core.instantiate(await core.loadModule(writes), wasi.getImportObject());
    expect(wasi.start(instance)).toBe(0);
    expect(out).toBe("from start\nfrom _start\n");
  });

  it.runIf(name === "node")("answers without a turn of the event loop", async () => {
    const module = await core.loadModule(writes);
    let turned = false;
    setImmediate(() => { turned = true; });
    await core.instantiate(module, new core.WASI().getImportObject());
    expect(turned).toBe(false);
  });
});
