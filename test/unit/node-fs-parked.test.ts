// NodeFS keeps the directory handles the core closes open for a while ("parked"), so that a path
// walked again ("d/f1", then "d/f2") does not reopen "d". A parked handle is reused only while its
// name still names that very directory: these tests change the directory behind the name between
// two opens of the same path and check that the guest sees what is on disk now.
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNodeWASI } from "../../packages/host-node/src/index.js";

const ALL = (1n << 30n) - 1n;
const NOENT = 44;

describe.runIf(process.platform === "linux")("NodeFS parked directory handles", () => {
  let base = "";
  let dir = "";
  let close = (): void => {};
  let readFile: (path: string) => string | number = () => "";

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), "anywasi-parked-"));
    dir = join(base, "sandbox");
    mkdirSync(join(dir, "d"), { recursive: true });
    mkdirSync(join(base, "outside"));
    writeFileSync(join(dir, "d", "f"), "first");
    writeFileSync(join(base, "outside", "f"), "secret");
    const memory = new WebAssembly.Memory({ initial: 1 });
    const made = createNodeWASI({ dirs: { "/": dir }, stdin: "", stdout: () => {}, stderr: () => {} });
    made.wasi.initialize({ exports: { memory } } as unknown as WebAssembly.Instance);
    close = made.close;
    const w = made.wasi.wasiImport;
    const u8 = new Uint8Array(memory.buffer);
    const dv = new DataView(memory.buffer);
    // Open `path` under the preopen (following symlinks, as libc does), read up to 100 bytes, close.
    readFile = (path) => {
      const bytes = new TextEncoder().encode(path);
      u8.set(bytes, 100);
      const e = w.path_open(3, 1, 100, bytes.length, 0, ALL, 0n, 0, 200);
      if (e !== 0) return e;
      const fd = dv.getUint32(200, true);
      dv.setUint32(300, 1000, true);
      dv.setUint32(304, 100, true);
      expect(w.fd_read(fd, 300, 1, 308)).toBe(0);
      const text = new TextDecoder().decode(u8.subarray(1000, 1000 + dv.getUint32(308, true)));
      expect(w.fd_close(fd)).toBe(0);
      return text;
    };
  });

  afterEach(() => {
    close();
    rmSync(base, { recursive: true, force: true });
  });

  it("are not reused once the name names another directory", () => {
    expect(readFile("d/f")).toBe("first");
    renameSync(join(dir, "d"), join(dir, "old"));
    mkdirSync(join(dir, "d"));
    writeFileSync(join(dir, "d", "f"), "second");
    expect(readFile("d/f")).toBe("second");
    expect(readFile("old/f")).toBe("first");
  });

  it("are not reused once the directory is gone", () => {
    expect(readFile("d/f")).toBe("first");
    rmSync(join(dir, "d"), { recursive: true });
    expect(readFile("d/f")).toBe(NOENT);
  });

  it("are not reused once the name is a symlink, even to the same directory", () => {
    expect(readFile("d/f")).toBe("first");
    renameSync(join(dir, "d"), join(dir, "real"));
    symlinkSync("real", join(dir, "d"));
    // Inside the preopen: followed by the core, and the same file.
    expect(readFile("d/f")).toBe("first");
    rmSync(join(dir, "d"));
    symlinkSync(join(base, "outside"), join(dir, "d"));
    // To the outside: refused (PERM, absolute target), never the parked handle of "real".
    expect(readFile("d/f")).toBe(63);
  });

  it("a parked child is not reused under a new parent that took its old parent's descriptor number", () => {
    // Parked handles are looked up by the host descriptor number of the directory they were
    // opened in and their name. "p" is replaced: its parked handle fails its check and is closed,
    // the new "p" is opened (on Linux, with the lowest free number: the one just closed), and the
    // old "p/x" is then a candidate under that number; its lstat must refuse it.
    mkdirSync(join(dir, "p", "x"), { recursive: true });
    writeFileSync(join(dir, "p", "x", "f"), "old p");
    expect(readFile("p/x/f")).toBe("old p");
    renameSync(join(dir, "p"), join(dir, "old"));
    mkdirSync(join(dir, "p", "x"), { recursive: true });
    writeFileSync(join(dir, "p", "x", "f"), "new p");
    expect(readFile("p/x/f")).toBe("new p");
    expect(readFile("old/x/f")).toBe("old p");
    expect(readFile("p/x/f")).toBe("new p");
  });

  it("a directory moved out of the preopen is not reached through its old name", () => {
    expect(readFile("d/f")).toBe("first");
    renameSync(join(dir, "d"), join(base, "moved"));
    expect(readFile("d/f")).toBe(NOENT);
    symlinkSync("../moved", join(dir, "d"));
    expect(readFile("d/f")).toBe(63);
  });
});
