import type { HttpErrorCode } from "./types.js";

/** A request a guest sent through `wasi:http/outgoing-handler`, as the host should send it. */
export interface OutgoingHttpRequest {
  /** The method ("GET", "PROPFIND"). */
  method: string;
  /** The absolute URL (http or https), already checked against the allow-list. */
  url: string;
  /** Header entries in order; values are bytes as the guest gave them (Latin-1 for `fetch`). */
  headers: [string, Uint8Array][];
  /** True when a body follows, through `HttpExchange.write` and `end` (maybe after `start` returned). */
  hasBody: boolean;
  /** `request-options` `connect-timeout`, in ns: the request fails with `connection-timeout` past it. */
  connectTimeoutNs?: bigint;
  /** `first-byte-timeout`, in ns, from the start: `connection-read-timeout` when no response head came by then. */
  firstByteTimeoutNs?: bigint;
  /** `between-bytes-timeout`, in ns: `connection-read-timeout` when the response body pauses longer. */
  betweenBytesTimeoutNs?: bigint;
}

/** A response head: status and header entries in order (values as bytes). */
export interface HttpResponseHead {
  status: number;
  headers: [string, Uint8Array][];
}

/** An outgoing request failed: the WIT `error-code` to give the guest. */
export class HttpRequestError extends Error {
  readonly code: HttpErrorCode;
  constructor(code: HttpErrorCode) {
    super(`outgoing HTTP request failed: ${code.tag}${code.val === undefined ? "" : ` (${JSON.stringify(code.val, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))})`}`);
    this.name = "HttpRequestError";
    this.code = code;
  }
}

/**
 * One request in flight. No method blocks: waiting is `HttpClient.wait`.
 */
export interface HttpExchange {
  /** Send a chunk of the request body (the host copies or takes it: the caller does not reuse it). */
  write(chunk: Uint8Array): void;
  /** The request body is complete. `failed`: the guest dropped the body unfinished (the request fails). */
  end(failed?: boolean): void;
  /** The response head when it has arrived, or null while pending. @throws HttpRequestError when the request failed. */
  response(): HttpResponseHead | null;
  /**
   * Up to `max` bytes of the response body that are here now: maybe none (an empty array), or
   * null at the end. Only after `response()` gave the head.
   * @throws HttpRequestError when the body failed (cut short, a timeout).
   */
  read(max: number): Uint8Array | null;
  /** True when `read` would return bytes or null, or throw (never for an empty array). */
  readable(): boolean;
  /** Cancel the request and free its resources (the guest dropped it, or the run ended). Idempotent. */
  abort(): void;
}

/**
 * The host capability behind `wasi:http/outgoing-handler`: send a request, and block the calling
 * thread until something happened. Guests run synchronously, so a host supplies this only where
 * it can block (Node and Deno: `fetch` on a worker thread, waited for with `Atomics.wait`).
 */
export interface HttpClient {
  /** Start sending `request`. Never blocks. @throws HttpRequestError for a request the host cannot send. */
  start(request: OutgoingHttpRequest): HttpExchange;
  /** A counter that changes whenever some exchange may have progressed. */
  epoch(): number;
  /** Block until `epoch()` differs from `seen` or `timeoutNs` passed (null: no limit). */
  wait(seen: number, timeoutNs: bigint | null): void;
  /**
   * For a client on the guest's own thread (`fetchHttpClient`): a promise that settles once
   * `epoch()` differs from `seen`. A guest run through JSPI glue is suspended on it instead of
   * blocking in `wait`.
   */
  waitAsync?(seen: number): Promise<void>;
}

/**
 * Outgoing HTTP for components (`wasi:http/outgoing-handler`). Deny by default: a request whose
 * origin matches no `allow` entry fails with `HTTP-request-denied`.
 */
export interface OutgoingHttpOptions {
  /**
   * Origins the guest may reach: `"https://api.example.com"` (default port only),
   * `"http://127.0.0.1:8080"`, `"http://localhost:*"` (any port), `"https://*.example.com"`
   * (any subdomain, not example.com itself), or `"*"` (anything). Scheme http or https; no path.
   */
  allow: readonly string[];
  /**
   * How requests are sent. Absent: for a guest run through JSPI glue, `fetch` on its own thread
   * (`fetchHttpClient()`); otherwise an allowed request fails with `internal-error` ("no HTTP client").
   */
  client?: HttpClient;
  /**
   * The largest request body a guest may send, in bytes (default 64 MiB).
   * A write past it fails with `last-operation-failed` (`http-error-code`: `HTTP-request-body-size`),
   * the request is cancelled, and `outgoing-body.finish`, `handle` and the response give that code.
   * It bounds what the host holds for the guest: a body written before `handle`, and the whole
   * body where a client sends it at once (`fetchHttpClient`). Not a whole number, 0 or more: a
   * `RangeError` when the run starts.
   */
  maxRequestBodyBytes?: number;
}

/** The default `OutgoingHttpOptions.maxRequestBodyBytes`: 64 MiB. */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Checks outgoing-HTTP options before a guest starts; returns the body cap in bytes.
 * @throws TypeError naming a malformed `allow` entry.
 * @throws RangeError when `maxRequestBodyBytes` is not a whole number of bytes (0 or more, at most 2^53 - 1).
 */
export function checkOutgoingHttpOptions(o: { allow: readonly string[]; maxRequestBodyBytes?: number }): number {
  allowList(o.allow);
  const max = o.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES;
  if (!Number.isSafeInteger(max) || max < 0) {
    throw new RangeError(`outgoing HTTP maxRequestBodyBytes must be a whole number of bytes, 0 or more, got ${String(max)}`);
  }
  return max;
}

interface Rule { scheme: string; host: string; wildcardHost: boolean; port: string | null }

const DEFAULT_PORT: Record<string, string> = { "http:": "80", "https:": "443" };

/**
 * Parse an allow-list; returns a predicate on absolute URLs.
 * @throws TypeError naming an entry that is not `"*"` or `scheme://host[:port]` (http/https, port a number or `*`).
 */
export function allowList(entries: readonly string[]): (url: URL) => boolean {
  let any = false;
  const rules: Rule[] = [];
  for (const entry of entries) {
    if (entry === "*") { any = true; continue; }
    const m = /^(https?):\/\/(\*\.)?([^/:?#*]+|\[[0-9a-fA-F:.]+\])(?::(\d{1,5}|\*))?\/?$/.exec(entry);
    if (m === null) throw new TypeError(`outgoing HTTP allow entry ${JSON.stringify(entry)}: expected "*" or scheme://host[:port] (http or https, port a number or *)`);
    const scheme = `${m[1]!}:`;
    // URL normalises the host the way request URLs are (lower case, IPv6 compressed, IDNA).
    const host = new URL(`${scheme}//${m[3]!}`).hostname;
    const port = m[4] === undefined ? DEFAULT_PORT[scheme]! : m[4] === "*" ? null : String(Number(m[4]));
    rules.push({ scheme, host, wildcardHost: m[2] !== undefined, port });
  }
  return (url) => {
    if (any) return true;
    const port = url.port === "" ? DEFAULT_PORT[url.protocol] : url.port;
    return rules.some((r) => r.scheme === url.protocol
      && (r.wildcardHost ? url.hostname.endsWith(`.${r.host}`) : url.hostname === r.host)
      && (r.port === null || r.port === port));
  };
}
