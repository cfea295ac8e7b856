/**
 * O_APPEND on a real file is atomic (issue 16, item 2): several processes, each running a guest
 * through @anywasi/node, append lines to one file through O_APPEND descriptors. As on native
 * Linux, every line arrives exactly once and whole. (The core used to append by reading the size
 * and writing there, so writers overwrote each other: 9,000–11,700 of 12,000 lines, some torn.)
 *
 * Guest: fixtures/appender.c (each line one writev of two buffers). Also checked: a guest's own
 * cursor after an append is at the end of the file, on NodeFS as on MemFS.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FdFlags, MemFS, OFlags, WASI, type DirectoryHandle } from "@anywasi/core";
import { NodeFS } from "../../packages/host-node/src/index.js";

const hostNode = fileURLToPath(new URL("../../packages/host-node/dist/index.js", import.meta.url));
const appender = fileURLToPath(new URL("./fixtures/appender.wasm", import.meta.url));
const PROCESSES = 4;
const LINES = 3000;

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "anywasi-append-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function child(script: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: 60_000 }, (err, _stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === "number" ? err.code : null, stderr });
    });
  });
}

describe("O_APPEND on a real file", () => {
  it(`${PROCESSES} processes × ${LINES} lines through O_APPEND end with exactly ${PROCESSES * LINES} whole lines`, async () => {
    const dir = tmp();
    const script = join(tmp(), "append.mjs");
    writeFileSync(script, `
      import { readFileSync } from "node:fs";
      import { run } from ${JSON.stringify(hostNode)};
      const [id, lines, dir] = process.argv.slice(2);
      const r = await run(readFileSync(${JSON.stringify(appender)}), { args: ["appender", id, lines], dirs: { "/out": dir }, stdin: "" });
      process.exitCode = r.exitCode;
    `);
    const results = await Promise.all(
      Array.from({ length: PROCESSES }, (_, p) => child(script, [`p${p}`, String(LINES), dir])),
    );
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });

    const lines = readFileSync(join(dir, "log"), "utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.length).toBe(PROCESSES * LINES);
    const seen = new Set<string>();
    for (const line of lines) {
      expect(line).toMatch(/^p\d \d{6} abcdefghijklmnopqrstuvwxyz0123456789$/);
      seen.add(line.slice(0, 9));
    }
    expect(seen.size).toBe(PROCESSES * LINES);
  }, 120_000);

  /** Append through fd 4 ("log", opened with FdFlags.APPEND), then report the cursor. */
  function appendAndTell(root: DirectoryHandle): { pos: bigint; size: bigint; pwritePos: bigint } {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const wasi = new WASI({ preopens: { "/": root } });
    wasi.initialize({ exports: { memory } } as unknown as WebAssembly.Instance);
    const w = wasi.wasiImport;
    const u8 = new Uint8Array(memory.buffer);
    const dv = new DataView(memory.buffer);
    u8.set(new TextEncoder().encode("log"), 100);
    expect(w.path_open(3, 0, 100, 3, OFlags.CREAT, 0xFFFF_FFFFn, 0n, FdFlags.APPEND, 200)).toBe(0);
    const fd = dv.getUint32(200, true);
    // Two iovecs "ab" + "cd", written twice; then a seek to 0 and a pwrite at 0, which appends too.
    u8.set(new TextEncoder().encode("abcd"), 300);
    dv.setUint32(400, 300, true); dv.setUint32(404, 2, true);
    dv.setUint32(408, 302, true); dv.setUint32(412, 2, true);
    expect(w.fd_write(fd, 400, 2, 500)).toBe(0);
    expect(w.fd_write(fd, 400, 2, 500)).toBe(0);
    expect(dv.getUint32(500, true)).toBe(4);
    expect(w.fd_seek(fd, 0n, 1, 600)).toBe(0);
    const pos = dv.getBigUint64(600, true);
    expect(w.fd_seek(fd, 0n, 0, 600)).toBe(0);
    expect(w.fd_pwrite(fd, 400, 1, 0n, 500)).toBe(0);
    expect(w.fd_seek(fd, 0n, 1, 600)).toBe(0);
    const pwritePos = dv.getBigUint64(600, true);
    expect(w.fd_filestat_get(fd, 700)).toBe(0);
    return { pos, size: dv.getBigUint64(700 + 32, true), pwritePos };
  }

  it("the cursor after an append is at the end, and pwrite on O_APPEND appends, on NodeFS as on MemFS", () => {
    const dir = tmp();
    writeFileSync(join(dir, "log"), "0123");
    const fs = new NodeFS(dir);
    const onDisk = appendAndTell(fs.root);
    fs.close();
    expect(readFileSync(join(dir, "log"), "utf8")).toBe("0123abcdabcdab");
    const inMemory = appendAndTell(MemFS.from({ log: "0123" }).root);
    expect(onDisk).toEqual({ pos: 12n, size: 14n, pwritePos: 0n });
    expect(inMemory).toEqual(onDisk);
  });
});
