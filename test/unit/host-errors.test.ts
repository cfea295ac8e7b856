// Errors an embedder sees from host-side calls name what failed: the path, in one line.
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Errno, MemFS, WasiError } from "../../packages/core/dist/index.js";
import { createNodeWASI, run } from "../../packages/host-node/dist/index.js";

const hello = readFileSync(new URL("../../examples/hello/hello.wasm", import.meta.url));

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("did not throw");
}

describe("MemFS helpers name the path in their errors", () => {
  const fs = MemFS.from({ "dir/a.txt": "text", "file": "x" });

  it("readText / readFile of a missing file: NOENT, naming the path", () => {
    const e = thrown(() => fs.readText("out.txt"));
    expect(e).toBeInstanceOf(WasiError);
    expect((e as WasiError).errno).toBe(Errno.NOENT);
    expect(e.message).toBe('cannot read "out.txt": NOENT');
    expect(thrown(() => fs.readFile("dir/missing.bin")).message).toBe('cannot read "dir/missing.bin": NOENT');
  });

  it("reading a directory, listing a file, writing under a file", () => {
    expect(thrown(() => fs.readText("dir")).message).toBe('cannot read "dir": ISDIR');
    expect(thrown(() => fs.list("file")).message).toBe('cannot list "file": NOTDIR');
    expect(thrown(() => fs.list("nope")).message).toBe('cannot list "nope": NOENT');
    expect(thrown(() => fs.writeFile("file/x.txt", "y")).message).toBe('cannot write "file/x.txt": NOTDIR');
    expect(thrown(() => fs.mkdir("file")).message).toBe('cannot create the directory "file": EXIST');
  });
});

describe("a dirs path that cannot be preopened is one line naming it", () => {
  const missing = join(mkdtempSync(join(tmpdir(), "anywasi-err-")), "no-such-dir");
  const file = join(mkdtempSync(join(tmpdir(), "anywasi-err-")), "a-file");
  writeFileSync(file, "x");

  it("run() rejects, in-process and in a worker", async () => {
    const want = `cannot preopen ${JSON.stringify(missing)} as "/data": no such directory (ENOENT)`;
    await expect(run(hello, { dirs: { "/data": missing }, stdin: "" })).rejects.toThrow(want);
    const e = await run(hello, { dirs: { "/data": missing }, stdin: "" }).catch((x: Error) => x);
    expect((e as Error).message).toBe(want);
    await expect(run(hello, { worker: true, dirs: { "/data": missing }, stdin: "", stdout: () => {} })).rejects.toThrow(want);
  });

  it("createNodeWASI throws: missing, and not a directory", () => {
    expect(thrown(() => createNodeWASI({ dirs: { "/data": missing }, stdin: "" })).message)
      .toBe(`cannot preopen ${JSON.stringify(missing)} as "/data": no such directory (ENOENT)`);
    expect(thrown(() => createNodeWASI({ dirs: { "/": { path: file, readOnly: true } }, stdin: "" })).message)
      .toBe(`cannot preopen ${JSON.stringify(file)} as "/": not a directory`);
  });
});
