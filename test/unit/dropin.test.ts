/**
 * The node:wasi shape of `new WASI()`, as ported code meets it after the import change: options
 * node:wasi has but we read differently fail at construction, with a message, not in the guest.
 */
import { describe, expect, it } from "vitest";
import { MemFS, WASI, type DirectoryHandle } from "../../packages/core/src/index.js";

describe("WASI as a node:wasi drop-in", () => {
  it("accepts node:wasi's version and returnOnExit", () => {
    const wasi = new WASI({ version: "preview1", returnOnExit: false, args: ["x"], env: { A: "1" } });
    expect(Object.keys(wasi.getImportObject())).toEqual(["wasi_snapshot_preview1"]);
    expect(wasi.getImportObject().wasi_snapshot_preview1).toBe(wasi.wasiImport);
  });

  it("refuses another version", () => {
    expect(() => new WASI({ version: "unstable" as "preview1" })).toThrow(TypeError);
  });

  it("refuses a host path as a preopen, naming it", () => {
    const preopens = { "/sandbox": "/tmp" } as unknown as Record<string, DirectoryHandle>;
    expect(() => new WASI({ preopens })).toThrow(/option preopens\["\/sandbox"\] must be a DirectoryHandle/);
    expect(() => new WASI({ preopens: { "/": null as unknown as DirectoryHandle } })).toThrow(TypeError);
    expect(() => new WASI({ preopens: { "/": MemFS.from({}).root } })).not.toThrow();
  });
});
