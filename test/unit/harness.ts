/**
 * Shared helpers of the unit tests: drive the syscalls of a `WASI` instance directly, without a
 * compiled module, over a `WebAssembly.Memory` the test owns.
 */
import { WASI, OFlags, RIGHTS_DIR, type WASIOptions, type Preview1Name, type ImportFunction } from "../../packages/core/src/index.js";

export const PAGE = 65536;
const enc = new TextEncoder();
const dec = new TextDecoder();

export interface Env {
  wasi: WASI;
  memory: WebAssembly.Memory;
  w: Record<Preview1Name, ImportFunction>;
  /** A fresh view of the whole memory (survives memory.grow). */
  u8(): Uint8Array;
  dv(): DataView;
  /** Next free address of a bump allocator starting at 1024. */
  alloc(n: number, align?: number): number;
  /** Write bytes (or a string as UTF-8) at a fresh address; returns [ptr, len]. */
  put(data: string | Uint8Array, align?: number): [number, number];
  /** One iovec pointing at a fresh copy of `data` (or `size` zero bytes); returns [iovsPtr, bufPtr]. */
  iov(data: string | Uint8Array | number): [number, number];
  u32(ptr: number): number;
  u64(ptr: number): bigint;
  bytes(ptr: number, len: number): Uint8Array;
  text(ptr: number, len: number): string;
}

export function setup(options: WASIOptions = {}, memory = new WebAssembly.Memory({ initial: 1 })): Env {
  const wasi = new WASI(options);
  wasi.initialize({ exports: { memory } } as unknown as WebAssembly.Instance);
  let next = 1024;
  const env: Env = {
    wasi,
    memory,
    w: wasi.wasiImport,
    u8: () => new Uint8Array(memory.buffer),
    dv: () => new DataView(memory.buffer),
    alloc(n, align = 8) {
      next = Math.ceil(next / align) * align;
      const p = next;
      next += n;
      return p;
    },
    put(data, align = 8) {
      const b = typeof data === "string" ? enc.encode(data) : data;
      const p = env.alloc(Math.max(b.length, 1), align);
      env.u8().set(b, p);
      return [p, b.length];
    },
    iov(data) {
      const [buf, len] = typeof data === "number" ? [env.alloc(data), data] : env.put(data);
      const iovs = env.alloc(8);
      env.dv().setUint32(iovs, buf, true);
      env.dv().setUint32(iovs + 4, len, true);
      return [iovs, buf];
    },
    u32: (p) => env.dv().getUint32(p, true),
    u64: (p) => env.dv().getBigUint64(p, true),
    bytes: (p, len) => env.u8().slice(p, p + len),
    text: (p, len) => dec.decode(env.u8().slice(p, p + len)),
  };
  return env;
}

/**
 * Open `path` under preopen fd 3 and return the new fd (asserting success). Rights default to all
 * (for a file) or to the directory rights with `O_DIRECTORY` (a directory refuses `FD_WRITE`).
 */
export function open(env: Env, path: string, opts: { oflags?: number; rights?: bigint; inheriting?: bigint; fdflags?: number; dirflags?: number; dirfd?: number } = {}): number {
  const [p, len] = env.put(path);
  const out = env.alloc(4);
  const dir = ((opts.oflags ?? 0) & OFlags.DIRECTORY) !== 0;
  const errno = env.w.path_open(
    opts.dirfd ?? 3, opts.dirflags ?? 0, p, len, opts.oflags ?? 0,
    opts.rights ?? (dir ? BigInt(RIGHTS_DIR) : 0xFFFF_FFFFn), opts.inheriting ?? 0xFFFF_FFFFn, opts.fdflags ?? 0, out,
  );
  if (errno !== 0) throw new Error(`path_open(${path}) failed with errno ${errno}`);
  return env.u32(out);
}

/** Write `data` through fd_write; returns [errno, nwritten]. */
export function write(env: Env, fd: number, data: string | Uint8Array): [number, number] {
  const [iovs] = env.iov(data);
  const n = env.alloc(4);
  const e = env.w.fd_write(fd, iovs, 1, n);
  return [e, env.u32(n)];
}

/** Read up to `size` bytes through fd_read; returns [errno, text]. */
export function read(env: Env, fd: number, size: number): [number, string] {
  const [iovs, buf] = env.iov(size);
  const n = env.alloc(4);
  const e = env.w.fd_read(fd, iovs, 1, n);
  return [e, e === 0 ? env.text(buf, env.u32(n)) : ""];
}

export function hex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Compile and instantiate `bytes` (the core's WebAssembly typings have no bytes overload that TS picks). */
export async function instantiate(bytes: Uint8Array, imports: WebAssembly.Imports = {}): Promise<WebAssembly.Instance> {
  return WebAssembly.instantiate(await WebAssembly.compile(bytes), imports);
}
