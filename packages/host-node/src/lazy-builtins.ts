import { createRequire } from "node:module";
import type { Worker, WorkerOptions } from "node:worker_threads";

/*
 * `node:worker_threads` is loaded at the first thread, not when @anywasi/node is imported: most
 * runs start none, and the heap it leaves behind is part of what decides whether V8 doubles its
 * young generation for the rest of the process (bench/analysis.md, "Peak RSS, 2026-12-08, later").
 */
const load = createRequire(import.meta.url);
let WorkerClass: typeof Worker | undefined;

/**
 * A new `worker_threads` Worker running the file at `url`.
 * @throws what `new Worker` throws (a missing file, bad options).
 */
export function startWorker(url: URL, options: WorkerOptions): Worker {
  WorkerClass ??= (load("node:worker_threads") as typeof import("node:worker_threads")).Worker;
  return new WorkerClass(url, options);
}
