import { HttpRequestError, type HttpClient, type HttpExchange, type HttpResponseHead, type OutgoingHttpRequest } from "./client.js";
import type { FetchStart } from "./fetch-run.js";
import { fetchStartOf, latin1 } from "./request-wire.js";
import type { HttpErrorCode } from "./types.js";

/**
 * The protocol between a blocked guest thread and the thread that runs `fetch` (fetch-service.ts).
 *
 * Guest → fetch thread: messages (`postMessage`; the fetch thread's event loop runs, the guest's
 * does not). Fetch thread → guest: each request has a one-slot mailbox in a SharedArrayBuffer,
 * `SLOT_HEADER` bytes of Int32 fields then up to `SLOT_DATA` bytes of payload; after filling it the
 * fetch thread bumps the shared epoch (Int32 0 of the client's signal buffer) and notifies it,
 * which wakes the guest's `Atomics.wait`. The guest empties the slot and notifies the slot, which
 * lets the fetch thread (waiting with `Atomics.waitAsync`) send the next message: a body streams
 * through in chunks with backpressure, whatever its size.
 */
export type FetchMessage =
  | ({ op: "start"; id: number; slot: SharedArrayBuffer; hasBody: boolean } & FetchStart)
  | { op: "body"; id: number; chunk: Uint8Array }
  | { op: "end"; id: number; failed: boolean }
  | { op: "abort"; id: number };

/** Int32 indices of a slot's header. */
export const SLOT = { FULL: 0, KIND: 1, LENGTH: 2, CANCELLED: 3 } as const;
/** What a full slot holds: the head (JSON), a body chunk, the end of the body, or an error code (JSON). */
export const KIND = { HEAD: 1, DATA: 2, END: 3, ERROR: 4 } as const;
export const SLOT_HEADER = 16;
/** Payload bytes per slot: a body arrives in chunks of at most this. */
export const SLOT_DATA = 64 * 1024;

const EMPTY = new Uint8Array(0);

class SlotExchange implements HttpExchange {
  readonly #i32: Int32Array;
  readonly #u8: Uint8Array;
  readonly #id: number;
  readonly #post: (m: FetchMessage) => void;
  #head: HttpResponseHead | null = null;
  #error: HttpErrorCode | null = null;
  #chunk: Uint8Array | null = null;
  #ended = false;
  #aborted = false;

  constructor(slot: SharedArrayBuffer, id: number, post: (m: FetchMessage) => void) {
    this.#i32 = new Int32Array(slot, 0, SLOT_HEADER / 4);
    this.#u8 = new Uint8Array(slot, SLOT_HEADER);
    this.#id = id;
    this.#post = post;
  }

  /** Take what the fetch thread put in the slot, unless a chunk is still unread. */
  #pump(): void {
    while (!this.#aborted && Atomics.load(this.#i32, SLOT.FULL) === 1) {
      const kind = this.#i32[SLOT.KIND];
      if (kind === KIND.DATA && this.#chunk !== null) return;
      // A copy: the slot is reused, and TextDecoder refuses views of shared memory.
      const data = this.#u8.slice(0, this.#i32[SLOT.LENGTH]);
      Atomics.store(this.#i32, SLOT.FULL, 0);
      Atomics.notify(this.#i32, SLOT.FULL);
      if (kind === KIND.HEAD) {
        const h = JSON.parse(new TextDecoder().decode(data)) as { status: number; headers: [string, string][] };
        this.#head = { status: h.status, headers: h.headers.map(([n, v]) => [n, latin1(v)]) };
      } else if (kind === KIND.DATA) this.#chunk = data;
      else if (kind === KIND.END) this.#ended = true;
      else this.#error = JSON.parse(new TextDecoder().decode(data)) as HttpErrorCode;
    }
  }

  write(chunk: Uint8Array): void {
    if (!this.#aborted) this.#post({ op: "body", id: this.#id, chunk });
  }

  end(failed = false): void {
    if (!this.#aborted) this.#post({ op: "end", id: this.#id, failed });
  }

  response(): HttpResponseHead | null {
    this.#pump();
    if (this.#head !== null) return this.#head;
    if (this.#error !== null) throw new HttpRequestError(this.#error);
    return null;
  }

  read(max: number): Uint8Array | null {
    this.#pump();
    const c = this.#chunk;
    if (c !== null) {
      const out = c.length <= max ? c : c.subarray(0, max);
      this.#chunk = c.length <= max ? null : c.subarray(max);
      return out;
    }
    if (this.#error !== null) throw new HttpRequestError(this.#error);
    return this.#ended ? null : EMPTY;
  }

  readable(): boolean {
    this.#pump();
    return this.#chunk !== null || this.#ended || this.#error !== null;
  }

  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    // Wake the fetch thread if it waits for the slot; it sees CANCELLED and stops.
    Atomics.store(this.#i32, SLOT.CANCELLED, 1);
    Atomics.notify(this.#i32, SLOT.FULL);
    this.#post({ op: "abort", id: this.#id });
  }
}

/**
 * An `HttpClient` whose requests run on another thread (a worker running `fetchService`), which
 * `post` sends messages to; `signal` is the SharedArrayBuffer (at least 4 bytes) both share. The
 * calling thread must be allowed to block (`Atomics.wait`): a worker, or Node's and Deno's main
 * thread, not a browser page.
 */
export function sharedMemoryHttpClient(post: (message: FetchMessage) => void, signal: SharedArrayBuffer): HttpClient {
  const epoch = new Int32Array(signal, 0, 1);
  let ids = 0;
  return {
    start(request: OutgoingHttpRequest): HttpExchange {
      const id = ++ids;
      const slot = new SharedArrayBuffer(SLOT_HEADER + SLOT_DATA);
      post({ op: "start", id, slot, hasBody: request.hasBody, ...fetchStartOf(request) });
      return new SlotExchange(slot, id, post);
    },
    epoch: () => Atomics.load(epoch, 0),
    wait(seen: number, timeoutNs: bigint | null): void {
      Atomics.wait(epoch, 0, seen, timeoutNs === null ? Infinity : Number(timeoutNs) / 1e6);
    },
  };
}
