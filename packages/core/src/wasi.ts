import { START_EXPORT } from "./abi/start-section.js";
import { RIGHTS_DIR, RIGHTS_FILE, RIGHTS_INPUT, RIGHTS_OUTPUT } from "./abi/constants.js";
import { checkOptions } from "./check-options.js";
import { Context } from "./context.js";
import { blockingSleep, cryptoRandom, discardOutput, emptyInput, systemClock } from "./defaults.js";
import { LimitError, ModuleError, ProcExit } from "./errors.js";
import type { Clock, DirectoryHandle, InputStream, OutputStream, Random } from "./host.js";
import { buildImports, type ImportFunction, type Preview1Name, type TraceHook } from "./imports.js";
import { utf8 } from "./memory.js";
import { toInputStream, toOutputStream, type InputSource, type OutputSink } from "./streams.js";

/** Options of `new WASI()`. Names follow `node:wasi` so existing code ports with an import change. */
export interface WASIOptions {
  /** argv as the guest sees it, `args[0]` being the program name. Default `[]`. */
  args?: readonly string[];
  /** Environment, as an object or as `KEY=VALUE` strings. Default empty. */
  env?: Readonly<Record<string, string>> | readonly string[];
  /**
   * Preopened directories: guest path → directory handle (e.g. `memfs.root`). They get descriptors
   * 3, 4, ... in this order.
   */
  preopens?: Readonly<Record<string, DirectoryHandle>>;
  /** Standard input. Default: empty (end of file at once). */
  stdin?: InputSource;
  /** Standard output. Default: discarded. */
  stdout?: OutputSink;
  /** Standard error. Default: discarded. */
  stderr?: OutputSink;
  /** Time source. Default: `performance.now()`/`Date.now()`-based. */
  clock?: Clock;
  /** Randomness. Default: `crypto.getRandomValues`. */
  random?: Random;
  /**
   * Accepted for `node:wasi` compatibility. anywasi never exits the embedding process: `start()`
   * always returns the guest's exit code, whatever this says.
   */
  returnOnExit?: boolean;
  /** Accepted for `node:wasi` compatibility; only `"preview1"` is supported. */
  version?: "preview1";
  /** Called after every syscall with its name, arguments and errno; `event.text()` is an strace-like line. */
  trace?: TraceHook;
  /** Most descriptors the guest may hold open at once (`MFILE` beyond). Default 65536. */
  maxOpenFiles?: number;
  /**
   * Most bytes the guest may write to stdout and stderr together. The write that crosses it is
   * delivered up to the limit, then the guest is ended and `start()` throws a `LimitError`.
   */
  maxOutputBytes?: number;
}

/** The exit code a guest ended with: `proc_exit`'s, or the rethrown trap or host error. */
export function exitCode(e: unknown): number {
  if (e instanceof ProcExit) return e.code;
  throw e;
}

/** The exports a command or reactor instance must have. */
export interface GuestExports {
  memory: WebAssembly.Memory;
  _start?: () => void;
  _initialize?: () => void;
  /** The module's start function, deferred by `loadModule()` until the memory is known. */
  [START_EXPORT]?: () => void;
}

/**
 * What `@anywasi/core/jspi` needs of a `WASI`. Set by the class itself, the only code that can
 * reach its private members; the package's main entry does not export it.
 */
export let internals: (wasi: WASI) => {
  ctx: Context;
  /** `start()`'s checks; returns the instance's exports, a `_start` function among them. */
  command(instance: WebAssembly.Instance): GuestExports;
};

/**
 * A WASI preview1 environment for one guest instance: the import object and the code that starts
 * the guest. A drop-in for `node:wasi`'s `WASI` and for `wasiImport`/`start`/`initialize` users of
 * browser_wasi_shim.
 */
export class WASI {
  /** The `wasi_snapshot_preview1` import namespace. */
  declare readonly wasiImport: Record<Preview1Name, ImportFunction>;
  readonly #ctx: Context;
  #started = false;

  static {
    internals = (w) => ({
      ctx: w.#ctx,
      command: (instance) => w.#begin(instance, true),
    });
  }

  /** @throws TypeError naming the option when one has the wrong type, or on an unsupported `version`. */
  constructor(options: WASIOptions = {}) {
    checkOptions(options);
    const env = options.env ?? {};
    const envList = Array.isArray(env) ? (env as readonly string[]) : Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const clock = options.clock ?? systemClock;
    const sleep = clock.sleep !== undefined ? clock.sleep.bind(clock) : blockingSleep;
    this.#ctx = new Context(
      (options.args ?? []).map((a) => utf8(`${a}\0`)),
      envList.map((e) => utf8(`${e}\0`)),
      clock,
      options.random ?? cryptoRandom,
      sleep,
    );
    const fds = this.#ctx.fds;
    if (options.maxOpenFiles !== undefined) fds.maxOpen = options.maxOpenFiles;
    let stdout = toOutputStream(options.stdout ?? discardOutput);
    let stderr = toOutputStream(options.stderr ?? discardOutput);
    if (options.maxOutputBytes !== undefined) {
      const budget = { left: options.maxOutputBytes, limit: options.maxOutputBytes };
      stdout = limitOutput(budget, stdout);
      stderr = limitOutput(budget, stderr);
    }
    const stdio: [InputStream | null, OutputStream | null, number][] = [
      [toInputStream(options.stdin ?? emptyInput), null, RIGHTS_INPUT],
      [null, stdout, RIGHTS_OUTPUT],
      [null, stderr, RIGHTS_OUTPUT],
    ];
    stdio.forEach(([input, output, rights], fd) => fds.set(fd, {
      kind: "stream", input, output, rightsBase: rights, rightsInheriting: 0, fdflags: 0,
    }));
    let fd = 3;
    for (const [name, handle] of Object.entries(options.preopens ?? {})) {
      // The embedder owns preopened roots: an extra hold keeps the core from ever closing them.
      fds.handles.acquire(handle);
      fds.set(fd++, {
        kind: "directory", handle, preopen: name, listing: null, parentIno: null,
        rightsBase: RIGHTS_DIR, rightsInheriting: RIGHTS_DIR | RIGHTS_FILE, fdflags: 0,
      });
    }
    this.wasiImport = buildImports(this.#ctx, options.trace ?? null);
  }

  /** The import object to instantiate a module with: `{ wasi_snapshot_preview1: wasiImport }`. */
  getImportObject(): {
    /** The `wasi_snapshot_preview1` import namespace: `wasiImport`. */
    wasi_snapshot_preview1: Record<Preview1Name, ImportFunction>;
  } {
    return { wasi_snapshot_preview1: this.wasiImport };
  }

  /**
   * Run a command's `_start` (after its start function, which `loadModule()` defers until the
   * memory is known) and return its exit code (0 when `_start` returns). `proc_exit` and
   * `proc_raise` end only the guest. A trap is rethrown after output is flushed and descriptors
   * closed, so nothing the guest wrote is lost.
   * @throws ModuleError if the instance lacks `memory` or `_start`, or was already started.
   */
  start(instance: WebAssembly.Instance): number {
    const ex = this.#begin(instance, true);
    try {
      // The deferred start function, if the module had one. Written out here and in initialize():
      // each function first run in start() costs a lazy compile (~70k instructions in V8), the
      // bulk of a short guest's time in anywasi.
      const f = ex[START_EXPORT];
      if (typeof f === "function") f();
      ex._start!();
      return 0;
    } catch (e) {
      return exitCode(e);
    } finally {
      this.#ctx.fds.closeAll();
    }
  }

  /**
   * Initialise a reactor: call its deferred start function and `_initialize`, if present. The instance's other exports may then be
   * called; their syscalls use this environment.
   * @throws ModuleError if the instance has a `_start` export, lacks `memory`, or was already started.
   */
  initialize(instance: WebAssembly.Instance): void {
    const ex = this.#begin(instance, false);
    try {
      const f = ex[START_EXPORT];
      if (typeof f === "function") f();
      if (typeof ex._initialize === "function") ex._initialize();
    } finally {
      this.#ctx.fds.flush();
    }
  }

  /** Flush buffered output of every stream. Useful after calling a reactor's exports. */
  flush(): void {
    this.#ctx.fds.flush();
  }

  /** The checks of `start()` (`command`) or `initialize()`; attaches the memory. */
  #begin(instance: WebAssembly.Instance, command: boolean): GuestExports {
    if (this.#started) throw new ModuleError("this WASI instance was already started");
    const ex = instance.exports as unknown as GuestExports;
    if (!(ex.memory instanceof WebAssembly.Memory)) throw new ModuleError("the module has no \"memory\" export");
    if (command) {
      if (typeof ex._start !== "function") throw new ModuleError("the module has no _start export (a reactor? use initialize())");
      if (ex._initialize !== undefined) throw new ModuleError("the module exports both _start and _initialize");
    } else if (ex._start !== undefined) throw new ModuleError("the module is a command (it exports _start): use start()");
    this.#started = true;
    this.#ctx.mem.refresh(ex.memory);
    return ex;
  }
}

/**
 * Wrap an output so that it and every other output sharing `budget` carry at most `budget.limit`
 * bytes together; the write that crosses it is cut at the limit and ends the guest.
 */
function limitOutput(budget: { left: number; limit: number }, out: OutputStream): OutputStream {
  return {
    isTTY: out.isTTY === true,
    write(bytes: Uint8Array): void {
      if (bytes.length <= budget.left) {
        budget.left -= bytes.length;
        out.write(bytes);
        return;
      }
      if (budget.left > 0) out.write(bytes.subarray(0, budget.left));
      budget.left = 0;
      out.flush?.();
      throw new LimitError("output", `the guest wrote more than the limit of ${budget.limit} output bytes`);
    },
    flush(): void {
      out.flush?.();
    },
  };
}
