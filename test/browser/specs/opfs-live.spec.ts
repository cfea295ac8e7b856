// OPFS preopens are live: concurrent writers (two guests of one page, or two pages of one origin)
// never lose each other's updates silently, and a small read does not pay for a big sibling file.
// The oracle for every line is the guest's own exit status: a guest that exited 0 wrote all its
// lines, so all of them must be in the file OPFS holds afterwards.
import { expect, test, type Page } from "@playwright/test";
import { ISOLATED, PLAIN, open } from "./helpers.js";

const LINES = 40;

/** Spawn `append /data/log.txt TAG LINES 300` (after 300 ms, so that concurrent runs overlap) on the OPFS directory `dir`; resolves to its exit and stderr. */
function appendOn(page: Page, dir: string, tag: string, stdinMode: "auto" | "sab" = "auto") {
  return page.evaluate(async ([dir, tag, lines, stdinMode]) => {
    const { anywasi, wasm, collect } = harness;
    const p = anywasi.spawn(wasm.append, { args: ["append", "/data/log.txt", tag, String(lines), "300"], opfs: { "/data": dir }, stdinMode });
    const [err, code] = await Promise.all([collect(p.stderr), p.exit.catch((e: Error) => `${e.name}: ${e.message}`)]);
    return { code, err: new TextDecoder().decode(err) };
  }, [dir, tag, LINES, stdinMode] as const);
}

/** The lines of `dir/log.txt` as OPFS holds them, read directly. */
function storedLines(page: Page, dir: string): Promise<string[]> {
  return page.evaluate(async (dir) => {
    const d = await harness.anywasi.opfsDirectory(dir);
    const text = await (await (await d.getFileHandle("log.txt")).getFile()).text();
    return text.split("\n").filter((l) => l !== "");
  }, dir);
}

/** Every guest that exited 0 has all its lines in the file; one that did not said why on stderr. */
function expectNoSilentLoss(runs: { tag: string; code: number | string; err: string }[], lines: string[]) {
  for (const r of runs) {
    const mine = lines.filter((l) => l.startsWith(`${r.tag} `));
    if (r.code === 0) expect(mine, `guest ${r.tag} exited 0`).toEqual(Array.from({ length: LINES }, (_, i) => `${r.tag} ${i}`));
    else expect(r.err, `guest ${r.tag} failed (${r.code}) and must say why`).toMatch(/errno/);
  }
  // Nothing torn or duplicated either.
  for (const l of lines) expect(l).toMatch(/^[a-z] \d+$/);
  expect(new Set(lines).size).toBe(lines.length);
}

for (const [name, url, stdinMode] of [["JSPI", PLAIN, "auto"], ["SAB", ISOLATED, "sab"]] as const) {
  test(`two guests appending to one OPFS file at once lose nothing (${name} stdin)`, async ({ page }) => {
    await open(page, url);
    const dir = `live-two-guests-${name}`;
    await page.evaluate((dir) => harness.clearOpfs(dir), dir);
    const runs = await Promise.all(["a", "b"].map(async (tag) => ({ tag, ...(await appendOn(page, dir, tag, stdinMode)) })));
    const lines = await storedLines(page, dir);
    console.log(`two guests (${name}): exits ${runs.map((r) => r.code).join(", ")}, ${lines.length} lines stored`);
    expectNoSilentLoss(runs, lines);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
  });
}

test("two pages of one origin appending to one OPFS file lose nothing", async ({ page, context }) => {
  const other = await context.newPage();
  await open(page, PLAIN);
  await open(other, PLAIN);
  const dir = "live-two-pages";
  await page.evaluate((dir) => harness.clearOpfs(dir), dir);
  const runs = await Promise.all([
    appendOn(page, dir, "p").then((r) => ({ tag: "p", ...r })),
    appendOn(other, dir, "q").then((r) => ({ tag: "q", ...r })),
  ]);
  const lines = await storedLines(page, dir);
  console.log(`two pages: exits ${runs.map((r) => r.code).join(", ")}, ${lines.length} lines stored`);
  expectNoSilentLoss(runs, lines);
  expect(runs.map((r) => r.code)).toEqual([0, 0]);
});

test("a guest that cannot get a file another guest holds open fails with EBUSY, and writes nothing", async ({ page }) => {
  test.setTimeout(60_000);
  await open(page, PLAIN);
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, collect, readUntil, clearOpfs } = harness;
    await clearOpfs("live-busy");
    // Held for longer than the test can last (it is killed below): the second guest waits 5 s for
    // the lock once it has started, so with a 9 s hold a start slower than 4 s on a loaded machine
    // let the hold end first and the second open succeed.
    const holder = anywasi.spawn(wasm.append, { args: ["append", "hold", "/data/log.txt", "600000"], opfs: { "/data": "live-busy" } });
    await readUntil(holder.stdout.getReader(), "holding\n");
    const t0 = performance.now();
    const second = anywasi.spawn(wasm.append, { args: ["append", "/data/log.txt", "b", "1"], opfs: { "/data": "live-busy" } });
    const err = new TextDecoder().decode(await collect(second.stderr));
    const code = await second.exit;
    const waited = performance.now() - t0;
    holder.kill();
    const text = await (await (await (await anywasi.opfsDirectory("live-busy")).getFileHandle("log.txt")).getFile()).text();
    return { code, err, waited, text };
  });
  console.log(`second opener gave up after ${r.waited.toFixed(0)} ms`);
  // 10 is WASI's EBUSY.
  expect(r).toMatchObject({ code: 1, err: "open: errno 10\n", text: "" });
  expect(r.waited).toBeGreaterThan(4000);
});

test("a 10-byte cat does not pay for a 50 MB sibling file", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, collect, clearOpfs } = harness;
    await clearOpfs("live-big");
    const dir = await anywasi.opfsDirectory("live-big");
    const big = await (await dir.getFileHandle("big.bin", { create: true })).createWritable();
    await big.write(new Uint8Array(50 * 1024 * 1024).fill(7));
    await big.close();
    const small = await (await dir.getFileHandle("small.txt", { create: true })).createWritable();
    await small.write("0123456789");
    await small.close();
    const cat = async () => {
      const t0 = performance.now();
      const p = anywasi.spawn(wasm.append, { args: ["append", "cat", "/data/small.txt"], opfs: { "/data": "live-big" } });
      const out = new TextDecoder().decode(await collect(p.stdout));
      return { out, code: await p.exit, ms: performance.now() - t0 };
    };
    // The same guest with no preopen at all: what a run costs without OPFS (worker start, compile).
    const t0 = performance.now();
    const bare = anywasi.spawn(wasm.append, { args: ["append", "cat", "/nothing"] });
    await bare.exit;
    const bareMs = performance.now() - t0;
    await cat(); // warm-up
    const runs = [await cat(), await cat(), await cat()];
    return { runs, bareMs, size: (await (await dir.getFileHandle("big.bin")).getFile()).size };
  });
  const best = Math.min(...r.runs.map((x) => x.ms));
  console.log(`10-byte cat beside a ${r.size}-byte file: best ${best.toFixed(1)} ms (runs ${r.runs.map((x) => x.ms.toFixed(1)).join(", ")} ms; the same guest without OPFS: ${r.bareMs.toFixed(1)} ms)`);
  for (const x of r.runs) expect(x).toMatchObject({ out: "0123456789", code: 0 });
  expect(best).toBeLessThan(5000);
});

test("a guest's writes reach OPFS while it runs, and a killed guest's locks are released", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, readUntil, clearOpfs, collect } = harness;
    await clearOpfs("live-killed");
    const p = anywasi.spawn(wasm.fsops, { args: ["fsops", "hang", "/data"], opfs: { "/data": "live-killed" } });
    await readUntil(p.stdout.getReader(), "applied\n");
    // Still running: what it wrote is already there.
    const during = Object.keys(await anywasi.readOpfsTree(await anywasi.opfsDirectory("live-killed"))).sort();
    p.kill();
    const code = await p.exit;
    const next = anywasi.spawn(wasm.append, { args: ["append", "/data/renamed.txt", "after", "1"], opfs: { "/data": "live-killed" } });
    const err = new TextDecoder().decode(await collect(next.stderr));
    return { during, code, next: await next.exit, err };
  });
  expect(r).toEqual({
    during: ["big.bin", "dir1/d2/deep.txt", "empty.txt", "emptydir", "renamed.txt", "trunc.txt"],
    code: 137, next: 0, err: "",
  });
});
