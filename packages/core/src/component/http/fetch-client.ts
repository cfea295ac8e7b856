import { HttpRequestError, type HttpClient, type HttpExchange, type HttpResponseHead, type OutgoingHttpRequest } from "./client.js";
import { runFetch, type FetchLike } from "./fetch-run.js";
import { fetchStartOf, latin1 } from "./request-wire.js";
import type { HttpErrorCode } from "./types.js";

const EMPTY = new Uint8Array(0);

/** The readiness every exchange of one client shares: an epoch and the suspended guest waiting on it. */
class Epoch {
  value = 0;
  #waiters: (() => void)[] = [];
  bump(): void {
    this.value++;
    const w = this.#waiters;
    this.#waiters = [];
    for (const wake of w) wake();
  }
  changed(seen: number): Promise<void> {
    if (this.value !== seen) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

class SameThreadExchange implements HttpExchange {
  readonly #epoch: Epoch;
  readonly #abort = new AbortController();
  readonly #request: OutgoingHttpRequest;
  readonly #fetch: FetchLike | undefined;
  #held: Uint8Array[] = [];
  #head: HttpResponseHead | null = null;
  #error: HttpErrorCode | null = null;
  #chunk: Uint8Array | null = null;
  /** Resolves `runFetch`'s pending `data`: the guest took the chunk, read the next one. */
  #taken: ((more: boolean) => void) | null = null;
  #ended = false;
  #aborted = false;

  constructor(request: OutgoingHttpRequest, epoch: Epoch, fetchImpl: FetchLike | undefined) {
    this.#request = request;
    this.#epoch = epoch;
    this.#fetch = fetchImpl;
    if (!request.hasBody) this.#send(null);
  }

  /**
   * Start the fetch. The body is sent whole, once the guest finished it: browsers send a streamed
   * request body only over HTTP/2 (a ReadableStream body over HTTP/1.1 fails), so bytes are the
   * one body every host sends.
   */
  #send(body: Uint8Array | null): void {
    void runFetch(this.#fetch, fetchStartOf(this.#request), body, this.#abort, {
      cancelled: () => this.#aborted,
      head: (status, headers) => {
        if (this.#aborted) return false;
        this.#head = { status, headers: headers.map(([n, v]) => [n, latin1(v)]) };
        this.#epoch.bump();
        return true;
      },
      data: (chunk) => {
        if (this.#aborted) return Promise.resolve(false);
        if (chunk.length === 0) return Promise.resolve(true);
        this.#chunk = chunk;
        this.#epoch.bump();
        return new Promise((resolve) => { this.#taken = resolve; });
      },
      end: () => { this.#ended = true; this.#epoch.bump(); },
      error: (code) => { this.#error = code; this.#epoch.bump(); },
    });
  }

  write(chunk: Uint8Array): void {
    if (!this.#aborted) this.#held.push(chunk.slice());
  }

  end(failed = false): void {
    if (this.#aborted) return;
    const held = this.#held;
    this.#held = [];
    if (failed) {
      this.#error = { tag: "internal-error", val: "the guest dropped the request body unfinished" };
      this.#epoch.bump();
      return;
    }
    let size = 0;
    for (const c of held) size += c.length;
    const body = new Uint8Array(size);
    let at = 0;
    for (const c of held) { body.set(c, at); at += c.length; }
    this.#send(body);
  }

  response(): HttpResponseHead | null {
    if (this.#head !== null) return this.#head;
    if (this.#error !== null) throw new HttpRequestError(this.#error);
    return null;
  }

  read(max: number): Uint8Array | null {
    const c = this.#chunk;
    if (c !== null) {
      if (c.length > max) {
        this.#chunk = c.subarray(max);
        return c.subarray(0, max);
      }
      this.#chunk = null;
      const taken = this.#taken;
      this.#taken = null;
      taken?.(true);
      return c;
    }
    if (this.#error !== null) throw new HttpRequestError(this.#error);
    return this.#ended ? null : EMPTY;
  }

  readable(): boolean {
    return this.#chunk !== null || this.#ended || this.#error !== null;
  }

  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#held = [];
    this.#abort.abort();
    const taken = this.#taken;
    this.#taken = null;
    taken?.(false);
  }
}

/**
 * An `HttpClient` that runs `fetch` (the global one unless `fetchImpl`) on the guest's own
 * thread, for guests run through JSPI glue (Workers, browsers, Deno, Node ≥ 24): a guest waiting
 * for a response is suspended (`waitAsync`), never blocked; `wait` throws, as nothing could
 * arrive while this thread blocks. The response body is read from the network one chunk ahead
 * of the guest. A request body is sent whole when the guest finishes it (see `SameThreadExchange`).
 */
export function fetchHttpClient(fetchImpl?: FetchLike): HttpClient {
  const epoch = new Epoch();
  return {
    start: (request) => new SameThreadExchange(request, epoch, fetchImpl),
    epoch: () => epoch.value,
    wait(): void {
      throw new Error("outgoing HTTP on this thread can only be awaited (JSPI glue): the response cannot arrive while the thread blocks");
    },
    waitAsync: (seen) => epoch.changed(seen),
  };
}
