import type { ImportFunction } from "@anywasi/core";

/**
 * How a synchronous capability (the core's `DirectoryHandle`) performs OPFS's asynchronous
 * directory operations under JSPI: the capability throws `Pending` with the operation's promise;
 * the import wrapper (a `WebAssembly.Suspending` function) catches it, suspends the guest until the
 * promise settles, and runs the same syscall again from the start. The replay is deterministic
 * (same arguments, same guest memory, nothing else runs meanwhile), so the n-th asynchronous
 * operation of the replay is the n-th of the first attempt, and its settled result is answered
 * from a list instead of being performed again. A mutation (create, remove, move) therefore
 * happens exactly once per syscall.
 */

/** Thrown by a capability that needs an asynchronous operation first; never reaches the guest. */
export class Pending {
  constructor(readonly settled: Promise<void>) {}
}

type Settled = { key: string; ok: true; value: unknown } | { key: string; ok: false; error: unknown };

/** The asynchronous operations of the syscall in progress, by position. */
export class AsyncOps {
  #results: Settled[] = [];
  #next = 0;

  /** A new syscall starts: forget the last one's results. */
  begin(): void {
    this.#results.length = 0;
    this.#next = 0;
  }

  /** The syscall is replayed from its start. */
  rewind(): void {
    this.#next = 0;
  }

  /**
   * The result of `op` (named `key`, for a consistency check) when this syscall already ran it;
   * otherwise start it and throw `Pending`. Its rejection is rethrown as is on the replay.
   */
  run<T>(key: string, op: () => Promise<T>): T {
    const at = this.#next++;
    const done = this.#results[at];
    if (done !== undefined) {
      // A different key means the replay diverged: a bug here, not a guest error.
      if (done.key !== key) throw new Error(`OPFS replay diverged: ${done.key} then ${key}`);
      if (done.ok) return done.value as T;
      throw done.error;
    }
    if (at !== this.#results.length) throw new Error("OPFS operations out of order");
    throw new Pending(op().then(
      (value) => { this.#results[at] = { key, ok: true, value }; },
      (error: unknown) => { this.#results[at] = { key, ok: false, error }; },
    ));
  }
}

type Arg = number | bigint;

/**
 * `f` as a suspending import: it runs synchronously when no OPFS operation is needed (the
 * engine does not suspend for a plain return value), and otherwise suspends the guest for each
 * `Pending` and replays. Requires JSPI (`WebAssembly.Suspending`).
 */
export function replaying(f: ImportFunction, ops: AsyncOps): ImportFunction {
  const attempt = (args: Arg[]): number | Promise<number> => {
    ops.rewind();
    try {
      return f(...args);
    } catch (e) {
      if (e instanceof Pending) return e.settled.then(() => attempt(args));
      throw e;
    }
  };
  // DOM's WebAssembly typings have no JSPI yet.
  const { Suspending } = WebAssembly as unknown as { Suspending: new (f: (...args: Arg[]) => number | Promise<number>) => object };
  // A Suspending object is what the engine takes as the import; TypeScript sees it as the function.
  return new Suspending((...args: Arg[]) => {
    ops.begin();
    return attempt(args);
  }) as unknown as ImportFunction;
}

/** The preview1 calls that may reach an OPFS directory operation (file data calls are synchronous). */
export const DIRECTORY_CALLS = [
  "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link", "path_open",
  "path_readlink", "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file",
  "fd_readdir",
] as const;
