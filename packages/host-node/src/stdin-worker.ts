// Reads the process's stdin on behalf of a guest that blocks on it. The guest thread cannot
// select() on fd 0 in Node, so this thread reads, one chunk per request, and hands each over
// through shared memory. See stdin.ts for the protocol.
//
// A pipe, socket or terminal is read through libuv's non-blocking stream, never with a blocking
// read(2): a thread stuck in read(2) cannot be terminated, and Node joins every thread before the
// process exits, so `sleep 60 | anywasi run x.wasm` would outlive its guest by a minute. Regular
// files (and /dev/null) never wait for input, so they keep plain positional reads.
import * as fs from "node:fs";
import * as net from "node:net";
import * as tty from "node:tty";
import { workerData } from "node:worker_threads";
import { CHUNK, EOF, ERROR, FULL, LEN, REQUEST, STATUS } from "./stdin-protocol.js";

const { state, data, fd } = workerData as { state: SharedArrayBuffer; data: SharedArrayBuffer; fd: number };
const ctl = new Int32Array(state);
const shared = new Uint8Array(data);

/** The next bytes of input (at most CHUNK), empty at end of input. */
type Next = () => Promise<Uint8Array>;

function streamReader(stream: net.Socket): Next {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let rest: Uint8Array = new Uint8Array(0);
  return async () => {
    if (rest.length === 0) {
      const r = await chunks.next();
      if (r.done === true) return rest;
      rest = r.value;
    }
    const out = rest.subarray(0, CHUNK);
    rest = rest.subarray(out.length);
    return out;
  };
}

function blockingReader(): Next {
  const local = new Uint8Array(CHUNK);
  return async () => {
    for (;;) {
      try {
        return local.subarray(0, fs.readSync(fd, local, 0, CHUNK, null));
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "EOF") return local.subarray(0, 0);
        // Someone else made the descriptor non-blocking: wait a little instead of spinning.
        if (code !== "EAGAIN") throw e;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
}

/**
 * Only descriptors 0-2 go through a libuv stream: closing the stream (when this thread ends)
 * closes any other descriptor, which belongs to the embedder, while libuv leaves stdio open.
 */
function reader(): Next {
  if (fd <= 2) {
    if (tty.isatty(fd)) return streamReader(new tty.ReadStream(fd));
    const st = fs.fstatSync(fd);
    if (st.isFIFO() || st.isSocket()) return streamReader(new net.Socket({ fd, readable: true, writable: false }));
  }
  return blockingReader();
}

// Node has Atomics.waitAsync since 16; the project's TypeScript lib (es2022) does not declare it.
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, index: number, value: number): { async: false } | { async: true; value: Promise<string> };
}).waitAsync;

/** Waits without blocking this thread's event loop, so that the stream can read meanwhile. */
async function requested(): Promise<void> {
  for (;;) {
    const w = waitAsync(ctl, REQUEST, 0);
    if (w.async) await w.value;
    if (Atomics.load(ctl, REQUEST) !== 0) return;
  }
}

function publish(bytes: Uint8Array, status: number): void {
  shared.set(bytes, 0);
  Atomics.store(ctl, LEN, bytes.length);
  Atomics.store(ctl, STATUS, status);
  Atomics.notify(ctl, STATUS);
}

// A pending Atomics.waitAsync does not keep a thread's event loop alive: without this timer, the
// thread would end while waiting for the guest's next request. (The guest thread unrefs this
// thread, so it never keeps the process alive.)
const keepAlive = setInterval(() => {}, 1 << 30);
let next: Next | null = null;
for (;;) {
  await requested();
  Atomics.store(ctl, REQUEST, 0);
  let bytes: Uint8Array;
  try {
    next ??= reader();
    bytes = await next();
  } catch {
    publish(new Uint8Array(0), ERROR);
    break;
  }
  publish(bytes, bytes.length === 0 ? EOF : FULL);
  if (bytes.length === 0) break;
}
clearInterval(keepAlive);
