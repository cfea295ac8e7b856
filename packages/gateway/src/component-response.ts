import type { HttpErrorCode, HttpResponseSink } from "@anywasi/core/component";
import { errorCodeFailure, responseHeaders } from "./component-http.js";
import { OutputLimitError } from "./errors.js";
import type { Failure } from "./responses.js";

const NULL_BODY = new Set([204, 205, 304]);

/** What `ComponentResponse` needs from the request it answers. */
export interface ResponseContext {
  maxOutput: number;
  /** Throws when the request must stop (time limit, client gone); called after every body chunk. */
  check(): void;
  /** The failure response (logged). */
  fail(failure: Failure, detail?: string): Response;
  /** The failure response for an error (logged). */
  failWith(error: unknown): Response;
  log(line: string): void;
  /** Stop the guest (the client went away, or its response cannot be sent). */
  stop(reason: Error): void;
}

/**
 * The Web `Response` of one handler run, made from its `HttpResponseSink` calls. Until
 * `release()` the response is held (status, headers and body chunks in memory), so a run that
 * fails before it gets a plain 5xx as a CGI program would; `release()` (the guest paused, with its
 * response set) sends the head and what was written, and later chunks go to the client as they
 * come. A run that fails after that cannot change the status any more: the body stream is errored
 * (the client sees a broken transfer, never a complete-looking response) and the failure logged.
 * The in-thread runner never releases early: its response is sent when the handler returns.
 */
export class ComponentResponse {
  readonly #c: ResponseContext;
  #status = 0;
  #headers: readonly [string, Uint8Array][] = [];
  #error: HttpErrorCode | null = null;
  #finished = false;
  #trailers = false;
  #chunks: Uint8Array[] = [];
  #size = 0;
  #stream: ReadableStreamDefaultController<Uint8Array> | null = null;
  #settled = false;
  #resolve!: (r: Response) => void;
  /** Resolves with the response once it is released, or once the run ended. */
  readonly response: Promise<Response> = new Promise((r) => { this.#resolve = r; });

  constructor(context: ResponseContext) {
    this.#c = context;
  }

  readonly sink: HttpResponseSink = {
    respond: (status, headers) => { this.#status = status; this.#headers = headers; },
    body: (chunk) => {
      // Counted once accepted: after the head, `#size` is what the client was given.
      if (this.#size + chunk.length > this.#c.maxOutput) throw new OutputLimitError(this.#c.maxOutput);
      this.#size += chunk.length;
      if (this.#stream !== null) this.#stream.enqueue(chunk);
      else if (!this.#settled) this.#chunks.push(chunk);
      this.#c.check();
    },
    finish: (t) => {
      this.#finished = true;
      this.#trailers = t !== null && t.length > 0;
      if (this.#stream !== null) this.#close();
    },
    fail: (code) => { this.#error = code; },
  };

  /** True once the head has gone to the client (released while the guest runs): the status is fixed. */
  get released(): boolean {
    return this.#settled;
  }

  /** The guest paused: send the head and the body so far, if its response is set. */
  release(): void {
    if (this.#settled || this.#status === 0 || this.#error !== null) return;
    this.#send(false);
  }

  /** The run ended (`error` undefined: the handler returned). */
  ended(error?: unknown): void {
    if (!this.#settled) {
      if (error !== undefined) return this.#settle(this.#c.failWith(error));
      if (this.#error !== null) return this.#settle(this.#c.fail(errorCodeFailure(this.#error)));
      if (this.#status === 0) return this.#settle(this.#c.fail({ status: 502, reason: "the handler set no response" }));
      if (!this.#finished) return this.#settle(this.#c.fail({ status: 502, reason: "the handler did not finish its response body" }));
      this.#send(true);
      return;
    }
    const s = this.#stream;
    if (s === null) return;
    this.#stream = null;
    // The head is gone: the client can only be shown a broken body.
    const reason = error !== undefined ? (error as Error)?.message ?? String(error)
      : !this.#finished ? "the handler did not finish its response body" : null;
    if (reason === null) return;
    this.#c.log(`response body cut short after ${this.#size} bytes: ${reason}`);
    try { s.error(error instanceof Error ? error : new Error(reason)); } catch { /* already closed or cancelled */ }
  }

  #settle(r: Response): void {
    this.#settled = true;
    this.#chunks = [];
    this.#resolve(r);
  }

  #close(): void {
    // Web Responses carry no trailers: they are accepted from the guest and not sent (logged).
    if (this.#trailers) this.#c.log("response trailers dropped: a Web Response cannot carry them");
    try { this.#stream?.close(); } catch { /* cancelled by the client */ }
    this.#stream = null;
  }

  /** Make the Response; `done`: the body is complete (the run ended). */
  #send(done: boolean): void {
    const held = this.#chunks;
    const live = !done && !this.#finished;
    let stream: ReadableStream<Uint8Array> | null = null;
    if (!NULL_BODY.has(this.#status)) {
      stream = new ReadableStream<Uint8Array>({
        start: (c) => {
          for (const chunk of held) c.enqueue(chunk);
          if (live) this.#stream = c;
          else c.close();
        },
        cancel: () => {
          this.#stream = null;
          if (live) this.#c.stop(new Error("the client stopped reading the response"));
        },
      });
    }
    if ((done || this.#finished) && this.#trailers) this.#c.log("response trailers dropped: a Web Response cannot carry them");
    let response: Response;
    try {
      response = new Response(stream, { status: this.#status, headers: responseHeaders(this.#headers) });
    } catch (e) {
      // A status a Web Response cannot have (1xx, over 599) or a header it refuses.
      this.#stream = null;
      if (!done) this.#c.stop(new Error("the handler's response cannot be sent"));
      this.#settle(this.#c.fail({ status: 502, reason: "the handler's response cannot be sent" }, (e as Error).message));
      return;
    }
    this.#settle(response);
  }
}
