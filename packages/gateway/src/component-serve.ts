import { ClockId, WASI, blockingSleep, systemClock, type Clock, type TraceEvent } from "@anywasi/core";
import type { HttpComponent, HttpRequestHead } from "@anywasi/core/component";
import { BodyTooLargeError, ClientGoneError, TimeLimitError } from "./errors.js";
import { ComponentResponse } from "./component-response.js";
import { failureFor, failureResponse, type Failure } from "./responses.js";
import type { Gateway, ServeContext, ServeOptions } from "./serve.js";
import { StderrLog } from "./stderr-log.js";
import { readAll } from "./stdio.js";
import { requestHead } from "./component-http.js";
import { RequestBody } from "./request-body.js";
let requests = 0;

/**
 * `serve()` for a component exporting `wasi:http/incoming-handler` (`serve()` hands the bytes here
 * when they are a component). Every request instantiates the compiled component afresh
 * (`handleHttpRequest` of `@anywasi/core/component`) with the limits of CGI programs:
 * `timeoutMs` (in-thread: checked at every interface call, and a timer wait is cut at the limit;
 * in a worker: the thread is terminated), `maxBodyBytes` (413), `maxOutputBytes` (the response
 * body; 502), `maxMemoryPages` (every core module compiled with the cap). `files`, `scriptName`
 * and `maxHeaderBytes` are for CGI programs and not used here; of `runner` only `http`; `stream`
 * only for a component run through JSPI glue (below).
 *
 * With a `runner` that has `http` (`@anywasi/node`'s `workerRunner`) each request runs there (a
 * worker thread): the request body streams in, the response streams out from the guest's first
 * wait on, requests run concurrently. Otherwise (`inThreadRunner`, the default) the request body
 * is read whole (up to `maxBodyBytes`) before the handler runs, and the response is sent when the
 * handler has returned: the guest runs synchronously and cannot wait for the network. A
 * component loaded with JSPI glue (`HttpComponent.jspi`: `@anywasi/worker` and the Service Worker
 * where the engine has JSPI) runs here too, through `WebAssembly.promising`, and streams as from a
 * worker: the request body is read as the guest asks for it (a guest waiting for bytes not yet
 * arrived is suspended), the response goes out at the guest's first wait (`stream: false`: when
 * it ends), requests run side by side, and the time limit or a client gone ends a suspended
 * guest at once. Failures
 * before the response is sent are plain-text 5xx responses as for CGI programs: 502 for a trap, an
 * `error-code` the handler answered with (504 for its timeout codes), no response or an unfinished
 * body; 504 past the time limit; 500 when the component cannot be run. After it was sent, a
 * failure errors the body stream (the client sees a broken transfer) and is logged.
 */
export function serveComponent<Env>(bytes: Uint8Array, options: ServeOptions<Env>): Gateway<Env> {
  const maxMemoryPages = options.maxMemoryPages === undefined ? 4096 : options.maxMemoryPages;
  return serveHttpComponent({
    async load() {
      // The component layer (and jco-transpile) is loaded only when a component is served.
      const api = await import("@anywasi/core/component");
      return api.loadHttpComponent(bytes, {
        ...(maxMemoryPages === null ? {} : { maxMemoryPages }),
        ...(options.transpileCache !== undefined ? { transpileCache: options.transpileCache } : {}),
      });
    },
  }, options);
}

/** Where `serveHttpComponent()` gets its component, and the clock of each request. */
export interface HttpComponentSource {
  /**
   * Load the component; called once, at the first request. A rejection answers that request and
   * every later one with a 500 (logged).
   */
  load(): Promise<HttpComponent>;
  /**
   * Make the clock of one request (called once per request). Its `sleep` must not block where
   * the platform cannot (`@anywasi/worker` passes `workerClock`). Default: the core's `systemClock`.
   */
  clock?: () => Clock;
}

/**
 * The gateway of a `wasi:http/incoming-handler` component that is already loaded elsewhere (as
 * `@anywasi/worker` does with one transpiled at build time): what `serve()` does with a
 * component's bytes, with the same options, limits and failure statuses (see `serveComponent`),
 * except `transpileCache`, which is for loading bytes: `source.load()` owns how the component is
 * made. `maxMemoryPages` (default 4096) is checked at run time here: after every WASI call and
 * when the handler returns, a guest with a core memory over it is ended (502, "the program
 * exceeded its memory limit"); a component whose core modules were compiled with a cap at or
 * under it (`loadHttpComponent`'s `maxMemoryPages`, as `serve(bytes)` does) is not checked: its
 * `memory.grow` fails in the guest instead.
 */
export function serveHttpComponent<Env>(source: HttpComponentSource, options: ServeOptions<Env>): Gateway<Env> {
  const log = options.log ?? ((line: string) => console.error(line));
  const timeoutMs = options.timeoutMs === undefined ? 30_000 : options.timeoutMs;
  const maxOutput = options.maxOutputBytes ?? 64 * 1024 * 1024;
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const args = options.args ?? ["handler.wasm"];
  // Checked at run time too: core modules precompiled without the cap (Workers) cannot refuse
  // `memory.grow`, so a guest found over it is ended (502); one compiled with it never is.
  const maxMemoryPages = options.maxMemoryPages === undefined ? 4096 : options.maxMemoryPages;
  const traceTo = (prefix: string) => (event: TraceEvent): void => log(`${prefix}[wasi] ${event.text()}`);
  const outgoing = options.outgoingHttp === undefined ? {} : { outgoingHttp: options.outgoingHttp };
  // A runner that can suspend the guest (a worker) streams both ways; without one it runs here.
  const runner = options.runner;
  let prepared: Promise<{ component: HttpComponent; api: typeof import("@anywasi/core/component") }> | null = null;

  async function prepare(): Promise<{ component: HttpComponent; api: typeof import("@anywasi/core/component") }> {
    const [component, api] = await Promise.all([source.load(), import("@anywasi/core/component")]);
    return { component, api };
  }

  async function handle(request: Request, bindings: Env | undefined, ctx: ServeContext | undefined): Promise<Response> {
    const id = ++requests;
    const url = new URL(request.url);
    const prefix = `[anywasi #${id}] ${request.method} ${url.pathname}: `;
    const fail = (failure: Failure, detail?: string): Response => {
      log(`${prefix}${failure.status} ${failure.reason}${detail !== undefined && detail !== failure.reason ? ` (${detail})` : ""}`);
      return failureResponse(failure);
    };
    const failWith = (e: unknown): Response => fail(failureFor(e), (e as Error)?.message ?? String(e));

    prepared ??= prepare();
    let loaded: Awaited<ReturnType<typeof prepare>>;
    try {
      loaded = await prepared;
    } catch (e) {
      return failWith(e);
    }
    const declared = request.headers.get("content-length");
    if (declared !== null && Number(declared) > maxBody) {
      // Not touched (the host drains or drops a body nobody started to read; cancelling it made
      // workerd's dev server fail the next request), so the client reads the 413.
      return failWith(new BodyTooLargeError(maxBody));
    }

    const abort = new AbortController();
    const stop = (reason: Error): void => { if (!abort.signal.aborted) abort.abort(reason); };
    request.signal?.addEventListener("abort", () => stop(new ClientGoneError()), { once: true, signal: abort.signal });
    const clock = source.clock?.() ?? systemClock;
    const started = clock.now(ClockId.MONOTONIC);
    const deadline = timeoutMs === null ? null : started + BigInt(Math.round(timeoutMs * 1e6));
    const timer = timeoutMs === null ? undefined : setTimeout(() => stop(new TimeLimitError(timeoutMs)), timeoutMs);
    const check = (): void => {
      if (abort.signal.aborted) throw abort.signal.reason;
      if (deadline !== null && clock.now(ClockId.MONOTONIC) > deadline) throw new TimeLimitError(timeoutMs!);
    };
    const stderr = new StderrLog(`${prefix}stderr: `, log);
    const head: HttpRequestHead = requestHead(request, url);
    const userEnv = typeof options.env === "function" ? options.env(bindings) : options.env ?? {};
    const response = new ComponentResponse({
      maxOutput, check, fail, failWith, stop, log: (line) => log(`${prefix}${line}`),
    });
    // A component compiled with a cap at or under ours cannot pass it: no check per WASI call
    // (which would cost a trace event per call where nothing else needs one: in a worker).
    const compiled = loaded.component.compiledMemoryCap;
    const memoryCap = maxMemoryPages === null || (compiled !== null && compiled <= maxMemoryPages) ? null : maxMemoryPages;
    // Every runner reads the body through this one (the limit, and what the handler left unread).
    const body = request.body === null ? null : new RequestBody(request.body, maxBody);
    let run: Promise<void>;
    if (runner?.http !== undefined) {
      run = runner.http({
        component: loaded.component, request: head, body: body?.stream ?? null,
        args, env: userEnv, stderr: (c) => stderr.write(c), sink: response.sink, pause: () => response.release(),
        signal: abort.signal, maxMemoryPages: memoryCap, ...outgoing, ...(options.trace === true ? { trace: traceTo(prefix) } : {}),
      });
    } else {
      const jspi = loaded.component.jspi;
      const reader = jspi && body !== null ? body.stream.getReader() : null;
      run = (async () => {
        // Synchronous glue cannot wait for the network: the body is read whole first. JSPI glue
        // reads it as it arrives (the guest suspended meanwhile).
        const source = reader !== null ? loaded.api.streamBodySource(reader)
          : body === null ? new Uint8Array(0) : await readAll(body.stream, abort.signal);
        const watch = memoryCap === null ? undefined : new loaded.api.MemoryWatch(memoryCap);
        const checkAll = watch === undefined ? check : (): void => { check(); watch.check(); };
        const trace = options.trace === true ? traceTo(prefix) : null;
        const wasi = new WASI({
          args, env: userEnv, stdin: new Uint8Array(0),
          stdout: (c) => stderr.write(c), stderr: (c) => stderr.write(c),
          clock: deadlineClock(clock, deadline, () => timeoutMs!),
          trace: trace === null ? () => checkAll() : (event: TraceEvent) => { trace(event); checkAll(); },
        });
        check();
        await loaded.api.handleHttpRequest(loaded.component, wasi, head, source, response.sink, {
          ...outgoing, ...(watch === undefined ? {} : { memoryWatch: watch }),
          // JSPI: the head and the body so far go out when the guest first waits (as from a
          // worker); a time limit or a client gone ends a suspended guest at once.
          // `stream: false` holds the response until the end (a failure is then always a 5xx:
          // workerd completes an errored body, issue 6818); waits still suspend the guest.
          ...(jspi ? { signal: abort.signal, ...(options.stream === false ? {} : { onWait: () => response.release() }) } : {}),
        });
      })();
      // The handler's end lets go of its side of the body (what it left is `body.settle`'s).
      if (reader !== null) void run.finally(() => reader.cancel().catch(() => {})).catch(() => {});
    }
    // The run may outlive `handle` (a released response streams on): clean up when it ends. A
    // response still held waits for the rest of the body (a 413 past the limit, read or not).
    const outcome = run.then(() => undefined, (e: unknown) => e ?? new Error(String(e)));
    void outcome.then(async (error) => {
      response.ended(body === null ? error : await body.settle(error, !response.released, abort.signal));
    }).finally(() => {
      if (timer !== undefined) clearTimeout(timer);
      stderr.end();
      abort.abort();
    });
    return response.response;
  }

  return { fetch: (request, env, ctx) => handle(request, env, ctx) };
}

/**
 * `base`, except that past the time limit reading it throws `TimeLimitError`, and a sleep (a
 * guest waiting on a timer pollable) ends at the limit with it instead of outlasting it.
 */
function deadlineClock(base: Clock, deadline: bigint | null, limitMs: () => number): Clock {
  if (deadline === null) return base;
  return {
    // A guest busy-waiting on the clock (wasi:clocks `now` does not pass through a preview1
    // call, so the trace hook never sees it) is stopped here.
    now(id) {
      if (base.now(ClockId.MONOTONIC) > deadline) throw new TimeLimitError(limitMs());
      return base.now(id);
    },
    resolution: (id) => base.resolution(id),
    sleep(ns: bigint): void {
      const left = deadline - base.now(ClockId.MONOTONIC);
      const sleep = base.sleep?.bind(base) ?? blockingSleep;
      if (ns <= left) { sleep(ns); return; }
      if (left > 0n) sleep(left);
      throw new TimeLimitError(limitMs());
    },
  };
}
