import type { Pollable, ReadinessSource } from "../io/poll.js";
import { IoError } from "../io/error.js";
import { Errno } from "../../abi/errno.js";
import type { BodySource } from "./body.js";
import { DISPOSE, ERR_UNIT, IncomingBody, OutgoingBody, type BodyTarget } from "./body-resources.js";
import { allowList, checkOutgoingHttpOptions, DEFAULT_MAX_REQUEST_BODY_BYTES, HttpRequestError, type HttpClient, type HttpExchange, type HttpResponseHead, type OutgoingHttpOptions } from "./client.js";
import { Fields } from "./fields.js";
import type { HttpErrorCode } from "./types.js";

type Variant = { tag: string; val?: string };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** An authority: host (name, IPv4, [IPv6]) and an optional port; no userinfo. */
const AUTHORITY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=%]+|\[[0-9A-Fa-f:.]+\])(?::\d*)?$/;
/** Path and query: printable ASCII without spaces and `#`, starting with `/` (or empty: "/"). */
const PATH = /^(?:\/[\x21-\x22\x24-\x7e]*)?$/;

function fail(code: HttpErrorCode): never {
  throw { payload: code };
}

/** An `io-error` from a failed response body: `http-error-code` recovers its `error-code`. */
export class HttpIoError extends IoError {
  readonly httpCode: HttpErrorCode;
  constructor(code: HttpErrorCode) {
    super(Errno.IO);
    this.httpCode = code;
  }
  override toDebugString(): string {
    return `HTTP ${this.httpCode.tag}`;
  }
}

/**
 * The request body: held until `handle` starts the request, then passed through, at most `max`
 * bytes in all. Past that the body fails (`HTTP-request-body-size`): held bytes are let go and
 * the request is cancelled, so an endless body cannot fill the host's memory.
 */
class RequestBody implements BodyTarget {
  #held: Uint8Array[] = [];
  #end: "finished" | "dropped" | null = null;
  #exchange: HttpExchange | null = null;
  #size = 0;
  readonly #max: number;
  /** Set once the body went over `max`: what the write, finish and the response fail with. */
  failure: HttpErrorCode | null = null;
  constructor(max: number) { this.#max = max; }
  write(chunk: Uint8Array): void {
    if (this.failure === null) {
      this.#size += chunk.length;
      if (this.#size <= this.#max) {
        if (this.#exchange === null) this.#held.push(chunk);
        else this.#exchange.write(chunk);
        return;
      }
      this.failure = { tag: "HTTP-request-body-size", val: BigInt(this.#size) };
      this.#held = [];
      this.#exchange?.abort();
    }
    throw { payload: { tag: "last-operation-failed", val: new HttpIoError(this.failure) } };
  }
  finish(trailers: readonly [string, Uint8Array][] | null): void {
    if (this.failure !== null) fail(this.failure);
    if (trailers !== null && trailers.length > 0) {
      this.dropped();
      fail({ tag: "internal-error", val: "request trailers cannot be sent (fetch has none)" });
    }
    this.#end = "finished";
    this.#exchange?.end();
  }
  dropped(): void {
    this.#end = "dropped";
    if (this.failure === null) this.#exchange?.end(true);
  }
  /** The request started: send what was held. */
  attach(exchange: HttpExchange): void {
    this.#exchange = exchange;
    for (const c of this.#held) exchange.write(c);
    this.#held = [];
    if (this.#end !== null) exchange.end(this.#end === "dropped");
  }
}

/**
 * The outgoing half of `wasi:http`: `outgoing-request`, `request-options`, `future-incoming-response`,
 * `incoming-response` and `outgoing-handler.handle`, over `options.client`, deny-by-default
 * through `options.allow`. `pollable` makes pollables over a readiness source; `ready` an always
 * ready one. `close()` cancels every request still in flight (the run ended).
 */
export function outgoingHttp(options: OutgoingHttpOptions | undefined, ready: () => Pollable, pollable: (s: ReadinessSource) => Pollable) {
  const maxBody = options === undefined ? DEFAULT_MAX_REQUEST_BODY_BYTES : checkOutgoingHttpOptions(options);
  const allowed = allowList(options?.allow ?? []);
  const client: HttpClient | undefined = options?.client;
  const live = new Set<HttpExchange>();
  const waitAsync = client?.waitAsync?.bind(client);
  const source = (isReady: () => boolean): ReadinessSource => ({
    epoch: () => client!.epoch(),
    ready: isReady,
    wait: (seen, timeoutNs) => client!.wait(seen, timeoutNs),
    ...(waitAsync === undefined ? {} : { waitAsync }),
  });
  const end = (ex: HttpExchange): void => {
    ex.abort();
    live.delete(ex);
  };

  class OutgoingRequest {
    #method: Variant = { tag: "get" };
    #path: string | undefined;
    #scheme: Variant | undefined;
    #authority: string | undefined;
    readonly #headers: Fields;
    #body: RequestBody | null = null;
    constructor(headers: Fields) { this.#headers = Fields.freeze(headers); }
    body(): OutgoingBody | typeof ERR_UNIT {
      if (this.#body !== null) return ERR_UNIT;
      return new OutgoingBody((this.#body = new RequestBody(maxBody)), ready);
    }
    method(): Variant { return this.#method; }
    setMethod(m: Variant): void | typeof ERR_UNIT {
      if (m.tag === "other" && !TOKEN.test(m.val ?? "")) return ERR_UNIT;
      this.#method = m;
    }
    pathWithQuery(): string | undefined { return this.#path; }
    setPathWithQuery(p: string | undefined): void | typeof ERR_UNIT {
      if (p !== undefined && !PATH.test(p)) return ERR_UNIT;
      this.#path = p;
    }
    scheme(): Variant | undefined { return this.#scheme; }
    setScheme(s: Variant | undefined): void | typeof ERR_UNIT {
      if (s?.tag === "other" && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(s.val ?? "")) return ERR_UNIT;
      this.#scheme = s;
    }
    authority(): string | undefined { return this.#authority; }
    setAuthority(a: string | undefined): void | typeof ERR_UNIT {
      if (a !== undefined && !AUTHORITY.test(a)) return ERR_UNIT;
      this.#authority = a;
    }
    headers(): Fields { return this.#headers; }

    /** @internal Start it (handle). */
    static send(r: OutgoingRequest, opts: RequestOptions | undefined): FutureIncomingResponse {
      const scheme = r.#scheme === undefined ? "https" : r.#scheme.tag === "HTTP" ? "http" : r.#scheme.tag === "HTTPS" ? "https" : null;
      if (scheme === null) fail({ tag: "HTTP-protocol-error" });
      if (r.#authority === undefined || r.#authority === "") fail({ tag: "HTTP-request-URI-invalid" });
      let url: URL;
      try {
        url = new URL(`${scheme}://${r.#authority}${r.#path === undefined || r.#path === "" ? "/" : r.#path}`);
      } catch {
        fail({ tag: "HTTP-request-URI-invalid" });
      }
      if (!allowed(url)) fail({ tag: "HTTP-request-denied" });
      if (client === undefined) fail({ tag: "internal-error", val: "outgoing HTTP is not available here (it needs JSPI glue, or a thread that can block)" });
      if (r.#body?.failure) fail(r.#body.failure);
      const method = r.#method.tag === "other" ? r.#method.val ?? "" : r.#method.tag.toUpperCase();
      let ex: HttpExchange;
      try {
        ex = client.start({
          method, url: url.href, headers: Fields.list(r.#headers).map(([n, v]) => [n, v]), hasBody: r.#body !== null,
          ...RequestOptions.timeouts(opts),
        });
      } catch (e) {
        if (e instanceof HttpRequestError) fail(e.code);
        throw e;
      }
      live.add(ex);
      r.#body?.attach(ex);
      return new FutureIncomingResponse(ex, r.#body);
    }
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
    /** @internal */
    static timeouts(o: RequestOptions | undefined): { connectTimeoutNs?: bigint; firstByteTimeoutNs?: bigint; betweenBytesTimeoutNs?: bigint } {
      if (o === undefined) return {};
      return {
        ...(o.#connect === undefined ? {} : { connectTimeoutNs: o.#connect }),
        ...(o.#first === undefined ? {} : { firstByteTimeoutNs: o.#first }),
        ...(o.#between === undefined ? {} : { betweenBytesTimeoutNs: o.#between }),
      };
    }
  }

  class IncomingResponse {
    readonly #head: HttpResponseHead;
    readonly #ex: HttpExchange;
    #consumed = false;
    constructor(head: HttpResponseHead, ex: HttpExchange) {
      this.#head = head;
      this.#ex = ex;
    }
    status(): number { return this.#head.status; }
    headers(): Fields { return Fields.frozen(this.#head.headers); }
    consume(): IncomingBody | typeof ERR_UNIT {
      if (this.#consumed) return ERR_UNIT;
      this.#consumed = true;
      const ex = this.#ex;
      const body: BodySource = {
        read(max) {
          try {
            return ex.read(max);
          } catch (e) {
            if (e instanceof HttpRequestError) throw { payload: { tag: "last-operation-failed", val: new HttpIoError(e.code) } };
            throw e;
          }
        },
      };
      // A fresh pollable per subscribe: the glue gives each object returned as an own handle
      // one handle, so a dropped pollable must never be returned again.
      const readable = source(() => ex.readable());
      return new IncomingBody(body, () => pollable(readable), ready, () => end(ex));
    }
    [DISPOSE](): void {
      if (!this.#consumed) end(this.#ex);
    }
  }

  type Got = { tag: "ok"; val: { tag: "ok"; val: IncomingResponse } | { tag: "err"; val: HttpErrorCode } } | typeof ERR_UNIT | undefined;

  class FutureIncomingResponse {
    readonly #ex: HttpExchange;
    readonly #body: RequestBody | null;
    readonly #source: ReadinessSource;
    #taken = false;
    constructor(ex: HttpExchange, body: RequestBody | null) {
      this.#ex = ex;
      this.#body = body;
      this.#source = source(() => this.#settled());
    }
    #settled(): boolean {
      if (this.#body?.failure) return true;
      try {
        return this.#ex.response() !== null;
      } catch {
        return true;
      }
    }
    /** A fresh pollable each time (see `consume`). */
    subscribe(): Pollable { return pollable(this.#source); }
    get(): Got {
      if (this.#taken) return ERR_UNIT;
      let head: HttpResponseHead | null;
      try {
        if (this.#body?.failure) throw new HttpRequestError(this.#body.failure);
        head = this.#ex.response();
      } catch (e) {
        if (!(e instanceof HttpRequestError)) throw e;
        this.#taken = true;
        end(this.#ex);
        return { tag: "ok", val: { tag: "err", val: e.code } };
      }
      if (head === null) return undefined;
      this.#taken = true;
      return { tag: "ok", val: { tag: "ok", val: new IncomingResponse(head, this.#ex) } };
    }
    [DISPOSE](): void {
      if (!this.#taken) end(this.#ex);
    }
  }

  return {
    OutgoingRequest, RequestOptions, IncomingResponse, FutureIncomingResponse,
    handle(request: OutgoingRequest, opts: RequestOptions | undefined): FutureIncomingResponse {
      return OutgoingRequest.send(request, opts);
    },
    /** `http-error-code` of `wasi:http/types`: the error code behind a response body's io-error. */
    httpErrorCode(err: IoError): HttpErrorCode | undefined {
      return err instanceof HttpIoError ? err.httpCode : undefined;
    },
    close(): void {
      for (const ex of live) ex.abort();
      live.clear();
    },
  };
}
