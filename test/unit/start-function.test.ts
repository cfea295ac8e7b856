/**
 * WASI calls from a module's start function. The start function runs inside instantiation, before
 * the memory export is reachable; given the module's bytes, loadModule() defers it (as the export
 * "anywasi:start") and WASI.start() runs it first, once the memory is known. Before, its fd_write
 * got EFAULT and the line was lost. A precompiled module cannot be rewritten: there the call fails
 * instantiation with a ModuleError that says why, never a silent EFAULT.
 * Guests: fixtures/start-writes.wat (exits with the errno of the start function's write),
 * fixtures/start-exits.wat (proc_exit(7) from the start function).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ModuleError, WASI, instantiate, loadModule, run } from "../../packages/core/src/index.js";
import { START_EXPORT, deferStart } from "../../packages/core/src/abi/start-section.js";

const path = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const writes = readFileSync(path("start-writes.wasm"));
const exits = readFileSync(path("start-exits.wasm"));
const CLI = fileURLToPath(new URL("../../packages/host-node/dist/cli.js", import.meta.url));

describe("a module's start function", () => {
  it("writes to stdout before _start, and its fd_write succeeds (core run)", async () => {
    const r = await run(writes);
    expect(new TextDecoder().decode(r.stdout)).toBe("from start\nfrom _start\n");
    expect(r.exitCode).toBe(0); // the errno of the start function's fd_write
  });

  it("is run once, by start(), not at instantiation", async () => {
    let out = "";
    const wasi = new WASI({ stdout: (c) => { out += new TextDecoder().decode(c); } });
    const instance = await instantiate(await loadModule(writes), wasi.getImportObject());
    expect(out).toBe("");
    expect(wasi.start(instance)).toBe(0);
    expect(out).toBe("from start\nfrom _start\n");
  });

  it("may end the guest with proc_exit: the code is kept, its output delivered, _start not run", async () => {
    const r = await run(exits);
    expect(r.exitCode).toBe(7);
    expect(new TextDecoder().decode(r.stdout)).toBe("start, then exit\n");
  });

  it("in a precompiled module, fails instantiation with a ModuleError that explains, not EFAULT", async () => {
    const wasi = new WASI();
    const err = await instantiate(new WebAssembly.Module(writes), wasi.getImportObject()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleError);
    expect((err as Error).message).toMatch(/start function/);
  });

  it("works through the anywasi command", () => {
    const r = spawnSync(process.execPath, [CLI, "run", path("start-writes.wasm")], { encoding: "utf8", timeout: 20_000, input: "" });
    expect(r.stdout).toBe("from start\nfrom _start\n");
    expect(r.status).toBe(0);
  });

  it("becomes an export even when the module has no export section", () => {
    // (module (func) (start 0)): type, function, start and code sections only.
    const bytes = new Uint8Array([
      0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 8, 1, 0, 10, 4, 1, 2, 0, 0x0b,
    ]);
    const module = new WebAssembly.Module(deferStart(bytes));
    expect(WebAssembly.Module.exports(module)).toEqual([{ name: START_EXPORT, kind: "function" }]);
    expect(deferStart(writes.subarray())).not.toBe(writes); // rewritten
    const plain = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(deferStart(plain)).toBe(plain); // no start section: untouched
  });
});
