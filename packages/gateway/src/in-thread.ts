import {
  ClockId, MemFS, WASI, instantiate, systemClock,
  type Clock, type DirectoryHandle, type InputStream,
} from "@anywasi/core";
import { getSuspendingImportObject, hasJSPI, startAsync } from "@anywasi/core/jspi";
import { TimeLimitError } from "./errors.js";
import type { GuestJob, GuestRunner } from "./runner.js";
import { StreamInput, readAll } from "./stdio.js";

/** Options of `inThreadRunner()`. */
export interface InThreadRunnerOptions {
  /** Makes the clock of one run (called once per run). Default: the core's `systemClock`. */
  clock?: () => Clock;
  /**
   * Use JSPI where the engine has it (default true): the guest then runs through `startAsync`
   * (`@anywasi/core/jspi`), reads stdin as it streams in and waits in `poll_oneoff` without
   * blocking the thread. False, or an engine without JSPI: stdin is read whole first and the
   * guest runs synchronously.
   */
  jspi?: boolean;
}

/**
 * A runner that runs each guest on the calling thread, with only Web APIs: Workers, Deno,
 * browsers, Node. A synchronous guest cannot be interrupted here, so `timeoutMs` and `signal` are
 * checked after every syscall (and the guest ended there, with `TimeLimitError` or the abort
 * reason), and while a JSPI guest is suspended; a guest that spins without making syscalls runs
 * until the platform stops it (on Workers, the CPU-time limit). Use a killable runner where a
 * hard limit matters (`@anywasi/node`'s `workerRunner`).
 */
export function inThreadRunner(options: InThreadRunnerOptions = {}): GuestRunner {
  return { run: (job) => runInThread(job, options) };
}

async function runInThread(job: GuestJob, options: InThreadRunnerOptions): Promise<number> {
  const clock = options.clock?.() ?? systemClock;
  const jspi = options.jspi !== false && hasJSPI();
  const { signal } = job;
  const mono = () => clock.now(ClockId.MONOTONIC);
  const limitMs = job.timeoutMs;
  const deadline = limitMs === null ? null : mono() + BigInt(Math.round(limitMs * 1e6));
  // Throwing anything but a WasiError from a syscall ends the guest with that error.
  const check = (): void => {
    if (signal.aborted) throw signal.reason;
    if (deadline !== null && mono() > deadline) throw new TimeLimitError(limitMs!);
  };
  check();
  const src = job.stdin;
  const stdin: InputStream | Uint8Array = !(src instanceof ReadableStream)
    ? src
    : jspi ? new StreamInput(src, signal, clock.sleep?.bind(clock)) : await readAll(src, signal);
  check();
  const now = () => clock.now(ClockId.REALTIME);
  const preopens: Record<string, DirectoryHandle> = {};
  for (const [path, tree] of Object.entries(job.files)) preopens[path] = MemFS.from(tree, { now }).root;
  Object.assign(preopens, job.preopens ?? {});
  const checked = (sink: (chunk: Uint8Array) => void) => (chunk: Uint8Array): void => {
    sink(chunk);
    if (signal.aborted) throw signal.reason;
  };
  const wasi = new WASI({
    args: job.args,
    env: job.env,
    preopens,
    stdin,
    stdout: checked((c) => job.stdout(c)),
    stderr: checked((c) => job.stderr(c)),
    clock,
    // The core calls this after every syscall: the one place a synchronous guest can be stopped.
    trace: job.trace === undefined ? () => check() : (event) => { job.trace!(event); check(); },
  });
  if (jspi) {
    const instance = await instantiate(job.module, getSuspendingImportObject(wasi));
    return await startAsync(wasi, instance);
  }
  const instance = await instantiate(job.module, wasi.getImportObject());
  check();
  return wasi.start(instance);
}
