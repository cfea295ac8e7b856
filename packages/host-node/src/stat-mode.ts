import * as fs from "node:fs";

/**
 * Put a harmless file type back where Node keeps the thread's last number stat, after one that
 * found a pipe or a socket (`st`; anything else, or nothing, is left alone).
 *
 * Node 20's `fs.realpathSync`, which its module loader runs with a cache, reads the mode of the
 * thread's last number stat when it meets a path component it has cached, and stops resolving
 * symlinks if that mode is a pipe's or a socket's. So after a guest listed a directory holding a
 * FIFO, or tried to open one, or after the command read its module from a pipe (`<(...)`, whose
 * `readFileSync` stats it too), the next package first imported through a symlink (npm
 * workspaces, pnpm) resolved to its unresolved path: a second copy of a module the process
 * already had, such as `@anywasi/core/component` beside `@anywasi/core` (bench/analysis.md, "Peak
 * RSS, 2026-12-08, later"). A number stat of "/" (a directory) makes the next lookup see a
 * directory's mode.
 */
export function settleStatMode(st: fs.Stats | undefined | null): void {
  if (st == null || !(st.isFIFO() || st.isSocket())) return;
  try {
    fs.statSync("/");
  } catch {
    // Nothing to put back then; the lookup keeps what it had.
  }
}
