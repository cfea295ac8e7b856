import { WasiError, type OutputStream } from "@anywasi/core";
import { startWorker } from "./lazy-builtins.js";
import { drain } from "./output-drain.js";
import { CONTROL_WORDS, FAILED, FAILED_IO, FAILED_PIPE, HEAD, IDLE, LOCK, READY, RING, TAIL } from "./output-protocol.js";
import { writeAll } from "./stdout.js";

/**
 * Buffered output to a host descriptor that a signal cannot take away. A guest running on the
 * main thread keeps it busy: no signal handler can run then, and a buffer on that thread dies with
 * the process. So writes go into a ring in shared memory that a second thread (output-worker.ts)
 * writes out within `GATHER_MS` of the first byte, while the guest computes. The guest thread
 * still writes out itself when the ring is full, when the core flushes (before blocking, at exit)
 * and at each newline on a terminal, so batching costs no latency where it matters; and at every
 * write until the drain thread runs, which starts only at the 256th write (a guest that writes a
 * few lines never pays for a thread).
 *
 * What a signal can still lose: output written in the last few ms, and output a full pipe has not
 * accepted yet (the reader stopped reading).
 */
class SharedOutput implements OutputStream {
  readonly #ctl: Int32Array;
  readonly #data: Uint8Array;

  /** Writes so far, until the thread starts at the `START_AFTER_WRITES`th. */
  #writes = 0;
  #started = false;
  /**
   * This thread's copies of what it alone changes or what only ever moves one way, so that a small
   * write makes two atomic operations (publish TAIL, look at IDLE) instead of six: TAIL (only this
   * thread advances it), a HEAD seen earlier (HEAD only grows, so room computed from it is never
   * too much; it is read again only when that room is short) and READY (never reset).
   */
  #tail = 0;
  #head = 0;
  #ready = false;

  constructor(readonly fd: number, readonly isTTY: boolean) {
    this.#ctl = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
    this.#data = new Uint8Array(new SharedArrayBuffer(RING));
  }

  /**
   * A thread costs its start and, worse, its teardown when the process exits (tens of ms, more on
   * a loaded machine). A guest that writes a few lines never needs it: until it is up, each write
   * goes out at once. One that writes much gets it, and its writes batched, after a few hundred.
   */
  #startThread(): void {
    this.#started = true;
    try {
      const worker = startWorker(new URL("./output-worker.js", import.meta.url), {
        // An embedder started with `--input-type=module -e` would pass that flag on, and the
        // worker would refuse its own file.
        execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")),
        workerData: { fd: this.fd, control: this.#ctl.buffer, ring: this.#data.buffer },
      });
      // Without the thread (READY stays 0) every write goes out at once: unbuffered, nothing lost.
      worker.on("error", () => {});
      worker.unref();
    } catch {
      // As above: unbuffered.
    }
  }

  /** @throws WasiError `PIPE` once the reader has gone away, `IO` after another write error. */
  write(bytes: Uint8Array): void {
    // `#check` only when it throws: one function fewer to compile on the start-up path.
    if (this.#ctl[FAILED] !== 0) this.#check();
    // A large write goes straight out (after what the ring holds): copying it would only cost time.
    // It holds nothing back, so it does not count towards the drain thread either: a guest that
    // writes only large blocks never pays for a thread it would not use.
    const large = bytes.length >= RING / 2;
    if (!this.#started) {
      // No drain thread yet: the ring is empty (every earlier write went out at once) and nothing
      // else writes this descriptor from here, so there is no lock to take and nobody to wake.
      if (large || ++this.#writes < START_AFTER_WRITES) {
        // A failure is recorded as `drain` records it (EPIPE: `PIPE`, any other error: `IO`) and
        // thrown as that. Inline: one function fewer to compile on the start-up path.
        try {
          writeAll(this.fd, bytes);
        } catch (e) {
          // `writeAll` turns EPIPE into a WasiError and rethrows every other error.
          Atomics.store(this.#ctl, FAILED, e instanceof WasiError ? FAILED_PIPE : FAILED_IO);
          this.#check();
        }
        return;
      }
      this.#startThread();
    } else if (large) { this.#direct(bytes); return; }
    this.#ring(bytes);
  }

  /**
   * A small write once the drain thread has started: into the ring. A method of its own, so that
   * the first writes (the only ones of a short guest, all before the thread) compile only the
   * code above: a function first run costs a lazy compile sized by its whole body.
   */
  #ring(bytes: Uint8Array): void {
    const ctl = this.#ctl;
    const len = bytes.length;
    let off = 0;
    while (off < len) {
      const tail = this.#tail;
      let free = RING - ((tail - this.#head) | 0);
      if (free < len - off) {
        this.#head = Atomics.load(ctl, HEAD);
        free = RING - ((tail - this.#head) | 0);
      }
      if (free === 0) { this.#drainAll(); this.#check(); continue; }
      const n = Math.min(free, len - off);
      const start = tail & (RING - 1);
      const first = Math.min(n, RING - start);
      // The whole write in one piece (the usual case) needs no view of it.
      this.#data.set(first === len ? bytes : bytes.subarray(off, off + first), start);
      if (first < n) this.#data.set(bytes.subarray(off + first, off + n), 0);
      this.#tail = (tail + n) | 0;
      Atomics.store(ctl, TAIL, this.#tail);
      off += n;
    }
    // Atomic, as the drain thread's store of IDLE and load of TAIL are: one of the two threads
    // then sees the other's store, so the drain thread never sleeps on data it was not woken for.
    if (Atomics.load(ctl, IDLE) === 1) Atomics.notify(ctl, TAIL);
    // Until the drain thread runs (it can take a while to start on a loaded machine), nothing
    // else would write this out while the guest computes.
    if (!this.#ready) this.#ready = Atomics.load(ctl, READY) === 1;
    const now = !this.#ready || (this.isTTY && bytes.lastIndexOf(10) !== -1);
    if (now) { this.#drainAll(); this.#check(); }
  }

  /** Write out everything the ring holds. A write error is kept for the next `write`, not thrown. */
  flush(): void {
    // Before the drain thread starts the ring is always empty.
    if (this.#started) this.#drainAll();
  }

  #check(): void {
    // A plain read: FAILED is set once and never cleared, and this thread sees its own stores at
    // once; a failure the drain thread just recorded is seen at a later write, as it would be had
    // it come a moment later.
    const failed = this.#ctl[FAILED]!;
    if (failed !== 0) throw new WasiError(failed === FAILED_PIPE ? "PIPE" : "IO", "writing the guest's output failed");
  }

  #drainAll(): void {
    const ctl = this.#ctl;
    // The drain thread may be writing: wait for it, then look again.
    while (!drain(this.fd, ctl, this.#data) || Atomics.load(ctl, TAIL) !== Atomics.load(ctl, HEAD)) {
      if (Atomics.load(ctl, FAILED) !== 0) return;
      Atomics.wait(ctl, LOCK, 1, 10);
    }
  }

  /** A large write once the drain thread has started: after what the ring holds, under its lock. */
  #direct(bytes: Uint8Array): void {
    const ctl = this.#ctl;
    for (;;) {
      this.#drainAll();
      this.#check();
      if (Atomics.compareExchange(ctl, LOCK, 0, 1) === 0) break;
      Atomics.wait(ctl, LOCK, 1, 10);
    }
    try {
      writeAll(this.fd, bytes);
    } catch (e) {
      if (e instanceof WasiError) Atomics.store(ctl, FAILED, FAILED_PIPE);
      throw e;
    } finally {
      Atomics.store(ctl, LOCK, 0);
      Atomics.notify(ctl, LOCK);
    }
  }
}

/** At which write a process's output gets its drain thread (and batching). */
const START_AFTER_WRITES = 256;

const perFd = new Map<number, SharedOutput | null>();

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * The shared, signal-safe output of host descriptor `fd` for this thread (one per descriptor, so
 * that every guest run here writes through the same ring, in order); null where no thread can be
 * started for it.
 */
export const sharedOutput = (function sharedOutput(fd: number, isTTY: boolean): OutputStream | null {
  let out = perFd.get(fd);
  if (out === undefined) {
    try {
      out = new SharedOutput(fd, isTTY);
    } catch {
      out = null;
    }
    perFd.set(fd, out);
  }
  return out;
});
