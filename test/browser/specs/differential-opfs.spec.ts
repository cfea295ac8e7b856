// The differential filesystem programs (test/differential/programs.ts, the same fast-check
// generator as test/unit/differential-fs.test.ts) on OPFS in Chromium, through the public
// spawn() API with an `opfs` preopen, compared line by line and tree by tree with the same
// program on MemFS (spawn's `files`). Known differences of OPFS (README): hard links are refused,
// and symlinks live for the run only (so the seed has none: the program makes them first, and
// the final trees are compared without them).
// ANYWASI_DIFF_RUNS_OPFS=n runs more programs (default 8).
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import fc from "fast-check";
import { INITIAL, program } from "../../differential/programs.js";
import { PLAIN, open } from "./helpers.js";

const RUNS = Number(process.env["ANYWASI_DIFF_RUNS_OPFS"] ?? 8);
const SEED = Number(process.env["ANYWASI_DIFF_SEED"] ?? 20261204);
const WASM = [...readFileSync(new URL("../../differential/fsops.wasm", import.meta.url))];
/** INITIAL without its symlinks (OPFS cannot keep them), as [path, content | null for a directory]. */
const SEED_TREE = Object.entries(INITIAL).filter(([, c]) => typeof c !== "object" || c === null) as [string, string | null][];
/** INITIAL's symlinks, made by the guest at the start of every program. */
const SEED_LINKS = Object.entries(INITIAL).flatMap(([p, c]) => (typeof c === "object" && c !== null ? [`symlink ${c.symlink} r ${p}`] : []));

test.setTimeout(60_000 + RUNS * 15_000);

/** Run `programs` on OPFS and on MemFS and compare; returns how many were compared to the end. */
async function compareAll(page: Page, programs: string[][]): Promise<number> {
  let compared = 0;
  for (const [n, prog] of programs.entries()) {
    const r = await page.evaluate(async ({ wasm, prog, seed, dir }) => {
      const { anywasi, collect, clearOpfs } = harness;
      const bytes = new Uint8Array(wasm);
      const dec = new TextDecoder();
      await clearOpfs(dir);
      const top = await (await navigator.storage.getDirectory()).getDirectoryHandle(dir, { create: true });
      const files: Record<string, string | Record<string, never>> = {};
      for (const [path, content] of seed) {
        const parts = path.split("/");
        const last = content === null ? undefined : parts.pop()!;
        let d = top;
        for (const p of parts) d = await d.getDirectoryHandle(p, { create: true });
        if (last !== undefined) {
          const w = await (await d.getFileHandle(last, { create: true })).createWritable();
          await w.write(content!);
          await w.close();
        }
        files[path] = content ?? {};
      }
      const run = async (options: Parameters<typeof anywasi.spawn>[1]) => {
        const p = anywasi.spawn(bytes, { args: ["fsops", ...prog], ...options });
        const [out, code] = await Promise.all([collect(p.stdout), p.exit.catch((e: Error) => e.message)]);
        return { p, lines: dec.decode(out).split("\n").slice(0, -1), code };
      };
      const opfs = await run({ opfs: { "/": dir } });
      const mem = await run({ files });
      // Both trees as path -> "dir" | "file:<content>", symlinks left out.
      const opfsTree: Record<string, string> = {};
      const walk = async (h: FileSystemDirectoryHandle, rel: string): Promise<void> => {
        for await (const [name, e] of (h as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
          const path = rel === "" ? name : `${rel}/${name}`;
          if (e.kind === "directory") {
            opfsTree[path] = "dir";
            await walk(e as FileSystemDirectoryHandle, path);
          } else opfsTree[path] = `file:${await (await (e as FileSystemFileHandle).getFile()).text()}`;
        }
      };
      await walk(top, "");
      const memTree: Record<string, string> = {};
      for (const [path, v] of Object.entries(await mem.p.files())) {
        const parts = path.split("/");
        for (let i = 1; i < parts.length; i++) memTree[parts.slice(0, i).join("/")] = "dir";
        if (v instanceof Uint8Array) memTree[path] = `file:${dec.decode(v)}`;
        else if (typeof v === "object" && v !== null && !("symlink" in v)) memTree[path] = "dir";
      }
      await clearOpfs(dir);
      return { opfs: opfs.lines, mem: mem.lines, codes: [opfs.code, mem.code], opfsTree, memTree };
    }, { wasm: WASM, prog, seed: SEED_TREE, dir: `differential-${n}` });
    expect(r.codes, prog.join("\n")).toEqual([0, 0]);
    expect(r.mem.length, "one line per operation").toBe(prog.length);
    // Lines agree up to the first hard link MemFS made and OPFS refused; the trees differ from there.
    let diverged = false;
    for (let i = 0; i < prog.length; i++) {
      const [o, m] = [r.opfs[i], r.mem[i]];
      if (o === m) continue;
      if (prog[i]!.startsWith("link ") && m === "ok") { diverged = true; break; }
      const table = prog.map((p, j) => `${r.opfs[j] === r.mem[j] ? "  " : "!!"} ${p.padEnd(36)} OPFS: ${r.opfs[j]}  MemFS: ${r.mem[j]}`);
      throw new Error(`OPFS and MemFS disagree:\n${table.join("\n")}`);
    }
    if (diverged) continue;
    expect(r.opfsTree, `trees\n${prog.join("\n")}`).toEqual(r.memTree);
    compared++;
  }
  return compared;
}

test(`differential programs: OPFS and MemFS agree (${RUNS} programs, seed ${SEED})`, async ({ page }) => {
  await open(page, PLAIN);
  const programs = fc.sample(program, { seed: SEED, numRuns: RUNS }).map((p) => [...SEED_LINKS, ...p]);
  const compared = await compareAll(page, programs);
  console.log(`OPFS differential: ${compared} of ${programs.length} programs compared to the end`);
});

// Found by this suite: live OPFS kept a directory descriptor's path, so once the directory or
// an ancestor was renamed the descriptor answered NOENT (MemFS, NodeFS and Linux follow the
// directory). opfs-live.ts now moves open directory handles with the rename.
test("regression: a directory descriptor still works after its ancestor is renamed", async ({ page }) => {
  await open(page, PLAIN);
  await compareAll(page, [[...SEED_LINKS, "open 4 r a/b d", "rename r a r x/y/a2", "readdir 4 64", "mkdir 4 c/newdir", "stat r x/y/a2/b/c/newdir"]]);
});
