import { OutputCollector, type DirectoryHandle, type InputStream, type MemFSTree, type RunResult, type TraceEvent } from "@anywasi/core";
import { emptyStream, inThreadRunner, type GuestJob } from "@anywasi/gateway";
import { workerClock } from "./clock.js";
import { isPrecompiledComponent, type PrecompiledComponent } from "./precompiled.js";

/** A byte sink: a Web `WritableStream` or a function receiving each chunk (a view: copy to keep). */
export type ByteSink = WritableStream<Uint8Array> | ((chunk: Uint8Array) => void);

/** Options of `run()` on Workers. */
export interface WorkerRunOptions {
  /** argv, `args[0]` being the program name. Default `[]`. */
  args?: readonly string[];
  /** Environment. Default empty. */
  env?: Readonly<Record<string, string>>;
  /** Preopened in-memory directories seeded from trees (fresh for this run): guest path → tree. */
  files?: Readonly<Record<string, MemFSTree>>;
  /** Preopened directory handles, e.g. `memfs.root` to read the files back after the run. */
  preopens?: Readonly<Record<string, DirectoryHandle>>;
  /**
   * Standard input: a Web stream (read as it arrives with JSPI, else read whole first), bytes or
   * a string, or a core `InputStream`. Default empty.
   */
  stdin?: ReadableStream<Uint8Array> | Uint8Array | string | InputStream;
  /** Standard output. Default: collected into the result. */
  stdout?: ByteSink;
  /** Standard error. Default: collected into the result. */
  stderr?: ByteSink;
  /**
   * Stop the guest at its next syscall (or suspension) after this many ms of guest time, and, for
   * a module instrumented at build time (`anywasi instrument`), at its next interruption check:
   * then a guest looping without syscalls stops too, where the clock moves (production Workers
   * freeze it while code runs; their CPU limit applies there).
   */
  timeoutMs?: number;
  /** Abort to stop the guest at its next syscall (or suspension). */
  signal?: AbortSignal;
  /**
   * Use JSPI where the engine has it (default true); for a component, where it also has its
   * JSPI glue (`instantiateJspi`). False: the guest runs synchronously (stdin read whole first).
   */
  jspi?: boolean;
  /**
   * Most 64 KiB pages of guest memory. A precompiled module or component cannot have its
   * `memory.grow` capped at run time, so a guest found over it after a WASI call (a component:
   * any memory its core instances export; also when it returns) is ended with a `LimitError` of
   * kind "memory". Cap it at build time to make `memory.grow` fail inside the guest instead
   * (`anywasi instrument --max-memory-pages`, `anywasi transpile --max-memory-pages`). Default: none.
   */
  maxMemoryPages?: number;
  /**
   * Trace every WASI call: `true` logs one strace-like line per call with `console.error`
   * (`[wasi] fd_write(1, 1048560, 1, 1048556) = 0`, as `anywasi run --trace`), a function receives
   * the core's `TraceEvent`s. Default `false`.
   */
  trace?: boolean | ((event: TraceEvent) => void);
}

function traceHook(trace: WorkerRunOptions["trace"]): ((event: TraceEvent) => void) | undefined {
  if (trace === true) return (event) => console.error(`[wasi] ${event.text()}`);
  return typeof trace === "function" ? trace : undefined;
}

function toStream(stdin: WorkerRunOptions["stdin"]): ReadableStream<Uint8Array> | InputStream {
  if (stdin === undefined) return emptyStream();
  if (stdin instanceof ReadableStream) return stdin;
  if (typeof stdin === "object" && !(stdin instanceof Uint8Array)) return stdin;
  const bytes = typeof stdin === "string" ? new TextEncoder().encode(stdin) : stdin;
  return new ReadableStream<Uint8Array>({ start: (c) => { c.enqueue(bytes); c.close(); } });
}

/** A chunk callback writing to `sink`, and how to finish it. */
function toWriter(sink: ByteSink | undefined, collect: OutputCollector): { write: (c: Uint8Array) => void; close: () => Promise<void> } {
  if (sink === undefined) return { write: (c) => collect.write(c), close: async () => {} };
  if (typeof sink === "function") return { write: sink, close: async () => {} };
  const writer = sink.getWriter();
  let failed: unknown = null;
  return {
    write: (c) => { writer.write(c.slice()).catch((e: unknown) => { failed ??= e; }); },
    close: async () => {
      if (failed === null) await writer.close();
      else writer.releaseLock();
    },
  };
}

/**
 * Run a WASI command inside a Worker from a precompiled module (`import module from
 * "./prog.wasm"`: Workers cannot compile wasm at run time), or a WASI 0.2 command component
 * precompiled at build time (`anywasi transpile`), with Web Streams stdio, an in-memory
 * filesystem and `workerClock()`. Resolves with the exit code and the output collected for the
 * streams given no sink.
 *
 * With `jspi` (default true) on an engine with JSPI (workerd has it), the guest is suspended
 * while it waits: a `ReadableStream` stdin is read as the guest asks for it, sleeps and polls
 * wait on real timers, and `timeoutMs`/`signal` end a suspended guest. A component needs its
 * JSPI glue for this (the entry's `instantiateJspi`, written by `anywasi transpile` unless
 * `--glue sync`); one with only the synchronous glue, `jspi: false`, or an engine without JSPI runs
 * synchronously: stdin is read whole first and sleeps pass virtual time.
 * @throws ModuleError when the module cannot be run; a trap's `WebAssembly.RuntimeError`;
 * `TimeLimitError` (from `@anywasi/gateway`) past `timeoutMs`; `signal.reason` when aborted.
 */
export async function run(module: WebAssembly.Module | PrecompiledComponent, options: WorkerRunOptions = {}): Promise<RunResult> {
  const out = new OutputCollector();
  const err = new OutputCollector();
  const stdout = toWriter(options.stdout, out);
  const stderr = toWriter(options.stderr, err);
  const job: Omit<GuestJob, "module"> = {
    args: options.args ?? [],
    env: options.env ?? {},
    files: options.files ?? {},
    ...(options.preopens !== undefined ? { preopens: options.preopens } : {}),
    stdin: toStream(options.stdin),
    stdout: stdout.write,
    stderr: stderr.write,
    timeoutMs: options.timeoutMs ?? null,
    maxMemoryPages: options.maxMemoryPages ?? null,
    signal: options.signal ?? new AbortController().signal,
  };
  const trace = traceHook(options.trace);
  if (trace !== undefined) job.trace = trace;
  if (isPrecompiledComponent(module)) {
    // Loaded only for a component, so a preview1 Worker does not bundle the component layer's glue loader.
    const { runComponent } = await import("./component.js");
    try {
      const exitCode = await runComponent(module, job, options.jspi !== false);
      return { exitCode, stdout: out.bytes(), stderr: err.bytes() };
    } finally {
      await Promise.all([stdout.close(), stderr.close()]);
    }
  }
  const runner = inThreadRunner({ clock: () => workerClock(), ...(options.jspi !== undefined ? { jspi: options.jspi } : {}) });
  try {
    const exitCode = await runner.run({ ...job, module });
    return { exitCode, stdout: out.bytes(), stderr: err.bytes() };
  } finally {
    await Promise.all([stdout.close(), stderr.close()]);
  }
}
