import { BodyTooLargeError } from "./errors.js";
import { aborted } from "./stdio.js";

/** How far past the limit (at least) a body is still read through before it is cancelled, in bytes. */
const DRAIN_PAST_LIMIT = 16 * 1024 * 1024;

/**
 * The request body of one `wasi:http` request, as the gateway hands it to the handler: `stream`
 * errors with `BodyTooLargeError` once more than `maxBytes` went through, and what the handler
 * leaves unread stays here, so that `settle` can still hold it to the limit.
 *
 * Why: a body without a `content-length` (chunked) is only known to be too large once it has been
 * read. Where the body is read whole before the handler runs (the synchronous path) that is always
 * a 413; where it streams (a worker, JSPI glue) a handler that never reads it would otherwise be
 * answered 200, or 413 only when the body happened to pass the limit before the handler ended. The
 * rule is one for every runner: as long as the response is held (its head not sent), a body past
 * `maxBytes` is a 413, read by the handler or not.
 */
export class RequestBody {
  readonly #source: ReadableStreamDefaultReader<Uint8Array>;
  readonly #max: number;
  #seen = 0;
  #done = false;
  /** The handler's side: pulled one chunk at a time. Cancelling it leaves the rest to `settle`. */
  readonly stream: ReadableStream<Uint8Array>;

  /** @param maxBytes the largest body, in bytes. */
  constructor(source: ReadableStream<Uint8Array>, maxBytes: number) {
    this.#source = source.getReader();
    this.#max = maxBytes;
    this.stream = new ReadableStream<Uint8Array>({
      pull: async (c) => {
        const chunk = await this.#next();
        // A read that was pending when the consumer cancelled: the bytes were counted, not kept.
        try {
          if (chunk === null) c.close();
          else c.enqueue(chunk);
        } catch { /* cancelled */ }
      },
      // The consumer (a runner whose handler ended) lets go: the rest is `settle`'s.
      cancel: () => {},
    }, { highWaterMark: 0 });
  }

  /** The next chunk (null at the end), counted. @throws BodyTooLargeError past the limit; the source's error. */
  async #next(): Promise<Uint8Array | null> {
    if (this.#done) return null;
    const r = await this.#source.read();
    if (r.done) {
      this.#done = true;
      return null;
    }
    this.#seen += r.value.length;
    if (this.#seen > this.#max) throw new BodyTooLargeError(this.#max);
    return r.value;
  }

  /**
   * The run ended with `error` (undefined: the handler returned). What the handler left of the
   * body is read to its end and dropped before the response may end, unless `signal` (the time
   * limit, a client gone) stops that first; the source is then cancelled.
   *
   * Why read it instead of cancelling: workerd (as `wrangler dev` runs it) must not be handed a
   * response while a request body it started to read is neither read nor untouched: the next
   * request on that connection then fails (503 "Your worker restarted mid-request"), and it
   * refuses reads once the response is out. Reading to the end before the response ends is right
   * on every host (a client still sending also gets its answer). It is bounded by `signal`, and
   * by bytes: past the limit plus the larger of the limit and 16 MiB, the rest is cancelled (so
   * a 413 does not wait for a huge upload to end, even without a time limit).
   *
   * While the response is still `held` and the run did not already end for the body or the
   * signal, a body past the limit makes the answer a 413, whatever the handler did.
   * @returns the error the response should report: `BodyTooLargeError` (held, past the limit),
   * `signal.reason` when it was aborted while reading a held response's body, else `error` as
   * given (a source that fails is the handler's business: it did not ask for those bytes).
   */
  async settle(error: unknown, held: boolean, signal: AbortSignal): Promise<unknown> {
    let result = error;
    const judge = held && !(error instanceof BodyTooLargeError) && !signal.aborted;
    try {
      if (this.#done || signal.aborted) return result;
      const stop = aborted(signal);
      stop.catch(() => {});
      for (;;) {
        try {
          if ((await Promise.race([this.#next(), stop])) === null) return result;
        } catch (e) {
          if (e instanceof BodyTooLargeError) {
            if (judge) result = e;
            // A client sending far more than allowed gets its answer without sending it all.
            if (this.#seen > this.#max + Math.max(this.#max, DRAIN_PAST_LIMIT)) return result;
            continue; // #next counts on; the rest is dropped
          }
          if (judge && signal.aborted && e === signal.reason && !(result instanceof BodyTooLargeError)) result = e;
          return result;
        }
      }
    } finally {
      if (!this.#done) this.#source.cancel().catch(() => {});
    }
  }
}
