import { loadModule, type MemFSTree, type TraceEvent } from "@anywasi/core";
import { instrument } from "@anywasi/core/interrupt";
import type { OutgoingHttpOptions, TranspileCache } from "@anywasi/core/component";
import { serveComponent } from "./component-serve.js";
import { cgiEnvironment } from "./cgi-env.js";
import { CgiOutput } from "./cgi-output.js";
import { MAX_HEADER_BYTES, type CgiHead } from "./cgi-response.js";
import { BodyTooLargeError, ClientGoneError, MalformedResponseError, TimeLimitError } from "./errors.js";
import { inThreadRunner } from "./in-thread.js";
import { failureFor, failureResponse, type Failure } from "./responses.js";
import type { GuestRunner } from "./runner.js";
import { StderrLog } from "./stderr-log.js";
import { emptyStream, limitStream } from "./stdio.js";

/** The third argument of `fetch`: a Workers `ExecutionContext`, or what the Node and Deno adapters pass. */
export interface ServeContext {
  /** The client's address, when the adapter knows it (Node, Deno). */
  remoteAddress?: string;
  /** Keep the request's work alive until `promise` settles (Workers); the gateway passes the guest's run. */
  waitUntil?(promise: Promise<unknown>): void;
}

/** Options of `serve()`. */
export interface ServeOptions<Env = unknown> {
  /**
   * Where guests run. Default: `inThreadRunner()` (on Workers, `@anywasi/worker`'s `serve` sets its
   * clock). A `wasi:http` component uses the runner's `http` when it has one (`@anywasi/node`'s
   * `workerRunner`: a worker thread per running request, streaming both ways), else runs on the serving thread.
   */
  runner?: GuestRunner;
  /** argv of every run. Default `["handler.wasm"]`. */
  args?: readonly string[];
  /**
   * Environment added to the CGI variables (which win on a clash): an object, or a function of
   * the `env` argument of `fetch` (on Workers: the bindings, e.g. a secret).
   */
  env?: Readonly<Record<string, string>> | ((bindings: Env | undefined) => Readonly<Record<string, string>>);
  /** Preopened directories: guest path → tree; every request gets a fresh copy. Default none. */
  files?: Readonly<Record<string, MemFSTree>>;
  /** `SCRIPT_NAME`: the path the program is mounted at, e.g. "/hook"; `PATH_INFO` is the rest. Default "". */
  scriptName?: string;
  /** Time limit of one request in ms, or null for none. Default 30 000. */
  timeoutMs?: number | null;
  /** Largest stdout, header block included, in bytes. Default 64 MiB. */
  maxOutputBytes?: number;
  /** Largest request body in bytes. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Largest CGI header block in bytes. Default 64 KiB. */
  maxHeaderBytes?: number;
  /**
   * Most 64 KiB pages of memory one request's guest may have, or null for no limit (a guest can
   * then take 4 GiB). Default 4096 (256 MiB). A module given as bytes is compiled with this cap
   * (its `memory.grow` fails past it, as on an exhausted machine); a precompiled module cannot be
   * changed, so the runner ends a guest found over the limit (`inThreadRunner`: at every syscall
   * and interruption check) with a 502. A module whose initial memory is larger cannot be run (500).
   */
  maxMemoryPages?: number | null;
  /**
   * Stream a response while its guest still runs (default true): the status is then committed 10
   * ms after the header block, and a later failure can only cut the body short, which workerd
   * delivers as a complete response (its chunked body is terminated normally). False: every
   * response waits for its guest to end (the body is held, up to `maxOutputBytes`), so a failure
   * is always a 5xx — the safe choice on Workers when clients must notice failures.
   */
  stream?: boolean;
  /** `REMOTE_ADDR`. Default: `ctx.remoteAddress` (set by the Node and Deno adapters). */
  remoteAddress?: (request: Request, ctx: ServeContext | undefined) => string | null | undefined;
  /** `SERVER_PROTOCOL`. Default "HTTP/1.1". */
  serverProtocol?: string;
  /** Where failures and the guests' stderr go, one line per call. Default `console.error`. */
  log?: (line: string) => void;
  /**
   * Log every WASI call of every request to `log`, prefixed like its stderr lines:
   * `[anywasi #3] POST /hook: [wasi] fd_write(1, 1048560, 1, 1048556) = 0`. Every runner here
   * traces: `inThreadRunner` (the default) as the calls happen, `@anywasi/node`'s `workerRunner`
   * (modules and `wasi:http` components) as the worker's events reach this thread, in order.
   * Default `false`.
   */
  trace?: boolean;
  /** For a `wasi:http` component: where transpile results are kept between processes (the CLI: on disk). */
  transpileCache?: TranspileCache;
  /**
   * For a `wasi:http` component: the origins its requests (`wasi:http/outgoing-handler`) may go
   * to, and the `HttpClient` that sends them (on Node and Deno: `createHttpClient()` of
   * `@anywasi/node`). Default: none, every request fails with `HTTP-request-denied`; allowed but
   * without a client, `internal-error`. Requests still in flight when the handler returns are
   * cancelled. See docs/components.md, "Outgoing HTTP".
   */
  outgoingHttp?: OutgoingHttpOptions;
}

/** A fetch handler, the shape Workers, Deno (`Deno.serve(handler.fetch)`) and the Node adapter take. */
export interface Gateway<Env = unknown> {
  /** Answer `request` by running the program; `env` is the Workers bindings, `ctx` the context. */
  fetch(request: Request, env?: Env, ctx?: ServeContext): Promise<Response>;
}

type Outcome = { ok: true; code: number } | { ok: false; error: unknown };


const NULL_BODY = new Set([204, 205, 304]);
/** How long a guest may still run after its header block is complete before its response is committed and streamed, in ms. */
const COMMIT_GRACE_MS = 10;
let requests = 0;

/**
 * A CGI gateway (as WAGI did): every request runs a FRESH instance of `module` on a fresh
 * in-memory filesystem. The request becomes CGI variables (`REQUEST_METHOD`, `PATH_INFO`,
 * `QUERY_STRING`, `CONTENT_TYPE`, `HTTP_*`, `REMOTE_ADDR`, ...) and the body the guest's stdin;
 * the guest's stdout is a CGI response (`Status:` and other headers, a blank line, the body),
 * streamed back. Bytes pass through untouched.
 *
 * Failures never show host details: 502 when the program exits non-zero, traps, writes a
 * malformed header block or too much output; 504 past the time limit; 413 for a too large body;
 * 500 when the module cannot be run. The reason and the guest's stderr go to `log`.
 *
 * The status is decided when the guest ends or, for a guest still running 10 ms after its header
 * block is complete (a streaming guest), then: a failure after that point cuts the body short
 * (the response stream errors) and is logged.
 *
 * `module` is compiled once, at the first request. Given as bytes, it is compiled with the memory
 * cap (`maxMemoryPages`) and, when a time limit is set and the runner cannot kill a thread
 * (`inThreadRunner`), instrumented with interruption checks (`@anywasi/core/interrupt`), so even
 * a guest looping without syscalls stops at the time limit. A precompiled `WebAssembly.Module`
 * (the only kind Workers allow) is used as it is: instrument and cap it at build time
 * (`anywasi instrument`).
 *
 * Given the bytes of a component exporting `wasi:http/incoming-handler` (a Spin / `wasmtime serve`
 * handler) instead, each request runs a fresh instance of it, with the same limits and failure
 * statuses (see `serveComponent` in component-serve.ts and docs/components.md).
 */
export function serve<Env = unknown>(module: WebAssembly.Module | ArrayBuffer | ArrayBufferView, options: ServeOptions<Env> = {}): Gateway<Env> {
  // A component (version 0d 00 01 00) exporting wasi:http/incoming-handler: see component-serve.ts.
  if (!(module instanceof WebAssembly.Module)) {
    const b = module instanceof ArrayBuffer ? new Uint8Array(module) : new Uint8Array(module.buffer, module.byteOffset, module.byteLength);
    if (b.length >= 8 && b[4] === 0x0d && b[5] === 0 && b[6] === 1 && b[7] === 0) return serveComponent(b, options);
  }
  const runner = options.runner ?? inThreadRunner();
  const log = options.log ?? ((line: string) => console.error(line));
  const timeoutMs = options.timeoutMs === undefined ? 30_000 : options.timeoutMs;
  const maxOutput = options.maxOutputBytes ?? 64 * 1024 * 1024;
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const maxHeader = options.maxHeaderBytes ?? MAX_HEADER_BYTES;
  const scriptName = (options.scriptName ?? "").replace(/\/+$/, "");
  const files = options.files ?? {};
  const args = options.args ?? ["handler.wasm"];
  const maxMemoryPages = options.maxMemoryPages === undefined ? 4096 : options.maxMemoryPages;
  let prepared: Promise<WebAssembly.Module> | null = null;

  async function prepare(): Promise<WebAssembly.Module> {
    if (module instanceof WebAssembly.Module) return loadModule(module);
    let bytes = module instanceof ArrayBuffer ? new Uint8Array(module) : new Uint8Array(module.buffer, module.byteOffset, module.byteLength);
    if (runner.kills !== true && timeoutMs !== null) bytes = instrument(bytes);
    return loadModule(bytes, maxMemoryPages === null ? {} : { maxMemoryPages });
  }

  async function handle(request: Request, bindings: Env | undefined, ctx: ServeContext | undefined): Promise<Response> {
    const id = ++requests;
    const where = `${request.method} ${new URL(request.url).pathname}`;
    const prefix = `[anywasi #${id}] ${where}: `;
    const fail = (failure: Failure, detail?: string): Response => {
      log(`${prefix}${failure.status} ${failure.reason}${detail !== undefined && detail !== failure.reason ? ` (${detail})` : ""}`);
      return failureResponse(failure);
    };

    prepared ??= prepare();
    let compiled: WebAssembly.Module;
    try {
      compiled = await prepared;
    } catch (e) {
      return fail(failureFor(e), (e as Error).message);
    }
    const declared = request.headers.get("content-length");
    if (declared !== null && Number(declared) > maxBody) {
      // Not touched (the host drains or drops a body nobody started to read; cancelling it made
      // workerd's dev server fail the next request), so the client reads the 413.
      return fail(failureFor(new BodyTooLargeError(maxBody)));
    }

    const userEnv = typeof options.env === "function" ? options.env(bindings) : options.env ?? {};
    const remote = options.remoteAddress !== undefined ? options.remoteAddress(request, ctx) : ctx?.remoteAddress;
    const env = {
      ...userEnv,
      ...cgiEnvironment(request, { scriptName, remoteAddress: remote ?? null, serverProtocol: options.serverProtocol ?? "HTTP/1.1" }),
    };

    const abort = new AbortController();
    const stop = (reason: Error): void => { if (!abort.signal.aborted) abort.abort(reason); };
    // Until the guest ends: a client that goes away stops it. (Deno aborts `request.signal` after
    // every response, too: the listener is gone by then.)
    const unlisten = new AbortController();
    request.signal?.addEventListener("abort", () => stop(new ClientGoneError()), { once: true, signal: unlisten.signal });

    const output = new CgiOutput(maxHeader, maxOutput, (reason) => stop(reason ?? new ClientGoneError()));
    const stderr = new StderrLog(`${prefix}stderr: `, log);

    const timer = timeoutMs === null ? undefined : setTimeout(() => stop(new TimeLimitError(timeoutMs)), timeoutMs);
    const stdin = request.body === null ? emptyStream() : limitStream(request.body, maxBody);
    let finished: Outcome | null = null;
    const outcome: Promise<Outcome> = runner.run({
      module: compiled, args, env, files, stdin, maxMemoryPages, stdout: (c) => output.write(c), stderr: (c) => stderr.write(c), timeoutMs, signal: abort.signal,
      ...(options.trace === true ? { trace: (event: TraceEvent) => log(`${prefix}[wasi] ${event.text()}`) } : {}),
    }).then((code): Outcome => ({ ok: true, code }), (error: unknown): Outcome => ({ ok: false, error }));
    const settled = outcome.then((o) => {
      finished = o;
      unlisten.abort();
      if (timer !== undefined) clearTimeout(timer);
      stderr.end();
      return o;
    });
    ctx?.waitUntil?.(settled);

    // Wait a little after the header block: a guest that ran synchronously has ended by then, and
    // one in another thread that ends right after its response has most likely too, so its exit
    // status still decides the response. Only a guest still running then is streamed.
    await (options.stream === false
      ? settled
      : Promise.race([settled, output.headComplete.then(() => new Promise((r) => setTimeout(r, COMMIT_GRACE_MS)))]));
    const done = finished as Outcome | null;
    if (done !== null) return complete(done);

    // The guest is still running with a complete header block: commit to its status and stream.
    const streaming = output.head!;
    void settled.then((o) => {
      if (o.ok && o.code === 0) {
        output.close();
        return;
      }
      const failure = o.ok ? { status: 502, reason: `the program exited with code ${o.code}` } : failureFor(o.error);
      log(`${prefix}${failure.reason} after the response had started: body cut short${o.ok ? "" : ` (${(o.error as Error)?.message ?? String(o.error)})`}`);
      output.error(new Error(failure.reason));
    });
    return respond(streaming, output.body);

    function complete(o: Outcome): Response {
      if (!o.ok) return fail(failureFor(o.error), (o.error as Error)?.message ?? String(o.error));
      if (o.code !== 0) return fail({ status: 502, reason: `the program exited with code ${o.code}` });
      if (output.head === null) {
        const reason = output.pending === 0 ? "the program wrote no response" : "the program's output ended inside its header block";
        return fail({ status: 502, reason: new MalformedResponseError(reason).message });
      }
      output.close();
      return respond(output.head, output.body);
    }
  }

  function respond(head: CgiHead, body: ReadableStream<Uint8Array>): Response {
    const nullBody = NULL_BODY.has(head.status);
    if (nullBody) void body.cancel().catch(() => {});
    return new Response(nullBody ? null : body, {
      status: head.status,
      ...(head.statusText !== "" ? { statusText: head.statusText } : {}),
      headers: head.headers,
    });
  }

  return {
    fetch: (request, env, ctx) => handle(request, env, ctx),
  };
}
