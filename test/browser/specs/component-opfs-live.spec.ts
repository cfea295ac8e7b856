// A WASI 0.2 component's OPFS preopen is live wherever the engine has JSPI, in both stdin modes, as
// a preview1 module's is: what it writes is in OPFS while it still runs, and a killed component
// keeps what it wrote (its file locks released). Under SAB the component runs through the JSPI
// glue with only its directory operations suspending, while its stdin read blocks in
// Atomics.wait. The oracle is OPFS itself, read by the page (`readOpfsTree`) while the component
// waits for stdin or spins. On the snapshot model (an engine without JSPI) nothing reaches OPFS
// before the guest ends, and a killed guest stores nothing: the last test hides JSPI from the
// guest's worker to keep that path tested, and the live tests fail there (the SAB ones failed
// before components had live OPFS under SAB).
//
// Fixtures: test/browser/fixtures/opfs_hold.component.wasm (`jco new opfs_hold.wasm
// --wasi-command`; opfs_hold.c: mkdir, write, readdir, stat, then blocks on stdin, then appends
// what it read and renames the file) and fsops.component.wasm (`jco new fsops.wasm
// --wasi-command`: the preview1 fixture of opfs-live.spec.ts).
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ISOLATED, PLAIN, open } from "./helpers.js";

const read = (p: string) => [...readFileSync(new URL(`../../../${p}`, import.meta.url))];
const HOLD_C = read("test/browser/fixtures/opfs_hold.component.wasm");
const FSOPS_C = read("test/browser/fixtures/fsops.component.wasm");

type Mode = "jspi" | "sab";
/** The page of each stdin mode: plain for JSPI, cross-origin isolated for SAB. */
const PAGE: Record<Mode, string> = { jspi: PLAIN, sab: ISOLATED };

/**
 * Make every worker the page starts from now on run without JSPI (`WebAssembly.Suspending` and
 * `promising` deleted before the worker's own module is evaluated), as in a browser that has
 * none. Nothing in @anywasi/browser forces that path, and Chromium's flags do not turn JSPI off.
 */
async function hideJspiFromWorkers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const blobUrl = (code: string) => URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    const prelude = blobUrl("delete WebAssembly.Suspending; delete WebAssembly.promising;");
    const Real = globalThis.Worker;
    globalThis.Worker = class extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        const target = new URL(url, location.href).href;
        // Static imports are evaluated in order: the prelude first.
        super(blobUrl(`import ${JSON.stringify(prelude)}; import ${JSON.stringify(target)};`), options);
      }
    };
  });
}

/**
 * Run opfs_hold on the OPFS directory `dir` under `stdinMode`: read OPFS while it waits for stdin
 * (after it printed "written"), then type a line, close stdin and read OPFS again at the end.
 */
async function holdRun(page: Page, stdinMode: Mode, dir: string) {
  return page.evaluate(async ({ hold, stdinMode, dir }) => {
    const { anywasi, readUntil, collect, clearOpfs, treeText } = harness;
    await clearOpfs(dir);
    const tree = async () => treeText(await anywasi.readOpfsTree(await anywasi.opfsDirectory(dir)));
    const p = anywasi.spawn(new Uint8Array(hold), {
      args: ["opfs_hold", "/data"], opfs: { "/data": dir }, stdin: "interactive", stdinMode,
    });
    const reader = p.stdout.getReader();
    const seen = { text: "" };
    await readUntil(reader, "written\n", seen);
    // The component waits in a stdin read (suspended, or blocked in Atomics.wait).
    const during = await tree();
    const w = p.stdin.getWriter();
    await w.write(new TextEncoder().encode("second\n"));
    await w.close();
    reader.releaseLock();
    const rest = new TextDecoder().decode(await collect(p.stdout));
    return { during, out: seen.text + rest, code: await p.exit, mode: await p.mode, after: await tree() };
  }, { hold: HOLD_C, stdinMode, dir });
}

for (const mode of ["jspi", "sab"] as const) {
  const tag = mode.toUpperCase();

  test(`${tag}: a component's writes are in OPFS while it waits for stdin, and it finishes on live OPFS`, async ({ page }) => {
    await open(page, PAGE[mode]);
    expect(await holdRun(page, mode, `c-live-hold-${mode}`)).toEqual({
      during: { "sub/first.txt": "first\n" },
      out: "written\ndone\n",
      code: 0,
      mode,
      after: { "done.txt": "first\nsecond\n", "sub": {} },
    });
  });

  test(`${tag}: a killed component keeps what it wrote to OPFS, and its files are free for the next guest`, async ({ page }) => {
    await open(page, PAGE[mode]);
    const r = await page.evaluate(async ({ hold, fsops, stdinMode }) => {
      const { anywasi, wasm, readUntil, collect, clearOpfs, treeText } = harness;
      const killed = `c-live-killed-${stdinMode}`;
      const spun = `c-live-fsops-${stdinMode}`;
      await clearOpfs(killed);
      await clearOpfs(spun);
      // Killed while waiting for stdin.
      const p = anywasi.spawn(new Uint8Array(hold), {
        args: ["opfs_hold", "/data"], opfs: { "/data": killed }, stdin: "interactive", stdinMode,
      });
      await readUntil(p.stdout.getReader(), "written\n");
      p.kill();
      const code = await p.exit;
      const kept = treeText(await anywasi.readOpfsTree(await anywasi.opfsDirectory(killed)));
      const next = anywasi.spawn(wasm.append, { args: ["append", "/data/sub/first.txt", "after", "1"], opfs: { "/data": killed } });
      const nextErr = new TextDecoder().decode(await collect(next.stderr));
      const nextCode = await next.exit;
      // Killed while spinning after a series of changes (create, rename, truncate, mkdir, hard link...).
      const q = anywasi.spawn(new Uint8Array(fsops), { args: ["fsops", "hang", "/data"], opfs: { "/data": spun }, stdinMode });
      await readUntil(q.stdout.getReader(), "applied\n");
      const during = Object.keys(await anywasi.readOpfsTree(await anywasi.opfsDirectory(spun))).sort();
      q.kill();
      return { code, kept, nextCode, nextErr, during, fsopsCode: await q.exit };
    }, { hold: HOLD_C, fsops: FSOPS_C, stdinMode: mode });
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
}

test("without JSPI (SAB): a component's OPFS preopen is a snapshot, written back when it ends", async ({ page }) => {
  await open(page, ISOLATED);
  await hideJspiFromWorkers(page);
  expect(await holdRun(page, "sab", "c-snap-hold")).toEqual({
    during: {},
    out: "written\ndone\n",
    code: 0,
    mode: "sab",
    after: { "done.txt": "first\nsecond\n", "sub": {} },
  });
});
