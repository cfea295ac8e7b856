// A WASI 0.2 component's OPFS preopen is live under JSPI, as a preview1 module's is: what it
// writes is in OPFS while it still runs, and a killed component keeps what it wrote (its file
// locks released). The oracle is OPFS itself, read by the page (`readOpfsTree`) while the
// component waits for stdin or spins. On the snapshot model (SAB mode, or components before
// live OPFS) nothing reaches OPFS before the guest ends, and a killed guest stores nothing: the
// first two tests fail there (checked once by forcing the snapshot path in JSPI mode).
//
// Fixtures: test/browser/fixtures/opfs_hold.component.wasm (`jco new opfs_hold.wasm
// --wasi-command`; opfs_hold.c: mkdir, write, readdir, stat, then blocks on stdin, then appends
// what it read and renames the file) and fsops.component.wasm (`jco new fsops.wasm
// --wasi-command`: the preview1 fixture of opfs-live.spec.ts).
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ISOLATED, PLAIN, open } from "./helpers.js";

const read = (p: string) => [...readFileSync(new URL(`../../../${p}`, import.meta.url))];
const HOLD_C = read("test/browser/fixtures/opfs_hold.component.wasm");
const FSOPS_C = read("test/browser/fixtures/fsops.component.wasm");

test("JSPI: a component's writes are in OPFS while it waits for stdin, and it finishes on live OPFS", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async ({ hold }) => {
    const { anywasi, readUntil, collect, clearOpfs, treeText } = harness;
    await clearOpfs("c-live-hold");
    const tree = async () => treeText(await anywasi.readOpfsTree(await anywasi.opfsDirectory("c-live-hold")));
    const p = anywasi.spawn(new Uint8Array(hold), {
      args: ["opfs_hold", "/data"], opfs: { "/data": "c-live-hold" }, stdin: "interactive", stdinMode: "jspi",
    });
    const reader = p.stdout.getReader();
    const seen = { text: "" };
    await readUntil(reader, "written\n", seen);
    // The component is suspended in a stdin read: what it wrote must already be in OPFS.
    const during = await tree();
    const w = p.stdin.getWriter();
    await w.write(new TextEncoder().encode("second\n"));
    await w.close();
    reader.releaseLock();
    const rest = new TextDecoder().decode(await collect(p.stdout));
    return { during, out: seen.text + rest, code: await p.exit, mode: await p.mode, after: await tree() };
  }, { hold: HOLD_C });
  expect(r).toEqual({
    during: { "sub/first.txt": "first\n" },
    out: "written\ndone\n",
    code: 0,
    mode: "jspi",
    after: { "done.txt": "first\nsecond\n", "sub": {} },
  });
});

test("JSPI: a killed component keeps what it wrote to OPFS, and its files are free for the next guest", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async ({ hold, fsops }) => {
    const { anywasi, wasm, readUntil, collect, clearOpfs, treeText } = harness;
    await clearOpfs("c-live-killed");
    await clearOpfs("c-live-fsops");
    // Killed while suspended on stdin.
    const p = anywasi.spawn(new Uint8Array(hold), {
      args: ["opfs_hold", "/data"], opfs: { "/data": "c-live-killed" }, stdin: "interactive", stdinMode: "jspi",
    });
    await readUntil(p.stdout.getReader(), "written\n");
    p.kill();
    const code = await p.exit;
    const kept = treeText(await anywasi.readOpfsTree(await anywasi.opfsDirectory("c-live-killed")));
    const next = anywasi.spawn(wasm.append, { args: ["append", "/data/sub/first.txt", "after", "1"], opfs: { "/data": "c-live-killed" } });
    const nextErr = new TextDecoder().decode(await collect(next.stderr));
    const nextCode = await next.exit;
    // Killed while spinning after a series of changes (create, rename, truncate, mkdir, hard link...).
    const q = anywasi.spawn(new Uint8Array(fsops), { args: ["fsops", "hang", "/data"], opfs: { "/data": "c-live-fsops" }, stdinMode: "jspi" });
    await readUntil(q.stdout.getReader(), "applied\n");
    const during = Object.keys(await anywasi.readOpfsTree(await anywasi.opfsDirectory("c-live-fsops"))).sort();
    q.kill();
    return { code, kept, nextCode, nextErr, during, fsopsCode: await q.exit };
  }, { hold: HOLD_C, fsops: FSOPS_C });
  expect(r).toEqual({
    code: 137,
    kept: { "sub/first.txt": "first\n" },
    nextCode: 0,
    nextErr: "",
    // The same entries as the preview1 fsops in opfs-live.spec.ts.
    during: ["big.bin", "dir1/d2/deep.txt", "empty.txt", "emptydir", "renamed.txt", "trunc.txt"],
    fsopsCode: 137,
  });
});

test("SAB: a component's OPFS preopen is a snapshot, written back when it ends", async ({ page }) => {
  await open(page, ISOLATED);
  const r = await page.evaluate(async ({ hold }) => {
    const { anywasi, readUntil, collect, clearOpfs, treeText } = harness;
    await clearOpfs("c-snap-hold");
    const tree = async () => treeText(await anywasi.readOpfsTree(await anywasi.opfsDirectory("c-snap-hold")));
    const p = anywasi.spawn(new Uint8Array(hold), {
      args: ["opfs_hold", "/data"], opfs: { "/data": "c-snap-hold" }, stdin: "interactive", stdinMode: "sab",
    });
    const reader = p.stdout.getReader();
    await readUntil(reader, "written\n");
    const during = await tree();
    const w = p.stdin.getWriter();
    await w.write(new TextEncoder().encode("second\n"));
    await w.close();
    reader.releaseLock();
    await collect(p.stdout);
    return { during, code: await p.exit, mode: await p.mode, after: await tree() };
  }, { hold: HOLD_C });
  expect(r).toEqual({ during: {}, code: 0, mode: "sab", after: { "done.txt": "first\nsecond\n", "sub": {} } });
});
