/**
 * Three small promises of issue 16:
 * - host file names that are not UTF-8 are left out of NodeFS listings (before: each was decoded
 *   to "f\uFFFD", listed again under the name of a real "f\uFFFD" file or dropped), and a symlink
 *   target that is not UTF-8 is ILSEQ; Node's own fs (names as bytes) is the oracle;
 * - MemFS.from takes nested objects as directories, and refuses a bad entry at construction;
 * - options of the wrong type are a TypeError naming the option when the environment is built,
 *   not a host exception inside the guest's first write.
 */
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Errno, MemFS, WASI, WasiError, run as coreRun } from "../../packages/core/src/index.js";
import { NodeFS, run as nodeRun } from "../../packages/host-node/dist/index.js";

const filetool = new URL("../../examples/filetool/filetool.wasm", import.meta.url);
const { readFileSync } = await import("node:fs");
const filetoolBytes = readFileSync(filetool);
const hello = readFileSync(new URL("../../examples/hello/hello.wasm", import.meta.url));

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe("host names that are not UTF-8 (NodeFS)", () => {
  const dir = mkdtempSync(join(tmpdir(), "anywasi-names-"));
  dirs.push(dir);
  writeFileSync(Buffer.concat([Buffer.from(dir + "/f"), Buffer.from([0xff])]), "1");
  writeFileSync(Buffer.concat([Buffer.from(dir + "/f"), Buffer.from([0xfe])]), "2");
  // A real, valid name that the two above used to be confused with: listed once, not three times.
  writeFileSync(join(dir, "f\uFFFD"), "3");
  writeFileSync(join(dir, "ok.txt"), "fine");
  writeFileSync(join(dir, "é.txt"), "accent");
  symlinkSync(Buffer.concat([Buffer.from("t"), Buffer.from([0xff])]), join(dir, "bad-link"));

  it("are left out of listings; every other name is listed once, as Node's fs sees it", () => {
    const oracle = readdirSync(dir, { encoding: "buffer" });
    expect(oracle.length).toBe(6);
    const strict = new TextDecoder("utf-8", { fatal: true });
    const utf8 = oracle.flatMap((b) => { try { return [strict.decode(b)]; } catch { return []; } }).sort();
    const fs = new NodeFS(dir);
    try {
      const names = fs.root.readDirectory().map((e) => e.name).sort();
      expect(names).toEqual(utf8);
      expect(names).toEqual(["bad-link", "f\uFFFD", "ok.txt", "é.txt"]);
    } finally {
      fs.close();
    }
  });

  it("a guest listing shows the same, and each listed name can be opened", async () => {
    let out = "";
    const r = await nodeRun(filetoolBytes, {
      args: ["filetool", "ls", "/"], dirs: { "/": dir }, stdin: "",
      stdout: (c) => { out += Buffer.from(c).toString(); }, stderr: () => {},
    });
    expect(r.exitCode).toBe(0);
    expect(out.split("f\uFFFD").length - 1).toBe(1);
    expect(out).toContain("ok.txt");
    expect(out).toContain("é.txt");
  });

  it("a symlink target that is not UTF-8 is ILSEQ", () => {
    const fs = new NodeFS(dir);
    try {
      expect(() => fs.root.readlinkAt("bad-link")).toThrow(expect.objectContaining({ errno: Errno.ILSEQ }));
    } finally {
      fs.close();
    }
  });
});

describe("MemFS.from", () => {
  it("takes nested objects as directories", async () => {
    const fs = MemFS.from({ a: { b: {}, "c.txt": "nested", d: { "e.txt": "deeper" } }, l: { symlink: "a/c.txt" }, "x/y.txt": "flat" });
    expect(fs.readText("a/c.txt")).toBe("nested");
    expect(fs.readText("a/d/e.txt")).toBe("deeper");
    expect(fs.readText("l")).toBe("nested");
    expect(fs.readText("x/y.txt")).toBe("flat");
    expect(fs.list("a").sort()).toEqual(["b", "c.txt", "d"]);
    expect(fs.list("a/b")).toEqual([]);
    // and the guest sees them
    const r = await coreRun(filetoolBytes, { args: ["filetool", "cat", "/a/d/e.txt"], preopens: { "/": fs.root } });
    expect(new TextDecoder().decode(r.stdout)).toBe("deeper");
  });

  it("the issue's example works: MemFS.from({ a: { b: {} } })", () => {
    expect(MemFS.from({ a: { b: {} } }).list("a")).toEqual(["b"]);
  });

  it("refuses an entry of another type at construction, naming its path", () => {
    expect(() => MemFS.from({ a: { n: 5 as unknown as string } })).toThrow(/a\/n: number/);
    expect(() => MemFS.from({ a: null as unknown as string })).toThrow(WasiError);
  });
});

describe("options of the wrong type", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["stdout as a string", { stdout: "out.txt" }, /option stdout must be a function or an OutputStream.*"out.txt"/],
    ["stderr as a number", { stderr: 2 }, /option stderr/],
    ["stdin as a number", { stdin: 0 }, /option stdin/],
    ["args not strings", { args: ["a", 1] }, /option args\[1\] must be a string/],
    ["env values not strings", { env: { A: 1 } }, /option env\.A must be a string/],
    ["maxOpenFiles negative", { maxOpenFiles: -1 }, /option maxOpenFiles/],
    ["maxOutputBytes a string", { maxOutputBytes: "10" }, /option maxOutputBytes/],
    ["clock without now()", { clock: {} }, /option clock/],
    ["random without fill()", { random: () => 4 }, /option random/],
    ["trace not a function", { trace: true }, /option trace/],
    ["an unsupported version", { version: "preview2" }, /option version must be "preview1", not "preview2"/],
  ];
  for (const [what, options, message] of cases) {
    it(`new WASI(): ${what}`, () => {
      expect(() => new WASI(options as never)).toThrow(TypeError);
      expect(() => new WASI(options as never)).toThrow(message);
    });
  }

  it("core run() rejects before the guest runs", async () => {
    await expect(coreRun(hello, { stdout: "out.txt" as never })).rejects.toThrow(/option stdout/);
  });

  it("Node run() rejects, in-thread and in a worker", async () => {
    await expect(nodeRun(hello, { stdout: "out.txt" as never, stdin: "" })).rejects.toThrow(/option stdout/);
    await expect(nodeRun(hello, { worker: true, stdout: "out.txt" as never, stdin: "" })).rejects.toThrow(/option stdout/);
    await expect(nodeRun(hello, { worker: true, stderr: 5 as never, stdin: "" })).rejects.toThrow(/option stderr/);
  });

  it("accepts what the docs allow", () => {
    expect(() => new WASI({ stdout: () => {}, stderr: { write() {} }, stdin: ["a", new Uint8Array(1)], env: ["A=1"], args: ["x"], maxOpenFiles: 10 })).not.toThrow();
    expect(() => new WASI({ stdin: () => null, env: { A: "1" } })).not.toThrow();
  });
});
