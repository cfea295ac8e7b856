// NodeFS holds a host descriptor per directory handle: the core must close every handle it opens
// while resolving paths, or a guest walking paths exhausts the process's descriptors.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeWASI } from "../../packages/host-node/src/index.js";

describe("NodeFS directory handles", () => {
  it.runIf(process.platform === "linux")("are closed after each path call and with their descriptors", () => {
    const dir = mkdtempSync(join(tmpdir(), "anywasi-handles-"));
    mkdirSync(join(dir, "a/b"), { recursive: true });
    writeFileSync(join(dir, "a/b/f"), "x");
    const memory = new WebAssembly.Memory({ initial: 1 });
    const { wasi, close } = createNodeWASI({ dirs: { "/": dir }, stdin: "", stdout: () => {}, stderr: () => {} });
    wasi.initialize({ exports: { memory } } as unknown as WebAssembly.Instance);
    const u8 = new Uint8Array(memory.buffer);
    const dv = new DataView(memory.buffer);
    u8.set(new TextEncoder().encode("a/b/f"), 100);
    u8.set(new TextEncoder().encode("a/b/."), 300);
    const all = (1n << 30n) - 1n;
    const open = () => readdirSync("/proc/self/fd").length;
    const before = open();
    for (let i = 0; i < 3000; i++) {
      expect(wasi.wasiImport.path_open(3, 0, 100, 5, 0, all, 0n, 0, 200)).toBe(0);
      expect(wasi.wasiImport.fd_close(dv.getUint32(200, true))).toBe(0);
      expect(wasi.wasiImport.path_open(3, 0, 300, 5, 2, 0n, 0n, 0, 200)).toBe(0); // a directory held by a descriptor
      expect(wasi.wasiImport.fd_close(dv.getUint32(200, true))).toBe(0);
      expect(wasi.wasiImport.path_filestat_get(3, 1, 100, 5, 400)).toBe(0);
    }
    expect(open()).toBeLessThanOrEqual(before + 2);
    close();
  });
});
