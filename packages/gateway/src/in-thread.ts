import {
  ClockId, LimitError, MemFS, WASI, instantiate, systemClock,
  type Clock, type DirectoryHandle, type InputStream,
} from "@anywasi/core";
import { interruptImports, isInstrumented } from "@anywasi/core/interrupt";
import { getSuspendingImportObject, hasJSPI, startAsync } from "@anywasi/core/jspi";
import { TimeLimitError } from "./errors.js";
import type { GuestJob, GuestRunner } from "./runner.js";
import { StreamInput, aborted, readAll } from "./stdio.js";

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
 * browsers, Node. No thread can be killed here, so `timeoutMs`, `signal` and `maxMemoryPages`
 * are checked after every syscall (the guest is ended there, with `TimeLimitError`, the abort
 * reason or a `LimitError` of kind "memory"), while a JSPI guest is suspended, and, for a module
 * instrumented by `@anywasi/core/interrupt` (`serve()` does it when given the module's bytes;
 * `anywasi instrument` at build time for Workers), every few thousand loop iterations and calls:
 * then a guest spinning without syscalls is stopped too. An uninstrumented guest that spins
 * without syscalls runs until the platform stops it (on Workers, the CPU-time limit).
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
  const maxBytes = job.maxMemoryPages === undefined || job.maxMemoryPages === null ? Infinity : job.maxMemoryPages * 65536;
  let memory: WebAssembly.Memory | null = null;
  // Set once the run has settled without the guest (see the JSPI branch): it must not write again.
  let abandoned: unknown = null;
  const check = (): void => {
    if (abandoned !== null) throw abandoned;
    if (signal.aborted) throw signal.reason;
    if (deadline !== null && mono() > deadline) throw new TimeLimitError(limitMs!);
    // A module compiled with the cap cannot pass it; a precompiled one is stopped here.
    if (memory !== null && memory.buffer.byteLength > maxBytes) {
      throw new LimitError("memory", `the program's memory grew past its limit of ${job.maxMemoryPages} pages`);
    }
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
    if (abandoned !== null) throw abandoned;
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
  // An instrumented module calls this every few thousand loop iterations and calls.
  const interrupt = isInstrumented(job.module) ? interruptImports(check) : {};
  if (jspi) {
    const instance = await instantiate(job.module, { ...getSuspendingImportObject(wasi), ...interrupt } as WebAssembly.Imports);
    memory = exportedMemory(instance);
    check();
    // A suspended guest (a sleep on a timer, a read) is not woken by the abort signal or the
    // limit: settle the run on time without it. When it resumes, its next syscall or check ends it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = limitMs === null ? null : new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeLimitError(limitMs)), limitMs);
    });
    const stop = aborted(signal);
    limit?.catch(() => {});
    stop.catch(() => {});
    try {
      return await Promise.race([startAsync(wasi, instance), stop, ...(limit === null ? [] : [limit])]);
    } catch (e) {
      abandoned = e;
      throw e;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }
  const instance = await instantiate(job.module, { ...wasi.getImportObject(), ...interrupt });
  memory = exportedMemory(instance);
  check();
  return wasi.start(instance);
}

function exportedMemory(instance: WebAssembly.Instance): WebAssembly.Memory | null {
  const m = instance.exports["memory"];
  return m instanceof WebAssembly.Memory ? m : null;
}
