// stdout/stderr bytes and the exit code, in a worker and on the main thread; module errors.
import { expect, test } from "@playwright/test";
import { PLAIN, open } from "./helpers.js";

const STDOUT = [0x6f, 0x75, 0x74, 0x00, 0xff, 0xc3, 0xa9, 0x0a]; // "out\0", 0xff, "é\n"

test.beforeEach(async ({ page }) => open(page, PLAIN));

test("spawn: exact stdout and stderr bytes and the exit code", async ({ page }) => {
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, collect } = harness;
    const p = anywasi.spawn(wasm.stdio);
    const [out, err, code] = await Promise.all([collect(p.stdout), collect(p.stderr), p.exit]);
    return { out: [...out], err: new TextDecoder().decode(err), code, mode: await p.mode, files: await p.files() };
  });
  expect(r).toEqual({ out: STDOUT, err: "err\n", code: 7, mode: "jspi", files: {} });
});

test("runOnMainThread gives the same bytes and exit code", async ({ page }) => {
  const r = await page.evaluate(async () => {
    const res = await harness.anywasi.runOnMainThread(harness.wasm.stdio);
    return { out: [...res.stdout], err: new TextDecoder().decode(res.stderr), code: res.exitCode, mode: res.mode };
  });
  expect(r).toEqual({ out: STDOUT, err: "err\n", code: 7, mode: "jspi" });
});

test("in-memory files: seeded before, read back after", async ({ page }) => {
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, treeText } = harness;
    const p = anywasi.spawn(wasm.fsops, { args: ["fsops", "apply", "/"], files: { "keep.txt": "kept\n" } });
    const code = await p.exit;
    const files = treeText(await p.files());
    return { code, keep: files["keep.txt"], renamed: files["renamed.txt"], trunc: files["trunc.txt"], empty: files["emptydir"] };
  });
  expect(r).toEqual({ code: 0, keep: "kept\n", renamed: "hello world\n", trunc: "long", empty: {} });
});

test("a module that cannot run rejects exit with a ModuleError", async ({ page }) => {
  const r = await page.evaluate(async () => {
    const p = harness.anywasi.spawn(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    return p.exit.then(String, (e: Error) => `${e.name}: ${e.message}`);
  });
  expect(r).toMatch(/^ModuleError: not a WebAssembly module/);
});

test("sleeping in poll_oneoff lasts as long as asked, in both a worker and the main thread", async ({ page }) => {
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, collect } = harness;
    const p = anywasi.spawn(wasm.sleep);
    const worker = new TextDecoder().decode(await collect(p.stdout));
    const main = new TextDecoder().decode((await anywasi.runOnMainThread(wasm.sleep)).stdout);
    return { worker, main };
  });
  expect(r).toEqual({ worker: "slept enough\n", main: "slept enough\n" });
});
