import { Errno } from "../../abi/errno.js";
import { FILESTAT } from "../../abi/layout.js";
import { readWait, whenReady } from "../../wait.js";
import type { Bridge } from "../bridge.js";
import { IoError } from "./error.js";
import { Pollable } from "./poll.js";

/** A `stream-error`, as jco's glue lifts it. */
export type StreamError = { tag: "closed" } | { tag: "last-operation-failed"; val: IoError };

/** Most bytes one `read` or `check-write` deals with; bigger requests are served in parts. */
const MAX_CHUNK = 1 << 20;
const CLOSED = Object.freeze({ payload: Object.freeze({ tag: "closed" as const }) });
const EMPTY = new Uint8Array(0);

function failed(errno: number): { payload: StreamError } {
  return { payload: { tag: "last-operation-failed", val: new IoError(errno) } };
}

/**
 * `wasi:io/streams` `input-stream` over a preview1 descriptor: a stream (stdin) read with `fd_read`,
 * or a file read with `fd_pread` from `offset` on. The stream does not own the descriptor.
 */
export class InputStream {
  readonly #b: Bridge;
  readonly #fd: number;
  #offset: bigint | null;
  constructor(b: Bridge, fd: number, offset: bigint | null) {
    this.#b = b;
    this.#fd = fd;
    this.#offset = offset;
  }

  /** Up to `len` bytes that can be read without blocking (maybe none). */
  read(len: bigint): Uint8Array {
    if (this.#offset === null && !this.subscribe().ready()) return EMPTY;
    return this.#read(len);
  }

  /**
   * Up to `len` bytes, blocking until at least one is available (as preview1 `fd_read`). Under
   * JSPI (`Bridge.suspends`) a read that would wait returns a promise of them instead.
   */
  blockingRead(len: bigint): Uint8Array | Promise<Uint8Array> {
    if (!this.#b.suspends || this.#offset !== null || len === 0n) return this.#read(len);
    const b = this.#b;
    const read = whenReady(() => { b.checkStopped(); return readWait(b.ctx, this.#fd); }, () => this.#read(len));
    return read instanceof Promise ? b.suspend(read) : read;
  }

  #read(len: bigint): Uint8Array {
    const n = len > BigInt(MAX_CHUNK) ? MAX_CHUNK : Number(len);
    if (n === 0) return EMPTY;
    const b = this.#b.begin();
    const [iov, buf] = b.iovec(n);
    const out = b.alloc(4);
    const errno = this.#offset === null
      ? b.p1.fd_read(this.#fd, iov, 1, out)
      : b.p1.fd_pread(this.#fd, iov, 1, this.#offset, out);
    if (errno !== 0) throw failed(errno);
    const got = b.u32(out);
    if (got === 0) throw CLOSED;
    if (this.#offset !== null) this.#offset += BigInt(got);
    return b.copy(buf, got);
  }

  /** Like `read`, discarding the bytes; returns how many. */
  skip(len: bigint): bigint {
    return BigInt(this.read(len).length);
  }

  /** Like `blocking-read`, discarding the bytes; returns how many (a promise of it under JSPI). */
  blockingSkip(len: bigint): bigint | Promise<bigint> {
    const data = this.blockingRead(len);
    return data instanceof Uint8Array ? BigInt(data.length) : data.then((d) => BigInt(d.length));
  }

  /** Ready when a read would not block (a file always is). */
  subscribe(): Pollable {
    return new Pollable(this.#b, this.#offset === null ? { fd: this.#fd } : null);
  }
}

/**
 * `wasi:io/streams` `output-stream` over a preview1 descriptor: a stream (stdout, stderr) written
 * with `fd_write`, a file written with `fd_pwrite` from `offset` on, or (`"append"`) at the file's
 * end. Writes complete at once, so `flush` has nothing to wait for: output reaches the host's
 * `OutputStream` exactly as a preview1 guest's does (flushed before blocking and at exit).
 */
export class OutputStream {
  readonly #b: Bridge;
  readonly #fd: number;
  #at: bigint | null | "append";
  constructor(b: Bridge, fd: number, at: bigint | null | "append") {
    this.#b = b;
    this.#fd = fd;
    this.#at = at;
  }

  /** How many bytes the next `write` may carry. */
  checkWrite(): bigint {
    return BigInt(MAX_CHUNK);
  }

  /** Write all of `contents`. */
  write(contents: Uint8Array): void {
    let done = 0;
    while (done < contents.length) {
      // The end of the file is read first: it lays out its own call.
      const at = this.#at === "append" ? this.#end() : this.#at;
      const b = this.#b.begin();
      const iov = b.ciovec(done === 0 ? contents : contents.subarray(done));
      const out = b.alloc(4);
      let errno: number;
      if (at === null) errno = b.p1.fd_write(this.#fd, iov, 1, out);
      else {
        errno = b.p1.fd_pwrite(this.#fd, iov, 1, at, out);
        if (errno === 0 && this.#at !== "append") this.#at = at + BigInt(b.u32(out));
      }
      if (errno !== 0) throw failed(errno);
      const n = b.u32(out);
      // A host that accepts nothing would make this loop forever: report it as an I/O failure.
      if (n === 0) throw failed(Errno.IO);
      done += n;
    }
  }

  /** The file's size: where an append goes. */
  #end(): bigint {
    const b = this.#b.begin();
    const out = b.alloc(FILESTAT.size);
    const errno = b.p1.fd_filestat_get(this.#fd, out);
    if (errno !== 0) throw failed(errno);
    return b.u64(out + FILESTAT.fileSize);
  }

  /** `write`; the data is delivered already. */
  blockingWriteAndFlush(contents: Uint8Array): void {
    this.write(contents);
  }

  /** Nothing to wait for: writes complete at once. */
  flush(): void {}

  /** Nothing to wait for: writes complete at once. */
  blockingFlush(): void {}

  /** Always ready. */
  subscribe(): Pollable {
    return new Pollable(this.#b, null);
  }

  /** Write `len` zero bytes. */
  writeZeroes(len: bigint): void {
    this.write(new Uint8Array(Number(len)));
  }

  /** Write `len` zero bytes. */
  blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeZeroes(len);
  }

  /** Move up to `len` bytes that `src` has ready into this stream; returns how many. */
  splice(src: InputStream, len: bigint): bigint {
    const data = src.read(len);
    this.write(data);
    return BigInt(data.length);
  }

  /** Move up to `len` bytes from `src`, blocking for at least one; returns how many (a promise of it under JSPI). */
  blockingSplice(src: InputStream, len: bigint): bigint | Promise<bigint> {
    const data = src.blockingRead(len);
    if (!(data instanceof Uint8Array)) return data.then((d) => this.#put(d));
    return this.#put(data);
  }

  #put(data: Uint8Array): bigint {
    this.write(data);
    return BigInt(data.length);
  }
}

/** The `wasi:io/streams` interface. */
export function ioStreams(): { InputStream: typeof InputStream; OutputStream: typeof OutputStream } {
  return { InputStream, OutputStream };
}
