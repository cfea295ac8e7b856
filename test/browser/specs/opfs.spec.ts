// The filesystem contract on OPFS: fixtures/fsops changes a tree through POSIX calls; the same
// steps on the in-memory FS and on an OPFS preopen, with a page reload in between, must leave
// identical trees (as dumped by the guest, and as read directly).
import { expect, test, type Page } from "@playwright/test";
import { PLAIN, open } from "./helpers.js";

/** Run `fsops CMD /data` with /data on OPFS directory `dir`; returns stdout and the exit code. */
async function onOpfs(page: Page, cmd: string, dir: string) {
  return page.evaluate(async ([cmd, dir]) => {
    const { anywasi, wasm, collect } = harness;
    const p = anywasi.spawn(wasm.fsops, { args: ["fsops", cmd, "/data"], opfs: { "/data": dir } });
    return { out: new TextDecoder().decode(await collect(p.stdout)), code: await p.exit };
  }, [cmd, dir] as const);
}

test("fsops on OPFS persists across reloads exactly as on the in-memory FS", async ({ page }) => {
  await open(page, PLAIN);
  const dir = "contract/fsops";
  await page.evaluate(() => harness.clearOpfs("contract"));

  // The reference: every step on the in-memory FS, carried from run to run with files().
  const memory = await page.evaluate(async () => {
    const { anywasi, wasm, collect, treeText } = harness;
    let files = {};
    const dumps: string[] = [];
    for (const cmd of ["apply", "dump", "mutate", "dump"]) {
      const p = anywasi.spawn(wasm.fsops, { args: ["fsops", cmd, "/"], files });
      const out = new TextDecoder().decode(await collect(p.stdout));
      if ((await p.exit) !== 0) throw new Error(`${cmd}: ${out}`);
      files = await p.files();
      if (cmd === "dump") dumps.push(out);
    }
    return { dumps, tree: treeText(files) };
  });
  expect(memory.dumps[0]).toContain("renamed.txt file 12");

  expect(await onOpfs(page, "apply", dir)).toEqual({ out: "applied\n", code: 0 });
  await page.reload();
  await open(page, PLAIN);
  expect(await onOpfs(page, "dump", dir)).toEqual({ out: memory.dumps[0], code: 0 });
  expect(await onOpfs(page, "mutate", dir)).toEqual({ out: "mutated\n", code: 0 });
  await page.reload();
  await open(page, PLAIN);
  expect(await onOpfs(page, "dump", dir)).toEqual({ out: memory.dumps[1], code: 0 });

  // Direct check: OPFS holds the same entries and bytes as the in-memory FS.
  const stored = await page.evaluate(async (dir) => {
    const { anywasi, treeText } = harness;
    return treeText(await anywasi.readOpfsTree(await anywasi.opfsDirectory(dir)));
  }, dir);
  expect(stored).toEqual(memory.tree);
});

// A killed guest: what it wrote before is in OPFS (it is live), and its locks are released; see
// opfs-live.spec.ts.

test("OPFS holds the guest's changes after proc_exit and after a trap too", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, clearOpfs } = harness;
    await clearOpfs("ends");
    const out: Record<string, unknown> = {};
    for (const how of ["exit", "trap"]) {
      const p = anywasi.spawn(wasm.fsops, { args: ["fsops", how, "/data"], opfs: { "/data": `ends/${how}` } });
      const exit = await p.exit.then(String, (e: Error) => e.name);
      const stored = Object.keys(await anywasi.readOpfsTree(await anywasi.opfsDirectory(`ends/${how}`)));
      out[how] = { exit, stored: stored.sort() };
    }
    return out;
  });
  const stored = ["big.bin", "dir1/d2/deep.txt", "empty.txt", "emptydir", "renamed.txt", "trunc.txt"];
  expect(r).toEqual({ exit: { exit: "3", stored }, trap: { exit: "RuntimeError", stored } });
});
