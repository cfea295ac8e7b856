// Differential filesystem tests: fast-check generates programs of filesystem operations (nested
// paths at depths 1 to 6, create/open/read/write/seek, readdir paged with cookies through small
// buffers, stat, rename across directories, link, relative symlinks, unlink, rmdir, truncate,
// descriptors kept open while the tree changes under them); test/differential/fsops.wasm runs
// each one on anywasi+MemFS, anywasi+NodeFS on a real directory, and node:wasi on another real
// directory. Every result line and the resulting trees must agree. node:wasi is an independent
// implementation (libuv's uvwasi); where it is known to be wrong, the comparison uses what Linux
// itself answers instead (see `oracle` below and the README's platform differences).
//
// Budget: 40 programs from a fixed seed in `npm test`; ANYWASI_DIFF_RUNS=2000 (and optionally
// ANYWASI_DIFF_SEED=n) for a longer run. A failing program is printed shrunk; keep it in
// REGRESSIONS below.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { program } from "../differential/programs.js";
import { ESCAPES, linuxAnswer, onMemFS, onNodeFS, onNodeWasi, type Outcome } from "../differential/run.js";

const RUNS = Number(process.env.ANYWASI_DIFF_RUNS ?? 40);
const SEED = Number(process.env.ANYWASI_DIFF_SEED ?? 20261204);

/** Programs that once failed (shrunk counterexamples), run first on every run. */
const REGRESSIONS: string[][] = [
  // Defect 1 of issue 12: a directory opened through a nested path listed BADF on NodeFS.
  ["open 4 r a/b d", "readdir 4 32", "open 5 r a/b/c/d d", "readdir 5 4096", "mkdir 5 e/n", "readdir 5 40"],
  // path_link looked up the new name before the whole source: NOTDIR where Linux says NOENT,
  // and PERM for a directory source where Linux says EXIST (the new name is checked first).
  ["link r x/y/b r a/b/c/d/e/f5/n"],
  ["open 4 r a/b d", "link r a/b/c/d 4 c/d"],
  // node:wasi answers NOTCAPABLE for a symlink over an existing name (Linux: EXIST) and follows a
  // last symlink without SYMLINK_FOLLOW (Linux with O_NOFOLLOW: LOOP).
  ["open 4 r a/b d", "symlink ../top 4 c"],
  ["open 2 r x/ldir ctw", "open 3 r a/b/lnk t"],
  // Renaming a file onto a directory that contains it: EISDIR here, ENOTEMPTY on Linux; a
  // directory onto a file in its own subtree: ENOTDIR here, EINVAL on Linux (README).
  ["rename r a/b/c/d/e/f5 r a/b/c/d"],
  ["open 4 r a/b d", "rename r a 4 f2"],
  // node:wasi keeps a directory descriptor's path, not the directory: after a rename it answers
  // for the old path (NOENT); Linux, like anywasi, follows the directory (INVAL: into itself).
  ["open 4 r a/b d", "open 7 r a/b/c/d/e d", "rename r a/b/c 4 e", "rename r a 7 c"],
  ["open 4 r a/b d", "open 0 4 c -", "seek 0 0 s"],
  ["open 4 r a/b d", "rename r a r x/y", "readdir 4 32"],
];

/** Lines that must agree; on mismatch, show the program with each engine's answers side by side. */
function compare(program: string[], a: Outcome, aName: string, b: Outcome, bName: string): void {
  const rows: string[] = [];
  let same = a.lines.length === b.lines.length;
  program.forEach((p, i) => {
    const x = a.lines[i] ?? "(none)";
    const y = b.lines[i] ?? "(none)";
    if (x !== y) same = false;
    rows.push(`${x === y ? "  " : "!!"} ${p.padEnd(36)} ${aName}: ${x}  ${bName}: ${y}`);
  });
  if (!same) expect.fail(`${aName} and ${bName} disagree:\n${rows.join("\n")}`);
  expect(a.tree, `tree: ${aName} vs ${bName}\n${program.join("\n")}`).toEqual(b.tree);
}

/**
 * Why node:wasi's `theirs` for `prog[i]` may differ from anywasi's `ours`, or null when it may not.
 * node:wasi is not taken at its word: the answer counts only when Linux (Node's fs, replaying the
 * program) agrees with anywasi, or when the difference is a documented sandbox rule.
 */
function excuse(prog: string[], i: number, ours: string, theirs: string): string | null {
  const t = prog[i]!.split(" ");
  const path = t.slice(1).join(" ");
  // As wasmtime: a directory descriptor is its own root, so a symlink or `..` leaving it is PERM
  // even inside the preopen; node:wasi only keeps paths inside the preopen.
  if (ours === "E63" && /(^|[ /])\d [^ ]*(ldir|\.\.)/.test(path)) return "descriptor-root";
  // I/O on a directory descriptor: ISDIR here (as read(2)), NOTCAPABLE from node:wasi's rights
  // check; Linux would even seek a directory. README, platform differences.
  if (["read", "pread", "write", "pwrite", "seek", "ftrunc"].includes(t[0]!) && ours === "E31" && theirs === "E76") return "directory-io";
  const linux = linuxAnswer(prog, i);
  if (linux === ours) return `node:wasi ${theirs}, Linux ${linux}`;
  if (linux === ESCAPES && (ours === "E63" || ours === "E76")) return "escape";
  // README, platform differences: a rename between a directory and its own subtree whose types
  // also mismatch gets the type error (ISDIR, NOTDIR); Linux checks ancestry first (NOTEMPTY, INVAL).
  if (t[0] === "rename" && ((ours === "E31" && linux === "E55") || (ours === "E54" && linux === "E28"))) return "rename-ancestry";
  return null;
}

/** How often each excuse was needed (printed in the long mode). */
const excuses = new Map<string, number>();

function check(prog: string[]): void {
  const mem = onMemFS(prog);
  const disk = onNodeFS(prog);
  compare(prog, mem, "MemFS", disk, "NodeFS");
  const oracle = onNodeWasi(prog);
  for (let i = 0; i < prog.length; i++) {
    const ours = disk.lines[i] ?? "(none)";
    const theirs = oracle.lines[i] ?? "(none)";
    if (ours === theirs) continue;
    const why = excuse(prog, i, ours, theirs);
    if (why === null) compare(prog.slice(0, i + 1), disk, "NodeFS", oracle, "node:wasi");
    const kind = why!.replace(/ .*/, "") + (why!.startsWith("node:wasi") ? ` ${prog[i]!.split(" ")[0]}` : "");
    excuses.set(kind, (excuses.get(kind) ?? 0) + 1);
    return; // the two trees differ from here on
  }
  expect(disk.tree, `tree: NodeFS vs node:wasi\n${prog.join("\n")}`).toEqual(oracle.tree);
}

describe("differential filesystem programs: MemFS, NodeFS and node:wasi agree", () => {
  it.each(REGRESSIONS.map((p) => [p.join(" | "), p] as const))("regression: %s", (_, prog) => check(prog));

  afterAll(() => {
    if (RUNS > 40) console.log("node:wasi answers overruled or excused:", Object.fromEntries(excuses));
  });

  it(`${RUNS} generated programs (seed ${SEED})`, () => {
    fc.assert(fc.property(program, (prog) => { check(prog); }), { seed: SEED, numRuns: RUNS });
  }, 30_000 + RUNS * 500);
});
