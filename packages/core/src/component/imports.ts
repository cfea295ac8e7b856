import type { WASI } from "../wasi.js";
import type { MemoryWatch } from "./memory-watch.js";
import { Bridge, type AbortSignalLike } from "./bridge.js";
import { cliEnvironment } from "./cli/environment.js";
import { cliExit } from "./cli/exit.js";
import { cliStdio, cliTerminal } from "./cli/stdio.js";
import { monotonicClock } from "./clocks/monotonic-clock.js";
import { wallClock } from "./clocks/wall-clock.js";
import { filesystemPreopens } from "./filesystem/preopens.js";
import { filesystemTypes } from "./filesystem/types.js";
import { ioError } from "./io/error.js";
import { ioPoll, Pollable } from "./io/poll.js";
import type { OutgoingHttpOptions } from "./http/client.js";
import { fetchHttpClient } from "./http/fetch-client.js";
import { httpTypes, type IncomingHttp } from "./http/types.js";
import { ioStreams } from "./io/streams.js";
import { randomInterfaces } from "./random/random.js";
import { sockets } from "./sockets/network.js";

/** The import object jco's glue takes: interface name (without `@version`) → its functions and resource classes. */
export type ComponentImports = Record<string, Record<string, unknown>>;

/** Options of `componentImports()`. */
export interface ComponentImportOptions {
  /** `wasi:http/outgoing-handler`: which origins the guest may reach, and through what. Absent: none (denied). */
  outgoingHttp?: OutgoingHttpOptions;
  /**
   * For `startComponent` and `handleHttpRequest`: the watch this instance's memories are noted
   * in (checked when the guest returns; call its `check()` from the trace hook to check after
   * every WASI call). `componentImports` ignores it.
   */
  memoryWatch?: MemoryWatch;
  /**
   * Runs each wasi:filesystem call that may reach a directory operation of the filesystem
   * capability (`open-at`, `stat-at`, ..., `read-directory-entry`; see `DirectoryCall`). For a
   * capability whose directory operations wait (the browser's live OPFS); the component must be
   * loaded with `jspi: "filesystem"`, so that those calls may return promises. Absent: run as is.
   */
  directoryCall?: DirectoryCall;
  /**
   * For `startComponent` under JSPI glue: the calls that can wait (stdin reads, `poll`, `pollable.block`, clocks)
   * block the thread as they do under the synchronous glue, instead of returning promises that
   * suspend the guest; only `directoryCall`'s promises suspend it. For a stdin that blocks by
   * itself (the browser's SharedArrayBuffer bridge, `Atomics.wait`) beside a filesystem whose
   * directory operations wait (live OPFS). Default false; ignored under synchronous glue.
   */
  blockingWaits?: boolean;
  /**
   * Under JSPI glue: called each time the guest is about to be suspended (it waits for a timer,
   * request bytes, a response). A served handler's response may go out then.
   */
  onWait?: () => void;
  /** Under JSPI glue: when aborted, a suspended guest resumes at once, its call throwing `signal.reason`. */
  signal?: AbortSignalLike;
}

/**
 * How a wasi:filesystem directory operation runs: `call()` is the whole synchronous interface
 * call (it may be called again, from the start, any number of times); the result is its value, or
 * a promise of it, which suspends the guest (JSPI glue) until it settles.
 */
export type DirectoryCall = <T>(call: () => T) => T | Promise<T>;

/**
 * Every WASI 0.2 interface anywasi provides, keyed as jco's glue asks for them: `wasi:cli/stdout`,
 * without the `@0.2.x` version, so every 0.2.x version maps to this one implementation.
 * `wasi:http/types` and `wasi:http/outgoing-handler` are included (outgoing requests per
 * `options.outgoingHttp`, denied without it).
 */
export function componentImports(wasi: WASI, options: ComponentImportOptions = {}): ComponentImports {
  return buildImports(wasi, options).imports;
}

/**
 * @internal `componentImports`, with the request an incoming handler answers, the `httpTypes` of
 * the run (its `handle` arguments) and `close()`, which cancels outgoing requests still in flight.
 * `suspends`: for JSPI glue, calls that would wait return promises (see `Bridge.suspends`).
 */
export function buildImports(wasi: WASI, options: ComponentImportOptions, incoming?: IncomingHttp, suspends = false) {
  const b = new Bridge(wasi, suspends, options.directoryCall ?? null, {
    ...(options.onWait === undefined ? {} : { onWait: options.onWait }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const stdio = cliStdio(b);
  const http = httpTypes(incoming, withClient(options.outgoingHttp, suspends), () => new Pollable(b, null), (source) => new Pollable(b, { source }));
  const imports: ComponentImports = {
    "wasi:cli/environment": cliEnvironment(b),
    "wasi:cli/exit": cliExit(),
    "wasi:cli/stdin": stdio.stdin,
    "wasi:cli/stdout": stdio.stdout,
    "wasi:cli/stderr": stdio.stderr,
    ...cliTerminal(b),
    "wasi:clocks/monotonic-clock": monotonicClock(b),
    "wasi:clocks/wall-clock": wallClock(b),
    "wasi:filesystem/types": filesystemTypes(),
    "wasi:filesystem/preopens": filesystemPreopens(b),
    "wasi:io/error": ioError(),
    "wasi:io/poll": ioPoll(),
    "wasi:io/streams": ioStreams(),
    ...randomInterfaces(b),
    ...sockets(),
    "wasi:http/types": http["wasi:http/types"],
    "wasi:http/outgoing-handler": http["wasi:http/outgoing-handler"],
  };
  return { imports, http, close: () => http.close() };
}

/** The interfaces `componentImports` provides (a component importing anything else is refused). */
export const PROVIDED_INTERFACES: readonly string[] = [
  "wasi:cli/environment", "wasi:cli/exit", "wasi:cli/stdin", "wasi:cli/stdout", "wasi:cli/stderr",
  "wasi:cli/terminal-input", "wasi:cli/terminal-output", "wasi:cli/terminal-stdin",
  "wasi:cli/terminal-stdout", "wasi:cli/terminal-stderr",
  "wasi:clocks/monotonic-clock", "wasi:clocks/wall-clock",
  "wasi:filesystem/types", "wasi:filesystem/preopens",
  "wasi:io/error", "wasi:io/poll", "wasi:io/streams",
  "wasi:random/random", "wasi:random/insecure", "wasi:random/insecure-seed",
  "wasi:sockets/network", "wasi:sockets/instance-network", "wasi:sockets/tcp", "wasi:sockets/udp",
  "wasi:sockets/tcp-create-socket", "wasi:sockets/udp-create-socket", "wasi:sockets/ip-name-lookup",
  "wasi:http/types", "wasi:http/outgoing-handler",
];

/**
 * Outgoing HTTP options with a client: under JSPI (`suspends`) without one given, `fetch` on
 * this thread (the guest is suspended while it waits), where the host has `fetch`.
 */
function withClient(options: OutgoingHttpOptions | undefined, suspends: boolean): OutgoingHttpOptions | undefined {
  if (options === undefined || options.client !== undefined || !suspends || options.allow.length === 0) return options;
  if (typeof (globalThis as { fetch?: unknown }).fetch !== "function") return options;
  return { ...options, client: fetchHttpClient() };
}
