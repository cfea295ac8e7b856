import { WasiError, blockingSleep, type InputStream } from "@anywasi/core";
import { BodyTooLargeError } from "./errors.js";

/**
 * Standard input over a Web `ReadableStream`, for guests run with JSPI (`startAsync` of
 * `@anywasi/core/jspi`): the guest is suspended in `fd_read`/`poll_oneoff` until the next chunk
 * arrives, so a request body is read as it streams in. Chunks are pulled only when the guest asks for input.
 *
 * Without JSPI there is no way to wait for a chunk synchronously: read the stream whole first
 * (`readAll`) and give the guest the bytes.
 */
export class StreamInput implements InputStream {
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  private chunk: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private done = false;
  private pending: Promise<void> | null = null;
  private stop: Promise<never> | null = null;

  /**
   * @param stream the bytes to deliver.
   * @param signal when aborted, a pending wait rejects with its reason (ending the guest).
   * @param sleep how `poll` passes time when nothing is buffered (default: the core's `blockingSleep`).
   */
  constructor(
    private readonly stream: ReadableStream<Uint8Array>,
    private readonly signal: AbortSignal | null = null,
    private readonly sleep: (ns: bigint) => void = blockingSleep,
  ) {}

  private get ready(): boolean {
    return this.done || this.offset < this.chunk.length;
  }

  /**
   * Copy buffered bytes into `into`; 0 at the end of the stream.
   * @throws WasiError `AGAIN` when nothing is buffered yet (only without JSPI, which waits first).
   */
  read(into: Uint8Array): number {
    if (this.offset < this.chunk.length) {
      const n = Math.min(into.length, this.chunk.length - this.offset);
      into.set(this.chunk.subarray(this.offset, this.offset + n));
      this.offset += n;
      return n;
    }
    if (this.done) return 0;
    throw new WasiError("AGAIN", "no input buffered: run the guest with JSPI to wait for it");
  }

  /**
   * True when a read would not wait. A chunk cannot arrive while the guest runs synchronously,
   * so a positive timeout is spent sleeping (through the clock, so the guest sees the time pass).
   */
  poll(timeoutNs: bigint | null): boolean {
    if (this.ready) return true;
    if (timeoutNs !== null && timeoutNs > 0n) this.sleep(timeoutNs);
    return false;
  }

  /** Resolves once a chunk (or the end) is buffered; rejects with the stream's error or the abort reason. */
  waitAsync(): Promise<void> {
    if (this.ready) return Promise.resolve();
    this.pending ??= this.pull().finally(() => { this.pending = null; });
    return this.pending;
  }

  private async pull(): Promise<void> {
    this.reader ??= this.stream.getReader();
    if (this.signal !== null && this.stop === null) {
      this.stop = aborted(this.signal);
      this.stop.catch(() => {});
    }
    // Skip empty chunks (Deno.serve gives an empty body as one): only bytes or the end make a
    // read ready, else a guest woken for nothing would get EAGAIN.
    for (;;) {
      const next = this.reader.read();
      const r = this.stop === null ? await next : await Promise.race([next, this.stop]);
      if (r.done) {
        this.done = true;
        return;
      }
      if (r.value.length > 0) {
        this.chunk = r.value;
        this.offset = 0;
        return;
      }
    }
  }
}

/** A promise that rejects with `signal.reason` once `signal` is aborted. */
export function aborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/**
 * Read `stream` to its end into one `Uint8Array`.
 * @throws the stream's error; `signal.reason` when aborted first.
 */
export async function readAll(stream: ReadableStream<Uint8Array>, signal: AbortSignal | null = null): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stop = signal === null ? null : aborted(signal);
  stop?.catch(() => {});
  try {
    for (;;) {
      const r = stop === null ? await reader.read() : await Promise.race([reader.read(), stop]);
      if (r.done) break;
      chunks.push(r.value);
      total += r.value.length;
    }
  } catch (e) {
    await reader.cancel(e).catch(() => {});
    throw e;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * `stream` with a size limit: it errors with `BodyTooLargeError` as soon as more than `maxBytes`
 * bytes went through.
 */
export function limitStream(stream: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.length;
      if (seen > maxBytes) controller.error(new BodyTooLargeError(maxBytes));
      else controller.enqueue(chunk);
    },
  }));
}

/** An empty byte stream (a request without a body). */
export function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start: (c) => c.close() });
}
