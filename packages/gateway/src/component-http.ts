import type { HttpErrorCode, HttpRequestHead } from "@anywasi/core/component";
import type { Failure } from "./responses.js";

/**
 * Request headers the guest never sees: those that frame the connection or the message (the
 * `forbidden` headers of wasi:http, as wasmtime strips them) and `host`, which is the request's
 * authority. Dropping them also makes Node and Deno agree: they differ on which of these a
 * `Request` keeps.
 */
const HIDDEN = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host", "http2-settings", "te"]);

const latin1 = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
};

/**
 * What the guest sees of `request`: method, path with query, scheme and authority of its URL, and
 * its headers in the order `Headers` iterates them (the Fetch API sorts them by lowercase name and
 * joins repeated ones with ", ", except Set-Cookie), without `HIDDEN`.
 */
export function requestHead(request: Request, url: URL): HttpRequestHead {
  const headers: [string, Uint8Array][] = [];
  for (const [name, value] of request.headers) {
    if (!HIDDEN.has(name)) headers.push([name, latin1(value)]);
  }
  return {
    method: request.method,
    pathWithQuery: url.pathname + url.search,
    scheme: url.protocol.replace(/:$/, ""),
    authority: url.host,
    headers,
  };
}

/** The guest's response headers for a Web `Response`, in the guest's order (values as Latin-1). */
export function responseHeaders(entries: readonly [string, Uint8Array][]): Headers {
  const h = new Headers();
  for (const [name, value] of entries) {
    // In slices: spreading a long value into one call would overflow the stack.
    let text = "";
    for (let at = 0; at < value.length; at += 8192) text += String.fromCharCode(...value.subarray(at, at + 8192));
    h.append(name, text);
  }
  return h;
}

/** error-code cases that mean "too slow": 504, as a CGI program past its time limit. */
const TIMEOUTS = new Set(["DNS-timeout", "connection-timeout", "connection-read-timeout", "connection-write-timeout", "HTTP-response-timeout"]);

/**
 * The failure the client sees when the handler set its response-outparam to `code`: 504 for the
 * timeout cases, 413 for `HTTP-request-body-size`, 502 for everything else (the guest's fault, as
 * a CGI program's bad exit). The reason names the case, never its payload.
 */
export function errorCodeFailure(code: HttpErrorCode): Failure {
  const reason = `the handler answered with error-code ${code.tag}`;
  if (TIMEOUTS.has(code.tag)) return { status: 504, reason };
  if (code.tag === "HTTP-request-body-size") return { status: 413, reason };
  return { status: 502, reason };
}
