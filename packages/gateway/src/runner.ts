import type { DirectoryHandle, InputStream, MemFSTree, TraceEvent } from "@anywasi/core";
import type { HttpComponent, HttpRequestHead, HttpResponseSink, OutgoingHttpOptions } from "@anywasi/core/component";

/** One guest run, as the gateway (or any embedder) asks a runner for it. */
export interface GuestJob {
  /** The compiled program (never compiled at run time: Workers forbid it). */
  module: WebAssembly.Module;
  /** argv, `args[0]` being the program name. */
  args: readonly string[];
  /** The guest's whole environment. */
  env: Readonly<Record<string, string>>;
  /**
   * Preopened directories: guest path → tree. Every run gets a fresh in-memory filesystem seeded
   * from the tree, so runs never see each other's files.
   */
  files: Readonly<Record<string, MemFSTree>>;
  /**
   * Preopened directories given as handles (after `files`). Only runners that run the guest on
   * the calling thread accept them; they are shared, not copied.
   */
  preopens?: Readonly<Record<string, DirectoryHandle>>;
  /**
   * Standard input: a Web stream (a runner that cannot suspend the guest reads it whole first),
   * or a core `InputStream`, which only runners on the calling thread accept.
   */
  stdin: ReadableStream<Uint8Array> | InputStream;
  /** Receives stdout in order. A chunk may be a view of guest memory: copy it to keep it. */
  stdout(chunk: Uint8Array): void;
  /** Receives stderr in order. A chunk may be a view of guest memory: copy it to keep it. */
  stderr(chunk: Uint8Array): void;
  /** Wall-clock limit in milliseconds, or null for none. */
  timeoutMs: number | null;
  /**
   * Most 64 KiB pages of guest memory, or null (or absent) for none. `serve()` compiles modules
   * it is given as bytes with this cap; runners also end a guest whose memory is found larger
   * (`inThreadRunner` checks at every syscall and interruption check) with a `LimitError` of
   * kind "memory".
   */
  maxMemoryPages?: number | null;
  /** When aborted, the runner stops the guest as soon as it can and rejects with `signal.reason`. */
  signal: AbortSignal;
  /**
   * Called after every syscall (`event.text()` is an strace-like line). `inThreadRunner` calls it
   * on the guest's thread (a throw ends the guest); `@anywasi/node`'s `workerRunner` calls it on
   * the calling thread as the worker's events arrive, in order (a throw stops the worker).
   */
  trace?: (event: TraceEvent) => void;
}

/**
 * Runs guests: on the calling thread (`inThreadRunner`, every platform) or somewhere it can be
 * killed (`@anywasi/node`'s `workerRunner`, a `worker_threads` worker).
 */
export interface GuestRunner {
  /**
   * True when the runner can stop a guest whatever it does (it kills a thread), so modules need
   * no interruption checks. Absent or false: `serve()` instruments modules it is given as bytes
   * when a time limit is set (`@anywasi/core/interrupt`).
   */
  readonly kills?: boolean;
  /**
   * Run `job` to its end and resolve with the exit code. Rejects with `TimeLimitError` when the
   * guest ran past `timeoutMs`, with `signal.reason` when aborted, or with what ended the guest
   * otherwise (a trap's `WebAssembly.RuntimeError`, a `ModuleError`, the stdin stream's error).
   */
  run(job: GuestJob): Promise<number>;
  /**
   * Answer one request with a fresh instance of a `wasi:http/incoming-handler` component
   * somewhere the guest can wait for the network (`@anywasi/node`'s `workerRunner`: a worker
   * thread per request). Absent: `serve()` runs the handler on the serving thread, with the
   * request body read whole first and the response sent when the handler returns.
   */
  http?(job: HttpGuestJob): Promise<void>;
}

/** One request for `GuestRunner.http`. */
export interface HttpGuestJob {
  /** The handler, loaded (transpiled, compiled with the memory cap) on the calling thread. */
  component: HttpComponent;
  /** What the guest sees of the request. */
  request: HttpRequestHead;
  /** The request body as it arrives (already limited to `maxBodyBytes`: it errors past it), or null. */
  body: ReadableStream<Uint8Array> | null;
  /** argv of the guest. */
  args: readonly string[];
  /** The guest's whole environment. */
  env: Readonly<Record<string, string>>;
  /** The guest's stdout and stderr, in order (a copy: keep it). */
  stderr(chunk: Uint8Array): void;
  /**
   * Where the guest's answer goes, as it makes it (on the calling thread). A call may throw (the
   * output limit, the time limit): the runner then stops the guest and rejects with that error.
   */
  sink: HttpResponseSink;
  /** The guest waits (for request bytes, a timer, a response): what it wrote so far may be sent. */
  pause(): void;
  /** When aborted (time limit, client gone), stop the guest at once and reject with `signal.reason`. */
  signal: AbortSignal;
  /** `wasi:http/outgoing-handler`: the origins allowed (requests go through the runner's own client). */
  outgoingHttp?: OutgoingHttpOptions;
  /**
   * Called after every WASI call of the guest with its event (`event.text()` is the strace-like
   * line), in the order of the calls and of its `stderr`; absent: no trace.
   */
  trace?: (event: TraceEvent) => void;
  /**
   * Most 64 KiB pages a core memory of the instance may have, checked after every WASI call and
   * when the handler returns (a `LimitError` of kind "memory"), for core modules compiled without
   * the cap; null or absent: none.
   */
  maxMemoryPages?: number | null;
}
