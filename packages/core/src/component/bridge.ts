import { FILESTAT } from "../abi/layout.js";
import type { Context } from "../context.js";
import type { ImportFunction, Preview1Name } from "../imports.js";
import { utf8 } from "../memory.js";
import { internals, type WASI } from "../wasi.js";
import type { AbortSignalLike } from "../wait.js";
import { failure } from "./error-code.js";
import type { DirectoryCall } from "./imports.js";

/**
 * How the WASI 0.2 interfaces reach the preview1 machinery. A component never shares its linear
 * memory with anywasi (the canonical ABI copies every value out), so the interfaces lay out each
 * call's arguments in a private scratch memory attached to the `WASI`'s context and call the
 * preview1 implementation itself — the same descriptor table, rights, path resolution and sandbox,
 * limits, errno rules and trace hook. Nothing of preview1 is re-implemented here.
 *
 * Layout is a bump allocator reset at the start of every call (`begin()`); a call never keeps a
 * pointer past its own return.
 */
export class Bridge {
  /** The context the preview1 calls run in (descriptors, clock, random, limits). */
  readonly ctx: Context;
  /** The preview1 functions, traced when the embedder asked for a trace. */
  readonly p1: Record<Preview1Name, ImportFunction>;
  /**
   * True when the component runs through JSPI glue (`loadComponent({ jspi: true })`): a call that
   * would wait returns a promise instead, and the guest is suspended until it settles.
   */
  readonly suspends: boolean;
  readonly #memory = new WebAssembly.Memory({ initial: 1 });
  readonly #directoryCall: DirectoryCall | null;
  readonly #waits: SuspendHooks;
  #top = 0;

  constructor(wasi: WASI, suspends = false, directoryCall: DirectoryCall | null = null, waits: SuspendHooks = {}) {
    this.ctx = internals(wasi).ctx;
    this.p1 = wasi.wasiImport;
    this.suspends = suspends;
    this.#directoryCall = directoryCall;
    this.#waits = waits;
    this.ctx.mem.refresh(this.#memory);
  }

  /**
   * Run `call`, an interface call that may reach a directory operation, through the embedder's
   * `directoryCall` (which may replay it, or answer a promise); as is without one.
   */
  directory<T>(call: () => T): T | Promise<T> {
    return this.#directoryCall === null ? call() : this.#directoryCall(call);
  }

  /**
   * Under JSPI, the promise a call suspends the guest on: the embedder hears that the guest
   * waits (`onWait`: a served handler's response may go out now), and an abort of `signal` (a
   * time limit, a client gone) ends the wait at once with its reason, which the guest's call
   * then throws (the run fails with it) instead of waiting on.
   */
  suspend<T>(wait: Promise<T>): Promise<T> {
    const { onWait, signal } = this.#waits;
    onWait?.();
    if (signal === undefined) return wait;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<T>((resolve, reject) => {
      const abort = (): void => reject(signal.reason as Error);
      signal.addEventListener("abort", abort, { once: true });
      wait.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
    });
  }

  /** `SuspendHooks.signal`: what ends a suspended guest's wait (its timers go with it). */
  get signal(): AbortSignalLike | undefined {
    return this.#waits.signal;
  }

  /** Throw the abort reason once `SuspendHooks.signal` was aborted (a wait that must not go on). */
  checkStopped(): void {
    const signal = this.#waits.signal;
    if (signal?.aborted === true) throw signal.reason;
  }

  /** Start laying out a new call's arguments. */
  begin(): this {
    this.#top = 0;
    return this;
  }

  /** Reserve `size` bytes (8-aligned) and return their address. */
  alloc(size: number): number {
    const ptr = (this.#top + 7) & ~7;
    this.#top = ptr + size;
    const have = this.#memory.buffer.byteLength;
    if (this.#top > have) {
      this.#memory.grow(Math.ceil((this.#top - have) / 65536));
      this.ctx.mem.refresh();
    }
    return ptr;
  }

  /** Copy `bytes` in; returns their address. */
  bytes(bytes: Uint8Array): number {
    const ptr = this.alloc(bytes.length);
    this.ctx.mem.u8.set(bytes, ptr);
    return ptr;
  }

  /** Copy `s` in as UTF-8; returns `[address, length]`. */
  str(s: string): [number, number] {
    const b = utf8(s);
    return [this.bytes(b), b.length];
  }

  /** An iovec of one buffer of `len` bytes; returns `[iovec address, buffer address]`. */
  iovec(len: number): [number, number] {
    const iov = this.alloc(8);
    const buf = this.alloc(len);
    this.ctx.mem.dv.setUint32(iov, buf, true);
    this.ctx.mem.dv.setUint32(iov + 4, len, true);
    return [iov, buf];
  }

  /** A ciovec over a copy of `bytes`; returns its address. */
  ciovec(bytes: Uint8Array): number {
    const iov = this.alloc(8);
    const buf = this.bytes(bytes);
    this.ctx.mem.dv.setUint32(iov, buf, true);
    this.ctx.mem.dv.setUint32(iov + 4, bytes.length, true);
    return iov;
  }

  /** Throw the wasi:filesystem `error-code` of a non-zero errno (the component sees an `err`). */
  check(errno: number): void {
    if (errno !== 0) throw failure(errno);
  }

  u32(ptr: number): number { return this.ctx.mem.dv.getUint32(ptr, true); }
  u64(ptr: number): bigint { return this.ctx.mem.dv.getBigUint64(ptr, true); }
  u8(ptr: number): number { return this.ctx.mem.dv.getUint8(ptr); }

  /** A copy of `[ptr, ptr+len)`, safe to hand to the component. */
  copy(ptr: number, len: number): Uint8Array {
    return this.ctx.mem.u8.slice(ptr, ptr + len);
  }

  /** `fd_filestat_get`, or `path_filestat_get` when `path` is given. */
  filestat(fd: number, path?: string, follow = false): Filestat {
    this.begin();
    const out = this.alloc(FILESTAT.size);
    if (path === undefined) this.check(this.p1.fd_filestat_get(fd, out));
    else {
      const [p, l] = this.str(path);
      this.check(this.p1.path_filestat_get(fd, follow ? 1 : 0, p, l, out));
    }
    return {
      dev: this.u64(out + FILESTAT.dev),
      ino: this.u64(out + FILESTAT.ino),
      filetype: this.u8(out + FILESTAT.filetype),
      nlink: this.u64(out + FILESTAT.nlink),
      size: this.u64(out + FILESTAT.fileSize),
      atim: this.u64(out + FILESTAT.atim),
      mtim: this.u64(out + FILESTAT.mtim),
      ctim: this.u64(out + FILESTAT.ctim),
    };
  }
}

export type { AbortSignalLike };

/** What a JSPI run tells its embedder of its waits (`Bridge.suspend`). */
export interface SuspendHooks {
  /** Called each time the guest is about to be suspended. */
  onWait?: () => void;
  /** When aborted, a suspended guest resumes at once with `signal.reason` thrown. */
  signal?: AbortSignalLike;
}


/** A preview1 filestat, decoded. Times are ns since the Unix epoch. */
export interface Filestat {
  dev: bigint;
  ino: bigint;
  filetype: number;
  nlink: bigint;
  size: bigint;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}
