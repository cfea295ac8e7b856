import type { ImportFunction } from "@anywasi/core";

/**
 * How a synchronous capability (the core's `DirectoryHandle`) performs OPFS's asynchronous
 * directory operations under JSPI: the capability throws `Pending` with the operation's promise;
 * the import wrapper (a `WebAssembly.Suspending` function) catches it, suspends the guest until the
 * promise settles, and runs the same syscall again from the start. The replay is deterministic
 * (same arguments, same guest memory, nothing else runs meanwhile), so the n-th asynchronous
 * operation of the replay is the n-th of the first attempt, and its settled result is answered
 * from a list instead of being performed again. A mutation (create, remove, move) therefore
 * happens exactly once per syscall. For the replay to take the same path, what the capability
 * keeps in memory (open files, symlinks, times) must look the same on every attempt: changes to
 * it are deferred (`defer`) until the syscall returns.
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
  #deferred: (() => void)[] = [];
  #lookups = new Map<string, Settled>();
  #active = false;

  /** A new syscall starts: forget the last one's results. */
  begin(): void {
    this.#results.length = 0;
    this.#lookups.clear();
    this.#next = 0;
    this.#active = true;
  }

  /** The syscall is replayed from its start: the last attempt's deferred changes are dropped (the replay makes them again). */
  rewind(): void {
    this.#next = 0;
    this.#deferred.length = 0;
  }

  /**
   * Like `run`, for a lookup without side effects: answered by key, not by position, so it may be
   * asked any number of times in a syscall (its first answer holds for the whole syscall).
   */
  lookup<T>(key: string, op: () => Promise<T>): T {
    const done = this.#lookups.get(key);
    if (done !== undefined) {
      if (done.ok) return done.value as T;
      throw done.error;
    }
    throw new Pending(op().then(
      (value) => { this.#lookups.set(key, { key, ok: true, value }); },
      (error: unknown) => { this.#lookups.set(key, { key, ok: false, error }); },
    ));
  }

  /** The syscall returned: apply its deferred changes. */
  end(): void {
    this.#active = false;
    const changes = this.#deferred;
    this.#deferred = [];
    for (const change of changes) change();
  }

  /** Apply `change` to in-memory state when the syscall in progress returns (now, outside a replayed syscall). */
  defer(change: () => void): void {
    if (this.#active) this.#deferred.push(change);
    else change();
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
 * Run `call` (one syscall, or one interface call of a component, which may make several) so that
 * the OPFS operations it needs get done: its value at once when it needs none (or all were done),
 * else a promise of the value of the call replayed after each operation settled. The caller
 * suspends the guest on that promise (a `WebAssembly.Suspending` import).
 */
export function replayed<T>(ops: AsyncOps, call: () => T): T | Promise<T> {
  const attempt = (): T | Promise<T> => {
    ops.rewind();
    let result: T;
    try {
      result = call();
    } catch (e) {
      if (e instanceof Pending) return e.settled.then(attempt);
      ops.end();
      throw e;
    }
    ops.end();
    return result;
  };
  ops.begin();
  return attempt();
}

/**
 * `f` as a suspending import: it runs synchronously when no OPFS operation is needed (the
 * engine does not suspend for a plain return value), and otherwise suspends the guest for each
 * `Pending` and replays. Requires JSPI (`WebAssembly.Suspending`).
 */
export function replaying(f: ImportFunction, ops: AsyncOps): ImportFunction {
  // DOM's WebAssembly typings have no JSPI yet.
  const { Suspending } = WebAssembly as unknown as { Suspending: new (f: (...args: Arg[]) => number | Promise<number>) => object };
  // A Suspending object is what the engine takes as the import; TypeScript sees it as the function.
  return new Suspending((...args: Arg[]) => replayed(ops, () => f(...args))) as unknown as ImportFunction;
}

/** The preview1 calls that may reach an OPFS directory operation (file data calls are synchronous). */
export const DIRECTORY_CALLS = [
  "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link", "path_open",
  "path_readlink", "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file",
  "fd_readdir",
] as const;
