// Components on Workers: a component transpiled at build time (`anywasi transpile`, or the
// esbuild/Vite plugins of @anywasi/node) run over the same WASI environment as a preview1 guest.
import { ClockId, MemFS, ModuleError, WASI, type DirectoryHandle, type InputStream, type TraceEvent } from "@anywasi/core";
import { Component, MemoryWatch, PROVIDED_INTERFACES, startComponent } from "@anywasi/core/component";
import { readAll, TimeLimitError, type GuestJob } from "@anywasi/gateway";
import { workerClock } from "./clock.js";
import type { PrecompiledComponent } from "./precompiled.js";

const loaded = new WeakMap<PrecompiledComponent, Component>();

/**
 * The core's `Component` for a precompiled one (made once per object).
 * @throws ModuleError when it imports an interface anywasi does not provide or is not a command.
 */
export function componentOf(p: PrecompiledComponent): Component {
  let c = loaded.get(p);
  if (c !== undefined) return c;
  const provided = new Set(PROVIDED_INTERFACES);
  for (const name of p.imports) {
    if (!provided.has(name.replace(/@.*$/, ""))) throw new ModuleError(`the component imports "${name}", which anywasi does not provide`);
  }
  if (!p.exports.some((e) => e === "run" || e.startsWith("wasi:cli/run@"))) {
    throw new ModuleError("the component does not export wasi:cli/run: it is not a command");
  }
  if (p.instantiate === undefined) throw new ModuleError("the component was transpiled with only the JSPI glue (--glue jspi): run() needs the synchronous one");
  const modules = new Map(Object.entries(p.coreModules));
  c = new Component(p.imports, modules, p as unknown as ConstructorParameters<typeof Component>[2]);
  loaded.set(p, c);
  return c;
}

/**
 * Run a precompiled component for `run()` of this package. The component layer has no JSPI
 * suspension (jco's glue sits between the guest and its imports), so the guest runs
 * synchronously: stdin is read whole first, the clock is `workerClock()` (frozen while code runs
 * on production Workers), and `timeoutMs`, `signal` and `maxMemoryPages` are checked after every
 * WASI call (the memory cap also when the guest returns: its core modules were compiled at build
 * time, without it, unless `anywasi transpile --max-memory-pages` capped them there).
 */
export async function runComponent(p: PrecompiledComponent, job: Omit<GuestJob, "module">): Promise<number> {
  const component = componentOf(p);
  const clock = workerClock();
  const { signal } = job;
  const limitMs = job.timeoutMs;
  const deadline = limitMs === null ? null : clock.now(ClockId.MONOTONIC) + BigInt(Math.round(limitMs * 1e6));
  const watch = job.maxMemoryPages === undefined || job.maxMemoryPages === null ? undefined : new MemoryWatch(job.maxMemoryPages);
  const check = (): void => {
    if (signal.aborted) throw signal.reason;
    if (deadline !== null && clock.now(ClockId.MONOTONIC) > deadline) throw new TimeLimitError(limitMs!);
    watch?.check();
  };
  check();
  const src = job.stdin;
  const stdin: InputStream | Uint8Array = src instanceof ReadableStream ? await readAll(src, signal) : src;
  check();
  const now = (): bigint => clock.now(ClockId.REALTIME);
  const preopens: Record<string, DirectoryHandle> = {};
  for (const [path, tree] of Object.entries(job.files)) preopens[path] = MemFS.from(tree, { now }).root;
  Object.assign(preopens, job.preopens ?? {});
  const trace = job.trace;
  const wasi = new WASI({
    args: job.args,
    env: job.env,
    preopens,
    stdin,
    stdout: (c) => { job.stdout(c); if (signal.aborted) throw signal.reason; },
    stderr: (c) => { job.stderr(c); if (signal.aborted) throw signal.reason; },
    clock,
    trace: trace === undefined ? () => check() : (event: TraceEvent) => { trace(event); check(); },
  });
  return startComponent(component, wasi, watch === undefined ? {} : { memoryWatch: watch });
}
