// The harness of the floor scripts (floor3.mjs, floor4.mjs): every runtime runs a bench program in
// a fresh process, one after the other, round after round, with stdout on /dev/null and a fresh
// work directory under /dev/shm; each process reports `{ runMs }` as a JSON line on fd 3 (the
// bench drivers' protocol). Prints run ms per runtime, median and minimum, as a markdown table.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(dirname(dirname(fileURLToPath(import.meta.url)))));

/** `--procs N` (default 7) and `--size S` (default `size`) of this process's arguments. */
export function options(size) {
  const argv = process.argv.slice(2);
  const at = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  return { procs: Number(at("--procs") ?? 7) || 7, size: at("--size") ?? size };
}

/**
 * Runs `runtimes` (`[name, argv]`, argv after `node --no-warnings`; `tail(work)` is appended)
 * `procs` rounds in turn from the repository root; prints the table under `title`.
 * @throws Error naming a runtime that exited non-zero or reported nothing.
 */
export function runInTurn(title, runtimes, procs, tail) {
  const runs = new Map(runtimes.map(([name]) => [name, []]));
  for (let round = 0; round < procs; round++) {
    for (const [name, argv] of runtimes) {
      const work = fs.mkdtempSync("/dev/shm/floor-");
      const r = spawnSync(process.execPath, ["--no-warnings", ...argv, ...tail(argv, work)], {
        cwd: ROOT, stdio: ["ignore", "ignore", "pipe", "pipe"], encoding: "utf8",
      });
      fs.rmSync(work, { recursive: true, force: true });
      const line = (r.output[3] ?? "").trim().split("\n").at(-1);
      if (!line || r.status !== 0) throw new Error(`${name}: status ${r.status}: ${r.stderr}`);
      runs.get(name).push(JSON.parse(line).runMs);
    }
  }
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0];
  console.log(`${title}, ${procs} processes each, run ms (start() alone); load average ${load} at the end`);
  console.log("| runtime | median | min |");
  console.log("|---|---:|---:|");
  for (const [name, a] of runs) console.log(`| ${name} | ${median(a).toFixed(1)} | ${Math.min(...a).toFixed(1)} |`);
}
