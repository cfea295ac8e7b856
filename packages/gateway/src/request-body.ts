import { BodyTooLargeError } from "./errors.js";
import { aborted } from "./stdio.js";

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
   * The run ended with `error` (undefined: the handler returned). While the response is still
   * `held`, read what the handler left of the body (discarding it) unless the run already ended
   * for the body, or for `signal` (the time limit, a client gone): a body past the limit then
   * makes the answer a 413, whatever the handler did. Then the source is let go.
   * @returns the error the response should report: `BodyTooLargeError`, `signal.reason` when it
   * was aborted while reading, else `error` as given (a source that fails is the handler's
   * business: it did not ask for those bytes).
   */
  async settle(error: unknown, held: boolean, signal: AbortSignal): Promise<unknown> {
    try {
      if (!held || this.#done || error instanceof BodyTooLargeError || signal.aborted) return error;
      const stop = aborted(signal);
      stop.catch(() => {});
      try {
        while ((await Promise.race([this.#next(), stop])) !== null) { /* discard */ }
      } catch (e) {
        if (e instanceof BodyTooLargeError || (signal.aborted && e === signal.reason)) return e;
      }
      return error;
    } finally {
      this.#source.cancel().catch(() => {});
    }
  }
}
