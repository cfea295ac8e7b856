import { KIND, SLOT, SLOT_DATA, SLOT_HEADER, type FetchMessage } from "./shared-memory-client.js";
import type { HttpErrorCode } from "./types.js";

/** `fetch` decodes bodies with these content codings: the guest gets decoded bytes. */
const DECODED = new Set(["gzip", "x-gzip", "deflate", "br", "zstd"]);

interface Request {
  i32: Int32Array;
  u8: Uint8Array;
  abort: AbortController;
  /** Set by a timer: the error code the abort stands for. */
  timedOut: HttpErrorCode | null;
  body: ReadableStreamDefaultController<Uint8Array> | null;
}

/** The part of `fetch` used here (so that the core needs no DOM types). */
export type FetchLike = (url: string, init: {
  method: string; headers: [string, string][]; redirect: "manual"; signal: object; body?: object; duplex?: "half";
}) => Promise<{
  status: number;
  headers: Iterable<[string, string]> & { get(name: string): string | null };
  body: { getReader(): { read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>; cancel(): Promise<void> } } | null;
}>;

type WaitAsync = (a: Int32Array, i: number, v: number, t?: number) => { async: boolean; value: Promise<string> | string };

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

/**
 * The fetch thread's side of `sharedMemoryHttpClient`: returns the handler for the messages the
 * guest's thread posts. `signal` is the shared epoch (the client's SharedArrayBuffer). Redirects
 * are not followed (the guest sees the 3xx, as with wasmtime); a body `fetch` decoded (gzip, br,
 * deflate) reaches the guest decoded, without its `content-encoding` and `content-length`.
 */
export function fetchService(signal: SharedArrayBuffer, fetchImpl?: FetchLike): (message: FetchMessage) => void {
  const send: FetchLike = fetchImpl ?? ((url, init) => (globalThis as unknown as { fetch: FetchLike }).fetch(url, init));
  const epoch = new Int32Array(signal, 0, 1);
  const requests = new Map<number, Request>();
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

  /** Put one message in the request's slot once the guest emptied it; false when it was cancelled. */
  async function put(r: Request, kind: number, data: Uint8Array): Promise<boolean> {
    for (;;) {
      if (Atomics.load(r.i32, SLOT.CANCELLED) === 1) return false;
      if (Atomics.load(r.i32, SLOT.FULL) === 0) break;
      const w = waitAsync(r.i32, SLOT.FULL, 1);
      if (w.async) await w.value;
    }
    r.u8.set(data, 0);
    r.i32[SLOT.KIND] = kind;
    r.i32[SLOT.LENGTH] = data.length;
    Atomics.store(r.i32, SLOT.FULL, 1);
    Atomics.add(epoch, 0, 1);
    Atomics.notify(epoch, 0);
    return true;
  }

  const json = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));

  async function run(m: Extract<FetchMessage, { op: "start" }>, r: Request): Promise<void> {
    const timers: ReturnType<typeof setTimeout>[] = [];
    const after = (ms: number | undefined, code: HttpErrorCode): void => {
      if (ms !== undefined) timers.push(setTimeout(() => { r.timedOut ??= code; r.abort.abort(); }, ms));
    };
    // fetch does not say when the connection is up: the connect timeout also bounds the head.
    after(m.connectMs, { tag: "connection-timeout" });
    after(m.firstByteMs, { tag: "connection-read-timeout" });
    try {
      const init: Parameters<FetchLike>[1] = {
        method: m.method, headers: m.headers, redirect: "manual", signal: r.abort.signal,
      };
      if (m.hasBody) {
        init.body = new ReadableStream<Uint8Array>({ start: (c) => { r.body = c; } });
        init.duplex = "half";
      }
      const response = await send(m.url, init);
      for (const t of timers.splice(0)) clearTimeout(t);
      const coding = response.headers.get("content-encoding")?.trim().toLowerCase();
      const decoded = coding !== undefined && DECODED.has(coding);
      const headers = [...response.headers].filter(([n]) => !(decoded && (n === "content-encoding" || n === "content-length")));
      const head = json({ status: response.status, headers });
      if (head.length > SLOT_DATA) throw { wasi: { tag: "HTTP-response-header-section-size", val: head.length } };
      if (!(await put(r, KIND.HEAD, head))) return;
      if (response.body !== null) {
        const reader = response.body.getReader();
        for (;;) {
          if (m.betweenMs !== undefined) after(m.betweenMs, { tag: "connection-read-timeout" });
          const { done, value } = await reader.read();
          for (const t of timers.splice(0)) clearTimeout(t);
          if (done) break;
          for (let at = 0; at < value.length; at += SLOT_DATA) {
            if (!(await put(r, KIND.DATA, value.subarray(at, at + SLOT_DATA)))) {
              await reader.cancel().catch(() => {});
              return;
            }
          }
        }
      }
      await put(r, KIND.END, new Uint8Array(0));
    } catch (e) {
      for (const t of timers.splice(0)) clearTimeout(t);
      if (Atomics.load(r.i32, SLOT.CANCELLED) === 1) return;
      const code = r.timedOut ?? (e as { wasi?: HttpErrorCode }).wasi ?? fetchErrorCode(e);
      await put(r, KIND.ERROR, json(code));
    } finally {
      requests.delete(m.id);
    }
  }

  return (message) => {
    const r = requests.get(message.id);
    switch (message.op) {
      case "start": {
        const req: Request = {
          i32: new Int32Array(message.slot, 0, SLOT_HEADER / 4), u8: new Uint8Array(message.slot, SLOT_HEADER),
          abort: new AbortController(), timedOut: null, body: null,
        };
        requests.set(message.id, req);
        void run(message, req);
        break;
      }
      case "body":
        try { r?.body?.enqueue(message.chunk); } catch { /* the request already failed */ }
        break;
      case "end":
        try {
          if (message.failed) r?.body?.error(new Error("the guest dropped the request body unfinished"));
          else r?.body?.close();
        } catch { /* the request already failed */ }
        break;
      case "abort":
        r?.abort.abort();
        break;
    }
  };
}
