// Components on Workers: a component transpiled at build time (`anywasi transpile`, or the
// esbuild/Vite plugins of @anywasi/node) run over the same WASI environment as a preview1 guest.
import { ClockId, MemFS, ModuleError, WASI, type DirectoryHandle, type InputStream, type TraceEvent } from "@anywasi/core";
import { Component, MemoryWatch, PROVIDED_INTERFACES, startComponent } from "@anywasi/core/component";
import { hasJSPI } from "@anywasi/core/jspi";
import { StreamInput, readAll, TimeLimitError, type GuestJob } from "@anywasi/gateway";
import { workerClock } from "./clock.js";
import type { PrecompiledComponent } from "./precompiled.js";

const loaded = new WeakMap<PrecompiledComponent, Component>();
const loadedJspi = new WeakMap<PrecompiledComponent, Component>();

/**
 * The core's `Component` for a precompiled one (made once per object and glue). With `jspi`
 * (asked, the JSPI glue present and the engine has JSPI) it runs through the JSPI glue, so the
 * guest is suspended while it waits; otherwise through the synchronous glue.
 * @throws ModuleError when it imports an interface anywasi does not provide, is not a command,
 * or has no glue this engine can run (only the JSPI glue, and JSPI off or missing).
 */
export function componentOf(p: PrecompiledComponent, jspi = true): Component {
  const useJspi = jspi && p.instantiateJspi !== undefined && hasJSPI();
  const memo = useJspi ? loadedJspi : loaded;
  let c = memo.get(p);
  if (c !== undefined) return c;
  const provided = new Set(PROVIDED_INTERFACES);
  for (const name of p.imports) {
    if (!provided.has(name.replace(/@.*$/, ""))) throw new ModuleError(`the component imports "${name}", which anywasi does not provide`);
  }
  if (!p.exports.some((e) => e === "run" || e.startsWith("wasi:cli/run@"))) {
    throw new ModuleError("the component does not export wasi:cli/run: it is not a command");
  }
  const instantiate = useJspi ? p.instantiateJspi : p.instantiate;
  if (instantiate === undefined) {
    throw new ModuleError("the component was transpiled with only the JSPI glue (--glue jspi), and JSPI is off or missing here: transpile with --glue both");
  }
  const modules = new Map(Object.entries(p.coreModules));
  // The glue's `instantiate` is the shape Component instantiates.
  c = new Component(p.imports, modules, { instantiate } as unknown as ConstructorParameters<typeof Component>[2], undefined, useJspi);
  memo.set(p, c);
  return c;
}

/**
 * Run a precompiled component for `run()` of this package, on `workerClock()` (frozen while code
 * runs on production Workers). `timeoutMs`, `signal` and `maxMemoryPages` are checked after every
 * WASI call (the memory cap also when the guest returns: its core modules were compiled at build
 * time, without it, unless `anywasi transpile --max-memory-pages` capped them there).
 *
 * With `jspi` (default true), where the engine has JSPI and the component its JSPI glue (see
 * `componentOf`), the guest is suspended while it waits: a Web-stream stdin is read as the guest
 * asks for it, a sleep or poll waits on a real timer, and the time limit or an abort ends a
 * suspended guest at once. Otherwise it runs synchronously: stdin is read whole first and sleeps
 * pass virtual time.
 * @throws as `run()`: ModuleError, a trap's `WebAssembly.RuntimeError`, `TimeLimitError`,
 * `signal.reason`, a `LimitError` of kind "memory".
 */
export async function runComponent(p: PrecompiledComponent, job: Omit<GuestJob, "module">, jspi = true): Promise<number> {
  const component = componentOf(p, jspi);
  const clock = workerClock();
  const limitMs = job.timeoutMs;
  const deadline = limitMs === null ? null : clock.now(ClockId.MONOTONIC) + BigInt(Math.round(limitMs * 1e6));
  const watch = job.maxMemoryPages === undefined || job.maxMemoryPages === null ? undefined : new MemoryWatch(job.maxMemoryPages);
  // Aborted by the caller's signal or, under JSPI, at the time limit by a real timer: a
  // suspended guest makes no WASI call that could notice the limit, so the abort wakes it.
  const stop = new AbortController();
  const { signal } = stop;
  const forward = (): void => stop.abort(job.signal.reason);
  if (job.signal.aborted) forward();
  else job.signal.addEventListener("abort", forward, { once: true });
  const timer = component.jspi && limitMs !== null ? setTimeout(() => stop.abort(new TimeLimitError(limitMs)), Math.max(limitMs, 0)) : undefined;
  const check = (): void => {
    if (signal.aborted) throw signal.reason;
    if (deadline !== null && clock.now(ClockId.MONOTONIC) > deadline) throw new TimeLimitError(limitMs!);
    watch?.check();
  };
  try {
    check();
    const src = job.stdin;
    const stdin: InputStream | Uint8Array = !(src instanceof ReadableStream)
      ? src
      : component.jspi ? new StreamInput(src, signal, (ns) => clock.sleep?.(ns)) : await readAll(src, signal);
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
    return await startComponent(component, wasi, {
      ...(watch === undefined ? {} : { memoryWatch: watch }),
      // JSPI glue: an abort (the limit, the caller's signal) ends a suspended guest at once.
      ...(component.jspi ? { signal } : {}),
    });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    job.signal.removeEventListener("abort", forward);
  }
}
