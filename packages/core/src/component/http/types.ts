import type { Pollable } from "../io/poll.js";
import { BodyInputStream, BodyOutputStream, type BodySource } from "./body.js";
import { Fields } from "./fields.js";

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

function methodName(v: Variant): string {
  return v.tag === "other" ? v.val ?? "" : v.tag.toUpperCase();
}

function schemeVariant(s: string): Variant {
  return s === "http" ? { tag: "HTTP" } : s === "https" ? { tag: "HTTPS" } : { tag: "other", val: s };
}

/** The `wasi:http` imports of one request, and the two resources its `handle` call takes. */
export interface HttpTypes {
  "wasi:http/types": Record<string, unknown>;
  "wasi:http/outgoing-handler": Record<string, unknown>;
  /** The `incoming-request` to pass to `handle`. */
  request(): unknown;
  /** The `response-outparam` to pass to `handle`. */
  outparam(): unknown;
  /** True once the guest set its response-outparam (to a response or an error). */
  responded(): boolean;
}

/** A `result` with no error payload, as the glue lowers it. */
const ERR_UNIT = Object.freeze({ tag: "err" as const, val: undefined });

/**
 * The `wasi:http/types` resources of ONE request: classes closed over its body, its response sink
 * and `ready` (a pollable that is always ready). Made fresh for every request, like its instance.
 */
export function httpTypes(request: HttpRequestHead, source: BodySource, sink: HttpResponseSink, ready: () => Pollable): HttpTypes {
  let bodyTaken = false;
  let responded = false;

  class FutureTrailers {
    readonly #trailers: Fields | undefined;
    constructor(trailers: Fields | undefined) { this.#trailers = trailers; }
    subscribe(): Pollable { return ready(); }
    /** Ready at once: a Web `Request` carries no trailers, so there are none. */
    get(): { tag: "ok"; val: { tag: "ok"; val: Fields | undefined } } {
      return { tag: "ok", val: { tag: "ok", val: this.#trailers } };
    }
  }

  class IncomingBody {
    #stream: BodyInputStream | null = null;
    stream(): BodyInputStream | typeof ERR_UNIT {
      if (this.#stream !== null) return ERR_UNIT;
      return (this.#stream = new BodyInputStream(source, ready));
    }
    static finish(_body: IncomingBody): FutureTrailers {
      return new FutureTrailers(undefined);
    }
  }

  class IncomingRequest {
    method(): Variant { return methodVariant(request.method); }
    pathWithQuery(): string { return request.pathWithQuery; }
    scheme(): Variant { return schemeVariant(request.scheme); }
    authority(): string { return request.authority; }
    headers(): Fields { return Fields.frozen(request.headers); }
    consume(): IncomingBody | typeof ERR_UNIT {
      if (bodyTaken) return ERR_UNIT;
      bodyTaken = true;
      return new IncomingBody();
    }
  }

  class OutgoingBody {
    #stream: BodyOutputStream | null = null;
    /** Chunks written before the response was set (sent once it is). */
    #held: Uint8Array[] | null = [];
    #finished = false;
    write(): BodyOutputStream | typeof ERR_UNIT {
      if (this.#stream !== null) return ERR_UNIT;
      return (this.#stream = new BodyOutputStream((c) => this.#held === null ? sink.body(c) : this.#held.push(c), ready));
    }
    /** @internal The response is out: send what was held, then write through. */
    static sent(b: OutgoingBody): void {
      const held = b.#held ?? [];
      b.#held = null;
      for (const c of held) sink.body(c);
      if (b.#finished) sink.finish(b.#trailers);
    }
    #trailers: readonly [string, Uint8Array][] | null = null;
    static finish(b: OutgoingBody, trailers: Fields | undefined): void {
      if (b.#stream !== null) BodyOutputStream.close(b.#stream);
      b.#finished = true;
      b.#trailers = trailers === undefined ? null : Fields.list(Fields.freeze(trailers));
      if (b.#held === null) sink.finish(b.#trailers);
    }
  }

  class OutgoingResponse {
    #status = 200;
    readonly #headers: Fields;
    #body: OutgoingBody | null = null;
    constructor(headers: Fields) { this.#headers = Fields.freeze(headers); }
    statusCode(): number { return this.#status; }
    setStatusCode(status: number): void | typeof ERR_UNIT {
      if (status < 100 || status > 999) return ERR_UNIT;
      this.#status = status;
    }
    headers(): Fields { return this.#headers; }
    body(): OutgoingBody | typeof ERR_UNIT {
      if (this.#body !== null) return ERR_UNIT;
      return (this.#body = new OutgoingBody());
    }
    /** @internal */
    static send(r: OutgoingResponse): void {
      sink.respond(r.#status, Fields.list(r.#headers));
      if (r.#body !== null) OutgoingBody.sent(r.#body);
      else sink.finish(null);
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

  // Outgoing requests are not provided yet: the classes exist so that components importing them
  // link, and `wasi:http/outgoing-handler` `handle` answers HTTP-request-denied.
  class OutgoingRequest {
    #method: Variant = { tag: "get" };
    #path: string | undefined;
    #scheme: Variant | undefined;
    #authority: string | undefined;
    readonly #headers: Fields;
    constructor(headers: Fields) { this.#headers = Fields.freeze(headers); }
    body(): OutgoingBody { return new OutgoingBody(); }
    method(): Variant { return this.#method; }
    setMethod(m: Variant): void { this.#method = m; methodName(m); }
    pathWithQuery(): string | undefined { return this.#path; }
    setPathWithQuery(p: string | undefined): void { this.#path = p; }
    scheme(): Variant | undefined { return this.#scheme; }
    setScheme(s: Variant | undefined): void { this.#scheme = s; }
    authority(): string | undefined { return this.#authority; }
    setAuthority(a: string | undefined): void { this.#authority = a; }
    headers(): Fields { return this.#headers; }
  }
  class RequestOptions {
    #connect: bigint | undefined;
    #first: bigint | undefined;
    #between: bigint | undefined;
    connectTimeout(): bigint | undefined { return this.#connect; }
    setConnectTimeout(d: bigint | undefined): void { this.#connect = d; }
    firstByteTimeout(): bigint | undefined { return this.#first; }
    setFirstByteTimeout(d: bigint | undefined): void { this.#first = d; }
    betweenBytesTimeout(): bigint | undefined { return this.#between; }
    setBetweenBytesTimeout(d: bigint | undefined): void { this.#between = d; }
  }
  class IncomingResponse {}
  class FutureIncomingResponse {
    subscribe(): Pollable { return ready(); }
    get(): undefined { return undefined; }
  }

  return {
    "wasi:http/types": {
      Fields, FutureTrailers, IncomingBody, IncomingRequest, OutgoingBody, OutgoingResponse, ResponseOutparam,
      OutgoingRequest, RequestOptions, IncomingResponse, FutureIncomingResponse,
      /** No io-error of ours carries an HTTP error code. */
      httpErrorCode: (): undefined => undefined,
    },
    "wasi:http/outgoing-handler": {
      handle(): never {
        throw { payload: { tag: "HTTP-request-denied" } };
      },
    },
    request: () => new IncomingRequest(),
    outparam: () => new ResponseOutparam(),
    responded: () => responded,
  };
}
