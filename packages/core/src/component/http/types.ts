import type { Pollable, ReadinessSource } from "../io/poll.js";
import type { BodySource } from "./body.js";
import { ERR_UNIT, FutureTrailers, IncomingBody, OutgoingBody } from "./body-resources.js";
import type { OutgoingHttpOptions } from "./client.js";
import { Fields } from "./fields.js";
import { outgoingHttp } from "./outgoing.js";

/**
 * A wasi:http `error-code`, as jco's glue lifts and lowers it: `{ tag: "internal-error", val: "..." }`,
 * `{ tag: "HTTP-response-timeout" }`, ... (case names as in the WIT).
 */
export type HttpErrorCode = { tag: string; val?: unknown };

/** What the guest sees of a request: the parts of its URL and its headers (immutable), in order. */
export interface HttpRequestHead {
  /** The method as sent ("GET", "PROPFIND"). */
  method: string;
  /** Path and query, "/hook?x=1". */
  pathWithQuery: string;
  /** "http" or "https" (another value reaches the guest as `other`). */
  scheme: string;
  /** Host and port, "example.com:8080". */
  authority: string;
  /** Header entries in order, names as received. */
  headers: [string, Uint8Array][];
}

/** Where the guest's answer goes, in this order: `respond`, `body` any number of times, `finish`; or `fail` alone. */
export interface HttpResponseSink {
  /** The guest set its response: status (100–999) and headers in order. */
  respond(status: number, headers: readonly [string, Uint8Array][]): void;
  /** A chunk of the response body (a copy: keep it). May throw to stop the guest (a limit). */
  body(chunk: Uint8Array): void;
  /** The body is complete; `trailers` are the guest's, or null when it sent none. */
  finish(trailers: readonly [string, Uint8Array][] | null): void;
  /** The guest set the response-outparam to an `error-code` instead of a response. */
  fail(code: HttpErrorCode): void;
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]);
type Variant = { tag: string; val?: string };

function methodVariant(m: string): Variant {
  return METHODS.has(m) ? { tag: m.toLowerCase() } : { tag: "other", val: m };
}

function schemeVariant(s: string): Variant {
  return s === "http" ? { tag: "HTTP" } : s === "https" ? { tag: "HTTPS" } : { tag: "other", val: s };
}

/** The request an incoming handler answers. */
export interface IncomingHttp {
  request: HttpRequestHead;
  source: BodySource;
  sink: HttpResponseSink;
}

/** The `wasi:http` imports of one run, and (for an incoming handler) the two resources its `handle` call takes. */
export interface HttpTypes {
  "wasi:http/types": Record<string, unknown>;
  "wasi:http/outgoing-handler": Record<string, unknown>;
  /** The `incoming-request` to pass to `handle` (only with an incoming request). */
  request(): unknown;
  /** The `response-outparam` to pass to `handle` (only with an incoming request). */
  outparam(): unknown;
  /** True once the guest set its response-outparam (to a response or an error). */
  responded(): boolean;
  /** Cancel the outgoing requests still in flight (the run ended). */
  close(): void;
}

/**
 * The `wasi:http/types` and `wasi:http/outgoing-handler` imports of ONE run: classes closed over
 * the request it answers (`incoming`, absent for a command), the outgoing-HTTP options (absent:
 * every outgoing request is denied), `ready` (a pollable that is always ready) and `pollable`
 * (one over a readiness source). Made fresh for every run, like its instance.
 */
export function httpTypes(
  incoming: IncomingHttp | undefined, outgoing: OutgoingHttpOptions | undefined,
  ready: () => Pollable, pollable: (s: ReadinessSource) => Pollable,
): HttpTypes {
  let bodyTaken = false;
  let responded = false;
  const noRequest = (): never => {
    throw new WebAssembly.RuntimeError("no incoming request in this run");
  };
  const sink: HttpResponseSink = incoming?.sink ?? { respond: noRequest, body: noRequest, finish: noRequest, fail: noRequest };

  class IncomingRequest {
    readonly #r: HttpRequestHead;
    constructor(r: HttpRequestHead) { this.#r = r; }
    method(): Variant { return methodVariant(this.#r.method); }
    pathWithQuery(): string { return this.#r.pathWithQuery; }
    scheme(): Variant { return schemeVariant(this.#r.scheme); }
    authority(): string { return this.#r.authority; }
    headers(): Fields { return Fields.frozen(this.#r.headers); }
    consume(): IncomingBody | typeof ERR_UNIT {
      if (bodyTaken || incoming === undefined) return ERR_UNIT;
      bodyTaken = true;
      // A body still arriving (from another thread) has pollables that wait for its bytes.
      const arriving = incoming.source.readiness;
      return new IncomingBody(incoming.source, arriving === undefined ? ready : () => pollable(arriving), ready);
    }
  }

  class OutgoingResponse {
    #status = 200;
    readonly #headers: Fields;
    #body: OutgoingBody | null = null;
    /** Chunks written before the response was set (sent once it is); null once it is. */
    #held: Uint8Array[] | null = [];
    /** The trailers of a body finished before the response was set. */
    #finished: readonly [string, Uint8Array][] | null | undefined;
    constructor(headers: Fields) { this.#headers = Fields.freeze(headers); }
    statusCode(): number { return this.#status; }
    setStatusCode(status: number): void | typeof ERR_UNIT {
      if (status < 100 || status > 999) return ERR_UNIT;
      this.#status = status;
    }
    headers(): Fields { return this.#headers; }
    body(): OutgoingBody | typeof ERR_UNIT {
      if (this.#body !== null) return ERR_UNIT;
      return (this.#body = new OutgoingBody({
        write: (c) => (this.#held === null ? sink.body(c) : this.#held.push(c)),
        finish: (t) => (this.#held === null ? sink.finish(t) : (this.#finished = t)),
      }, ready));
    }
    /** @internal */
    static send(r: OutgoingResponse): void {
      sink.respond(r.#status, Fields.list(r.#headers));
      if (r.#body === null) { sink.finish(null); return; }
      const held = r.#held ?? [];
      r.#held = null;
      for (const c of held) sink.body(c);
      if (r.#finished !== undefined) sink.finish(r.#finished);
    }
  }

  class ResponseOutparam {
    static set(_param: ResponseOutparam, response: { tag: "ok"; val: OutgoingResponse } | { tag: "err"; val: HttpErrorCode }): void {
      // The canonical ABI consumes the outparam: a second `set` is a handle error (a trap) in the glue.
      if (responded) throw new WebAssembly.RuntimeError("wasi:http response-outparam set twice");
      responded = true;
      if (response.tag === "err") sink.fail(response.val);
      else OutgoingResponse.send(response.val);
    }
  }

  const out = outgoingHttp(outgoing, ready, pollable);
  return {
    "wasi:http/types": {
      Fields, FutureTrailers, IncomingBody, IncomingRequest, OutgoingBody, OutgoingResponse, ResponseOutparam,
      OutgoingRequest: out.OutgoingRequest, RequestOptions: out.RequestOptions,
      IncomingResponse: out.IncomingResponse, FutureIncomingResponse: out.FutureIncomingResponse,
      httpErrorCode: out.httpErrorCode,
    },
    "wasi:http/outgoing-handler": { handle: out.handle },
    request: () => (incoming === undefined ? noRequest() : new IncomingRequest(incoming.request)),
    outparam: () => new ResponseOutparam(),
    responded: () => responded,
    close: () => out.close(),
  };
}
