import * as fs from "node:fs";
import { createRequire } from "node:module";
import type * as Os from "node:os";
import type * as Tty from "node:tty";
import type { Worker, WorkerOptions } from "node:worker_threads";

/*
 * `node:worker_threads` is loaded at the first thread, not when @anywasi/node is imported: most
 * runs start none, and the heap it leaves behind is part of what decides whether V8 doubles its
 * young generation for the rest of the process (bench/analysis.md, "Peak RSS, 2026-12-08, later").
 */
const load = createRequire(import.meta.url);
let WorkerClass: typeof Worker | undefined;

/**
 * `node:os`, loaded at its first use (a gateway's pool size, the transpile cache's default
 * directory): a run needs neither, and the module costs every process that imports it (~0.2 MiB).
 */
export function nodeOs(): typeof Os {
  return load("node:os") as typeof Os;
}

/**
 * A new `worker_threads` Worker running the file at `url`.
 * @throws what `new Worker` throws (a missing file, bad options).
 */
export function startWorker(url: URL, options: WorkerOptions): Worker {
  WorkerClass ??= (load("node:worker_threads") as typeof import("node:worker_threads")).Worker;
  return new WorkerClass(url, options);
}

/*
 * `node:tty` loads `node:net` and its stream machinery: about 2.8 ms and 0.4 MiB at import, and
 * part of what survives V8's first scavenges. Most runs have no terminal (pipes, files,
 * /dev/null), so a descriptor's stat decides first whether it can be one, and `node:tty` is loaded
 * only to ask about one that can.
 */
let tty: typeof Tty | undefined;

/** False when `fd` cannot be a terminal: not a character device, or one of Linux's memory devices (major 1: /dev/null, /dev/zero...). */
function mayBeTerminal(fd: number): boolean {
  try {
    // A bigint stat: a number one of a pipe would mislead Node 20's realpath cache (stat-mode.ts).
    const st = fs.fstatSync(fd, { bigint: true });
    if (!st.isCharacterDevice()) return false;
    // BigInt(): a runtime that ignores `bigint` (Deno's compatibility layer may) answers a number.
    return !(process.platform === "linux" && ((BigInt(st.rdev) >> 8n) & 0xfffn) === 1n);
  } catch {
    return true; // Let isatty() answer (false for a closed descriptor).
  }
}

/*
 * The standard descriptors are classified once, as this module loads, so that a run's set-up pays
 * no stat for them: they are the process's own, and Node gives no way to replace one in place.
 */
const standard = new Map([0, 1, 2].map((fd) => [fd, mayBeTerminal(fd)]));

/** Whether host descriptor `fd` is a terminal (`tty.isatty`). */
export function isTerminal(fd: number): boolean {
  if (!(standard.get(fd) ?? mayBeTerminal(fd))) return false;
  tty ??= load("node:tty") as typeof Tty;
  return tty.isatty(fd);
}
