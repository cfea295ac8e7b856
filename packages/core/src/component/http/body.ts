import type { Bridge } from "../bridge.js";
import type { Pollable, ReadinessSource } from "../io/poll.js";
import { InputStream, OutputStream } from "../io/streams.js";

/** Most bytes one read or `check-write` deals with. */
const MAX_CHUNK = 1 << 20;
const CLOSED = Object.freeze({ payload: Object.freeze({ tag: "closed" as const }) });
const EMPTY = new Uint8Array(0);

/**
 * Where a body comes from: `read(max)` returns up to `max` bytes available now (maybe none), or
 * null at the end; it may throw a stream-error payload (`{ payload: { tag: "last-operation-failed", ... } }`).
 * The gateway gives a request's whole body (read before the guest runs); an outgoing request's
 * response body arrives from another thread (then the stream's pollable says when bytes are there).
 */
export interface BodySource {
  read(max: number): Uint8Array | null;
  /**
   * For a request body still arriving (from another thread, `sharedBodySource`): when `read` has
   * bytes again. Absent: `read` never returns an empty array before the end (bytes in memory).
   */
  readonly readiness?: ReadinessSource;
}

/** A `BodySource` over bytes already in memory. */
export function bytesSource(bytes: Uint8Array): BodySource {
  let at = 0;
  return {
    read(max: number): Uint8Array | null {
      if (at >= bytes.length) return null;
      const n = Math.min(max, bytes.length - at);
      const out = bytes.subarray(at, at + n);
      at += n;
      return out;
    },
  };
}

/**
 * An `input-stream` over a body. It is a `wasi:io/streams` `InputStream` (jco's glue checks the
 * class) whose every method reads the body instead of a descriptor. `ready` makes its pollables:
 * always ready for a body in memory, ready when bytes arrived for a response body; a blocking
 * read waits on it while the source has nothing yet.
 */
export class BodyInputStream extends InputStream {
  readonly #src: BodySource;
  readonly #ready: () => Pollable;
  constructor(src: BodySource, ready: () => Pollable) {
    // No descriptor: every method below is overridden.
    super(null as unknown as Bridge, -1, null);
    this.#src = src;
    this.#ready = ready;
  }

  override read(len: bigint): Uint8Array {
    const n = len > BigInt(MAX_CHUNK) ? MAX_CHUNK : Number(len);
    if (n === 0) return EMPTY;
    const got = this.#src.read(n);
    if (got === null) throw CLOSED;
    return got.slice();
  }

  override blockingRead(len: bigint): Uint8Array | Promise<Uint8Array> {
    for (;;) {
      const got = this.read(len);
      if (got.length > 0 || len === 0n) return got;
      // Under JSPI a body arriving on this thread is awaited (the guest suspended), then read again.
      const waited = this.#ready().block();
      if (waited instanceof Promise) return waited.then(() => this.blockingRead(len));
    }
  }

  override skip(len: bigint): bigint {
    return BigInt(this.read(len).length);
  }

  override blockingSkip(len: bigint): bigint | Promise<bigint> {
    const got = this.blockingRead(len);
    return got instanceof Uint8Array ? BigInt(got.length) : got.then((d) => BigInt(d.length));
  }

  override subscribe(): Pollable {
    return this.#ready();
  }
}

/**
 * An `output-stream` into a body (a response's, or an outgoing request's): every write goes to `sink` at once (a copy), so
 * `flush` has nothing to wait for. After `close()` (the body was finished) a write is `closed`.
 */
export class BodyOutputStream extends OutputStream {
  readonly #sink: (chunk: Uint8Array) => void;
  readonly #ready: () => Pollable;
  #closed = false;
  constructor(sink: (chunk: Uint8Array) => void, ready: () => Pollable) {
    super(null as unknown as Bridge, -1, null);
    this.#sink = sink;
    this.#ready = ready;
  }

  /** @internal The body was finished or dropped: later writes fail. */
  static close(s: BodyOutputStream): void {
    s.#closed = true;
  }

  override checkWrite(): bigint {
    if (this.#closed) throw CLOSED;
    return BigInt(MAX_CHUNK);
  }

  override write(contents: Uint8Array): void {
    if (this.#closed) throw CLOSED;
    if (contents.length > 0) this.#sink(contents.slice());
  }

  override blockingWriteAndFlush(contents: Uint8Array): void {
    this.write(contents);
  }

  override flush(): void {
    if (this.#closed) throw CLOSED;
  }

  override blockingFlush(): void {
    this.flush();
  }

  override subscribe(): Pollable {
    return this.#ready();
  }

  override writeZeroes(len: bigint): void {
    this.write(new Uint8Array(Number(len)));
  }

  override blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeZeroes(len);
  }

  override splice(src: InputStream, len: bigint): bigint {
    const data = src.read(len);
    this.write(data);
    return BigInt(data.length);
  }
}
