import { KIND, SLOT, SLOT_DATA, SLOT_HEADER, type FetchMessage } from "./shared-memory-client.js";
import { runFetch, type FetchLike, type FetchSink } from "./fetch-run.js";
import type { HttpErrorCode } from "./types.js";

export { fetchErrorCode, type FetchLike } from "./fetch-run.js";

interface Request {
  i32: Int32Array;
  u8: Uint8Array;
  abort: AbortController;
  body: ReadableStreamDefaultController<Uint8Array> | null;
}

type WaitAsync = (a: Int32Array, i: number, v: number, t?: number) => { async: boolean; value: Promise<string> | string };

/**
 * The fetch thread's side of `sharedMemoryHttpClient`: returns the handler for the messages the
 * guest's thread posts. `signal` is the shared epoch (the client's SharedArrayBuffer). Redirects
 * are not followed (the guest sees the 3xx, as with wasmtime); a body `fetch` decoded (gzip, br,
 * deflate) reaches the guest decoded, without its `content-encoding` and `content-length`.
 */
export function fetchService(signal: SharedArrayBuffer, fetchImpl?: FetchLike): (message: FetchMessage) => void {
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

  /** The slot as a `runFetch` sink: the head and error codes as JSON, the body in slot-sized chunks. */
  function sink(r: Request): FetchSink {
    return {
      cancelled: () => Atomics.load(r.i32, SLOT.CANCELLED) === 1,
      head: (status, headers) => {
        const head = json({ status, headers });
        if (head.length > SLOT_DATA) throw { wasi: { tag: "HTTP-response-header-section-size", val: head.length } satisfies HttpErrorCode };
        return put(r, KIND.HEAD, head);
      },
      data: async (value) => {
        for (let at = 0; at < value.length; at += SLOT_DATA) {
          if (!(await put(r, KIND.DATA, value.subarray(at, at + SLOT_DATA)))) return false;
        }
        return true;
      },
      end: () => { void put(r, KIND.END, new Uint8Array(0)); },
      error: (code) => { void put(r, KIND.ERROR, json(code)); },
    };
  }

  return (message) => {
    const r = requests.get(message.id);
    switch (message.op) {
      case "start": {
        const req: Request = {
          i32: new Int32Array(message.slot, 0, SLOT_HEADER / 4), u8: new Uint8Array(message.slot, SLOT_HEADER),
          abort: new AbortController(), body: null,
        };
        requests.set(message.id, req);
        const body = message.hasBody ? new ReadableStream<Uint8Array>({ start: (c) => { req.body = c; } }) : null;
        void runFetch(fetchImpl, message, body, req.abort, sink(req)).finally(() => requests.delete(message.id));
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
