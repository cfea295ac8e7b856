import type { HttpErrorCode } from "./types.js";

/** `fetch` decodes bodies with these content codings: the guest gets decoded bytes. */
const DECODED = new Set(["gzip", "x-gzip", "deflate", "br", "zstd"]);

/** The part of `fetch` used here (so that the core needs no DOM types). */
export type FetchLike = (url: string, init: {
  method: string; headers: [string, string][]; redirect: "manual"; signal: object; body?: object; duplex?: "half";
}) => Promise<{
  status: number;
  headers: Iterable<[string, string]> & { get(name: string): string | null };
  body: { getReader(): { read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>; cancel(): Promise<void> } } | null;
}>;

/**
 * The error code of a failed `fetch`: Node's (undici) errors carry a `cause` with a system error
 * `code`; others are matched by their message. Unknown failures are `internal-error` with the message.
 */
export function fetchErrorCode(e: unknown): HttpErrorCode {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === "string" ? cause.code : typeof (e as { code?: unknown })?.code === "string" ? (e as { code: string }).code : "";
  const text = `${(e as Error)?.message ?? ""} ${typeof cause?.message === "string" ? cause.message : ""}`;
  // fetch refuses "bad ports" (6000, 25, ...: the Fetch standard's port blocking) before connecting.
  if (/\bbad port\b/i.test(text)) return { tag: "HTTP-request-denied" };
  if (code === "ECONNREFUSED" || /connection refused/i.test(text)) return { tag: "connection-refused" };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || /dns error|failed to lookup|name or service not known/i.test(text)) {
    return { tag: "DNS-error", val: { rcode: code === "ENOTFOUND" ? "NXDOMAIN" : undefined, infoCode: undefined } };
  }
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return { tag: "connection-timeout" };
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") return { tag: "connection-read-timeout" };
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET" || /connection reset|connection closed/i.test(text)) return { tag: "connection-terminated" };
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return { tag: "destination-unavailable" };
  if (/CERT|SELF_SIGNED|ERR_TLS_CERT|certificate/i.test(`${code} ${text}`)) return { tag: "TLS-certificate-error" };
  if (/^ERR_SSL|^EPROTO/.test(code)) return { tag: "TLS-protocol-error" };
  if (code === "UND_ERR_INVALID_ARG" || /invalid method|method is forbidden|not a valid HTTP method/i.test(text)) return { tag: "HTTP-request-method-invalid" };
  return { tag: "internal-error", val: text.trim() || String(e) };
}

/** What one request needs to be sent with `fetch`: timeouts in ms. */
export interface FetchStart {
  method: string;
  url: string;
  headers: [string, string][];
  connectMs?: number;
  firstByteMs?: number;
  betweenMs?: number;
}

/**
 * Where `runFetch` delivers a response. `head` and `data` resolve false when the request was
 * cancelled meanwhile (the guest dropped it); `data` resolving is the backpressure: the next chunk
 * is read from the network only then.
 */
export interface FetchSink {
  cancelled(): boolean;
  head(status: number, headers: [string, string][]): Promise<boolean> | boolean;
  data(chunk: Uint8Array): Promise<boolean>;
  end(): void;
  error(code: HttpErrorCode): void;
}

/**
 * Send one request with `fetch` (the global one unless `fetchImpl`) and deliver its head, body
 * and end, or its error code, to `sink`. `body`: the request body, or null. Redirects are not
 * followed (the guest sees the 3xx, as with wasmtime); a body `fetch` decoded (gzip, br, deflate)
 * is delivered decoded, without its `content-encoding` and `content-length`. Aborting `abort`
 * cancels the request (then nothing more is delivered). Shared by the fetch thread of
 * `sharedMemoryHttpClient` and the same-thread `fetchHttpClient` (JSPI).
 */
export async function runFetch(fetchImpl: FetchLike | undefined, m: FetchStart, body: object | null, abort: AbortController, sink: FetchSink): Promise<void> {
  const send: FetchLike = fetchImpl ?? ((url, init) => (globalThis as unknown as { fetch: FetchLike }).fetch(url, init));
  const timers: ReturnType<typeof setTimeout>[] = [];
  let timedOut: HttpErrorCode | null = null;
  const after = (ms: number | undefined, code: HttpErrorCode): void => {
    if (ms !== undefined) timers.push(setTimeout(() => { timedOut ??= code; abort.abort(); }, ms));
  };
  // fetch does not say when the connection is up: the connect timeout also bounds the head.
  after(m.connectMs, { tag: "connection-timeout" });
  after(m.firstByteMs, { tag: "connection-read-timeout" });
  try {
    const init: Parameters<FetchLike>[1] = { method: m.method, headers: m.headers, redirect: "manual", signal: abort.signal };
    if (body !== null) {
      init.body = body;
      // Needed for a stream body; harmless for bytes.
      init.duplex = "half";
    }
    const response = await send(m.url, init);
    for (const t of timers.splice(0)) clearTimeout(t);
    // A browser answers `redirect: "manual"` with an opaque response (status 0): the 3xx is hidden.
    if (response.status === 0) throw { wasi: { tag: "internal-error", val: "the response is a redirect this host hides (a browser's opaque redirect)" } satisfies HttpErrorCode };
    const coding = response.headers.get("content-encoding")?.trim().toLowerCase();
    const decoded = coding !== undefined && DECODED.has(coding);
    const headers = [...response.headers].filter(([n]) => !(decoded && (n === "content-encoding" || n === "content-length")));
    if (!(await sink.head(response.status, headers))) return;
    if (response.body !== null) {
      const reader = response.body.getReader();
      for (;;) {
        if (m.betweenMs !== undefined) after(m.betweenMs, { tag: "connection-read-timeout" });
        const { done, value } = await reader.read();
        for (const t of timers.splice(0)) clearTimeout(t);
        if (done) break;
        if (!(await sink.data(value))) {
          await reader.cancel().catch(() => {});
          return;
        }
      }
    }
    sink.end();
  } catch (e) {
    for (const t of timers.splice(0)) clearTimeout(t);
    if (sink.cancelled()) return;
    sink.error(timedOut ?? (e as { wasi?: HttpErrorCode }).wasi ?? fetchErrorCode(e));
  }
}
