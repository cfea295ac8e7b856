/**
 * The parts of @anywasi/browser that need no browser: the SAB stdin ring (page writer, worker
 * reader), the JSPI stdin queue, and the OPFS write-back diff against a fake directory handle.
 * The rest runs in Chromium: test/browser (Playwright) and `--host chromium`.
 */
import { describe, expect, it } from "vitest";
import { createRing } from "../../../packages/host-browser/src/ring-layout.js";
import { RingInput } from "../../../packages/host-browser/src/ring-input.js";
import { RingWriter } from "../../../packages/host-browser/src/ring-writer.js";
import { QueueInput } from "../../../packages/host-browser/src/queue-input.js";
import { storeOpfsTree } from "../../../packages/host-browser/src/opfs-store.js";
import { chooseMode } from "../../../packages/host-browser/src/modes.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function readAll(input: { read(into: Uint8Array): number }, size = 5): string {
  let out = "";
  const buf = new Uint8Array(size);
  for (let n = input.read(buf); n > 0; n = input.read(buf)) out += text(buf.subarray(0, n));
  return out;
}

describe("SAB stdin ring", () => {
  it("carries bytes across the wrap-around point, then end of file", async () => {
    const buffer = createRing(8);
    const writer = new RingWriter(buffer);
    const reader = new RingInput(buffer);
    const into = new Uint8Array(5);
    await writer.write(bytes("abcdef"));
    expect(reader.read(into)).toBe(5);
    expect(text(into)).toBe("abcde");
    await writer.write(bytes("ghijklm")); // wraps: 1 unread + 7 = full
    writer.close();
    expect(readAll(reader)).toBe("fghijklm");
    expect(reader.read(into)).toBe(0);
  });

  it("a write larger than the ring waits for the reader", async () => {
    const buffer = createRing(8);
    const writer = new RingWriter(buffer);
    const reader = new RingInput(buffer);
    const done = writer.write(bytes("0123456789abcdef"));
    const into = new Uint8Array(8);
    expect(text(into.subarray(0, reader.read(into)))).toBe("01234567");
    await done;
    writer.close();
    expect(readAll(reader, 8)).toBe("89abcdef");
  });

  it("poll reports readiness and honours its timeout", async () => {
    const buffer = createRing(8);
    const reader = new RingInput(buffer);
    expect(reader.poll(0n)).toBe(false);
    const t0 = performance.now();
    expect(reader.poll(20_000_000n)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
    await new RingWriter(buffer).write(bytes("x"));
    expect(reader.poll(0n)).toBe(true);
  });

  it("rejects a capacity that is not a power of two", () => {
    expect(() => createRing(100)).toThrow(RangeError);
  });
});

describe("JSPI stdin queue", () => {
  it("waitAsync resolves on data and on close; read drains then reports end of file", async () => {
    const q = new QueueInput();
    expect(q.poll()).toBe(false);
    const waiting = q.waitAsync();
    void q.push(bytes("hello"));
    await waiting;
    const into = new Uint8Array(3);
    expect(text(into.subarray(0, q.read(into)))).toBe("hel");
    expect(text(into.subarray(0, q.read(into)))).toBe("lo");
    expect(() => q.read(new Uint8Array(1))).toThrow(); // would block: AGAIN
    const eof = q.waitAsync();
    q.close();
    await eof;
    expect(q.read(new Uint8Array(1))).toBe(0);
  });

  it("push resolves only once the backlog is under 64 KiB", async () => {
    const q = new QueueInput();
    let released = false;
    const push = q.push(new Uint8Array(70_000)).then(() => { released = true; });
    await Promise.resolve();
    expect(released).toBe(false);
    q.read(new Uint8Array(10_000));
    await push;
    expect(released).toBe(true);
  });
});

describe("chooseMode", () => {
  it("prefers JSPI, then SAB, and explains what is missing", () => {
    expect(chooseMode("auto", true, { jspi: true, sab: true })).toBe("jspi");
    expect(chooseMode("auto", true, { jspi: false, sab: true })).toBe("sab");
    expect(chooseMode("auto", false, { jspi: false, sab: false })).toBe("none");
    expect(() => chooseMode("auto", true, { jspi: false, sab: false })).toThrow(/JSPI.*cross-origin isolated/);
    expect(() => chooseMode("sab", false, { jspi: true, sab: false })).toThrow(/Cross-Origin-Embedder-Policy/);
  });
});

/** Just enough of FileSystemDirectoryHandle / FileSystemFileHandle for storeOpfsTree. */
class FakeDir {
  readonly kind = "directory";
  readonly children = new Map<string, FakeDir | FakeFile>();
  async getDirectoryHandle(name: string, opts?: { create?: boolean }): Promise<FakeDir> {
    let c = this.children.get(name);
    if (c === undefined && opts?.create) this.children.set(name, (c = new FakeDir()));
    if (!(c instanceof FakeDir)) throw new DOMException("", c ? "TypeMismatchError" : "NotFoundError");
    return c;
  }
  async getFileHandle(name: string, opts?: { create?: boolean }): Promise<FakeFile> {
    let c = this.children.get(name);
    if (c === undefined && opts?.create) this.children.set(name, (c = new FakeFile()));
    if (!(c instanceof FakeFile)) throw new DOMException("", c ? "TypeMismatchError" : "NotFoundError");
    return c;
  }
  async removeEntry(name: string): Promise<void> {
    if (!this.children.delete(name)) throw new DOMException("", "NotFoundError");
  }
  dump(prefix = ""): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.children) {
      if (v instanceof FakeDir) Object.assign(out, { [`${prefix}${k}/`]: "" }, v.dump(`${prefix}${k}/`));
      else out[prefix + k] = text(v.data);
    }
    return out;
  }
}
class FakeFile {
  readonly kind = "file";
  data = new Uint8Array(0);
  writes = 0;
  async getFile() {
    const data = this.data.slice();
    return { size: data.length, arrayBuffer: async () => data.buffer };
  }
  async createSyncAccessHandle() {
    this.writes++;
    return {
      getSize: () => this.data.length,
      read: (into: Uint8Array, o: { at: number }) => { const part = this.data.subarray(o.at, o.at + into.length); into.set(part); return part.length; },
      truncate: (n: number) => { const d = new Uint8Array(n); d.set(this.data.subarray(0, n)); this.data = d; },
      write: (b: Uint8Array, o?: { at?: number }) => { this.data.set(b, o?.at ?? 0); return b.length; },
      flush: () => {},
      close: () => {},
    };
  }
}

describe("OPFS write-back", () => {
  it("writes new and changed files only, removes deleted entries, handles kind changes, skips symlinks", async () => {
    const root = new FakeDir();
    const before = { "same.txt": "same", "changed.txt": "old", "gone.txt": "x", "dir/inner.txt": "in", "swap": "file", "emptied/x": "x" };
    await storeOpfsTree(root as unknown as FileSystemDirectoryHandle, {}, before);
    const same = root.children.get("same.txt") as FakeFile;
    const after = {
      "same.txt": "same", "changed.txt": "new!", "dir/inner.txt": "in", "swap/child": "now a dir",
      "emptied": {}, "new/deep/file": "deep", "lnk": { symlink: "same.txt" },
    };
    const report = await storeOpfsTree(root as unknown as FileSystemDirectoryHandle, before, after);
    expect(root.dump()).toEqual({
      "same.txt": "same", "changed.txt": "new!", "dir/": "", "dir/inner.txt": "in", "swap/": "", "swap/child": "now a dir",
      "emptied/": "", "new/": "", "new/deep/": "", "new/deep/file": "deep",
    });
    expect(same.writes).toBe(1);
    expect(report.written.sort()).toEqual(["changed.txt", "new/deep/file", "swap/child"]);
    expect(report.removed.sort()).toEqual(["emptied/x", "gone.txt", "swap"]);
    expect(report.skipped).toEqual(["lnk"]);
  });

  // The snapshot fallback (engines without JSPI): two runs that started from the same tree.
  it("refuses to overwrite a file another writer changed since the run started, and says which", async () => {
    const root = new FakeDir();
    await storeOpfsTree(root as unknown as FileSystemDirectoryHandle, {}, { "log.txt": "0\n" });
    const before = { "log.txt": "0\n" };
    await storeOpfsTree(root as unknown as FileSystemDirectoryHandle, before, { "log.txt": "0\na\n" });
    const second = storeOpfsTree(root as unknown as FileSystemDirectoryHandle, before, { "log.txt": "0\nb\n" });
    await expect(second).rejects.toMatchObject({ name: "OpfsConflictError", path: "log.txt" });
    // A new file the other writer created first, and a removal of a file it changed: refused too.
    await storeOpfsTree(root as unknown as FileSystemDirectoryHandle, {}, { "new.txt": "mine" });
    await expect(storeOpfsTree(root as unknown as FileSystemDirectoryHandle, {}, { "new.txt": "theirs" })).rejects.toMatchObject({ path: "new.txt" });
    await expect(storeOpfsTree(root as unknown as FileSystemDirectoryHandle, before, {})).rejects.toMatchObject({ path: "log.txt" });
    expect(root.dump()).toEqual({ "log.txt": "0\na\n", "new.txt": "mine" });
  });
});
