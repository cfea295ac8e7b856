import type { InputStream, MemFSTree, TraceEvent } from "@anywasi/core";

/** What to run: a URL of a `.wasm` file (relative to the page), its bytes, or a compiled module. */
export type GuestSource = string | URL | Uint8Array | ArrayBuffer | WebAssembly.Module;

/**
 * How a guest waits for input or a timer without blocking its thread forever:
 * - `"jspi"`: JavaScript Promise Integration (`WebAssembly.Suspending`) suspends the guest while
 *   the worker's event loop keeps running. Needs no HTTP headers.
 * - `"sab"`: the worker blocks in `Atomics.wait` on a `SharedArrayBuffer` the page writes to.
 *   Needs a cross-origin isolated page (`Cross-Origin-Opener-Policy: same-origin` and
 *   `Cross-Origin-Embedder-Policy: require-corp`).
 * - `"none"`: neither is available. stdin must then be given up front, and sleeps spin.
 */
export type WaitMode = "jspi" | "sab" | "none";

/** Which waiting mechanism `spawn()` should use; `"auto"` picks JSPI, then SAB. */
export type StdinMode = "auto" | "jspi" | "sab";

/** Options of `spawn()`. */
export interface SpawnOptions {
  /** argv as the guest sees it, `args[0]` being the program name. Default `[]`. */
  args?: readonly string[];
  /** Environment, as an object or as `KEY=VALUE` strings. Default empty. */
  env?: Readonly<Record<string, string>> | readonly string[];
  /**
   * Seeds an in-memory filesystem preopened as `/` (descriptor 3); read it back after the run with
   * `Process.files()`. Absent: no `/` preopen.
   */
  files?: MemFSTree;
  /** More in-memory preopens: guest path → initial content, preopened after `/` in this order. */
  dirs?: Readonly<Record<string, MemFSTree>>;
  /**
   * Persistent preopens: guest path → directory path in the origin private file system (OPFS),
   * created if missing. Live where the engine has JSPI (every change reaches OPFS as it is made; a
   * file the guest has open is locked against other guests and tabs, which wait up to 5 s and then
   * get `EBUSY`); elsewhere loaded when the guest starts and written back when it ends, refusing to
   * overwrite a file another context changed meanwhile (docs/browser.md).
   */
  opfs?: Readonly<Record<string, string>>;
  /**
   * Standard input: `"interactive"` (written through `Process.stdin`; needs JSPI or SAB), or all
   * of it up front. Default: empty (end of file at once).
   */
  stdin?: "interactive" | Uint8Array | string;
  /** Waiting mechanism. Default `"auto"`. */
  stdinMode?: StdinMode;
  /**
   * Present stdin, stdout and stderr to the guest as a terminal (a character device: `isatty()`
   * is true, so C's stdio line-buffers stdout), e.g. when they are wired to a terminal emulator.
   * Default `false` (pipes). Only what the guest sees changes; the streams are the same.
   */
  tty?: boolean;
  /**
   * Trace every WASI call: `Process.trace` then yields one strace-like line per syscall
   * (`fd_write(1, 1048560, 1, 1048556) = 0`), as `anywasi run --trace` prints them. Default `false`.
   */
  trace?: boolean;
  /**
   * Wall-clock limit in ms, counted from when the guest starts (after the worker has loaded and
   * the module is compiled): past it the worker is terminated (even inside an infinite loop) and
   * `exit` rejects with a `LimitError` (kind `"time"`). Output sent before the kill is delivered.
   */
  timeoutMs?: number;
  /** Most bytes of stdout and stderr together; past it the guest ends and `exit` rejects with a `LimitError`. */
  maxOutputBytes?: number;
  /** Most 64 KiB pages of guest memory (`memory.grow` fails past it). Needs the module as bytes or a URL. */
  maxMemoryPages?: number;
  /** Most descriptors open at once (`EMFILE` beyond). */
  maxOpenFiles?: number;
}

/** A guest running in its own Web Worker. */
export interface Process {
  /** The guest's stdout, in the chunks the worker sent (batched writes). Closes when the guest ends. */
  readonly stdout: ReadableStream<Uint8Array>;
  /** The guest's stderr, like `stdout`. */
  readonly stderr: ReadableStream<Uint8Array>;
  /**
   * With `trace: true`, one line per WASI call the guest made, in order, without a newline (see
   * the core's `TraceEvent.text()`); closes when the guest ends. Empty without `trace`.
   */
  readonly trace: ReadableStream<string>;
  /**
   * The guest's stdin when spawned with `stdin: "interactive"`: each write resolves once the
   * bytes are queued for the guest (backpressure at 64 KiB); `close()` is end of file. Writes to a
   * non-interactive stdin reject with a `TypeError`; writes after the guest ended are discarded.
   */
  readonly stdin: WritableStream<Uint8Array>;
  /**
   * The exit code, once the guest ended and OPFS preopens were written back: 0 when `_start`
   * returned, the `proc_exit` code, 128 + signal for `proc_raise`, 137 (128 + SIGKILL) after
   * `kill()`. Rejects with the error (name and message kept) when the module cannot run, the
   * guest trapped, or writing OPFS back failed (`OpfsConflictError`: another context changed a
   * file the guest changed too).
   */
  readonly exit: Promise<number>;
  /** The waiting mechanism the guest uses (chosen by `spawn()` from `stdinMode` and the page's capabilities). */
  readonly mode: Promise<WaitMode>;
  /**
   * End the guest now, even inside an infinite loop (the worker is terminated). `exit` resolves
   * 137; output still buffered in the worker is lost; a live OPFS preopen keeps what the guest
   * wrote before (its hard links are not stored), a snapshot one the content of the
   * last completed run. Does nothing once the guest has ended.
   */
  kill(): void;
  /**
   * The in-memory `/` filesystem as the guest left it (`MemFS.toObject()` shape; `{}` without
   * `files`). Rejects when the guest was killed or the module could not start.
   */
  files(): Promise<MemFSTree>;
}

/** Options of `runOnMainThread()`. */
export interface MainThreadOptions {
  /** argv as the guest sees it, `args[0]` being the program name. Default `[]`. */
  args?: readonly string[];
  /** Environment, as an object or as `KEY=VALUE` strings. Default empty. */
  env?: Readonly<Record<string, string>> | readonly string[];
  /** Seeds an in-memory filesystem preopened as `/`. */
  files?: MemFSTree;
  /** More in-memory preopens, after `/`. */
  dirs?: Readonly<Record<string, MemFSTree>>;
  /**
   * Standard input given up front, or an `InputStream`: one with `poll` and `waitAsync` suspends
   * the guest under JSPI while it waits; without JSPI a read that would wait blocks the page.
   */
  stdin?: Uint8Array | string | InputStream;
  /** Receives stdout chunks as they are written (views: copy to keep). Default: collected. */
  stdout?: (chunk: Uint8Array) => void;
  /** Receives stderr chunks. Default: collected. */
  stderr?: (chunk: Uint8Array) => void;
  /** Called after every WASI call; `event.text()` is an strace-like line. Default: no tracing. */
  trace?: (event: TraceEvent) => void;
  /**
   * Time limit in ms: the module is instrumented with interruption checks (`@anywasi/core/interrupt`,
   * loaded only then), so even a guest looping without syscalls ends, with a `LimitError` of kind
   * "time", shortly after. Needs the module as a URL or bytes, or a `WebAssembly.Module` that was
   * instrumented already. Default: none.
   */
  timeoutMs?: number;
}

/** What `runOnMainThread()` resolves with. */
export interface MainThreadResult {
  /** 0 when `_start` returned, the `proc_exit` code, or 128 + signal for `proc_raise`. */
  exitCode: number;
  /** Everything written to stdout (empty when a `stdout` callback was given). */
  stdout: Uint8Array;
  /** Everything written to stderr (empty when a `stderr` callback was given). */
  stderr: Uint8Array;
  /** The in-memory `/` filesystem after the run (`{}` without `files`). */
  files: MemFSTree;
  /** `"jspi"` when sleeps and stdin waits suspended the guest, `"none"` when they blocked the page. */
  mode: "jspi" | "none";
}
