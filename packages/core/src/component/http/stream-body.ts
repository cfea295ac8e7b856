import type { ReadinessSource } from "../io/poll.js";
import type { BodySource } from "./body.js";
import type { ChunkReader } from "./shared-body.js";

const EMPTY = new Uint8Array(0);

/**
 * A request body arriving on the thread that runs the guest, for a handler run through JSPI glue
 * (`loadHttpComponent(bytes, { jspi: true })`): `read` returns what has arrived (maybe nothing
 * yet), and a guest waiting for more is suspended until `reader` gives the next chunk (its
 * readiness has `waitAsync`; it cannot block). Chunks are pulled only when the guest asks, so a
 * guest reading slowly holds the client back. A reader error (the body limit, a client gone) is
 * thrown by the guest's next read or wait: the run fails with it.
 */
export function streamBodySource(reader: ChunkReader): BodySource {
  let chunk: Uint8Array | null = null;
  let ended = false;
  let failed = false;
  let error: unknown;
  // Changes whenever a pull settles: what a suspended reader waits for.
  let epoch = 0;
  let pending: Promise<void> | null = null;
  const pull = (): Promise<void> => (pending ??= reader.read().then((r) => {
    if (r.done) ended = true;
    else if (r.value.length > 0) chunk = r.value;
  }, (e: unknown) => {
    failed = true;
    error = e;
  }).finally(() => {
    epoch++;
    pending = null;
  }));
  const readiness: ReadinessSource = {
    epoch: () => epoch,
    ready: () => chunk !== null || ended || failed,
    wait() {
      throw new Error("a request body arriving on this thread can only be awaited (JSPI glue)");
    },
    async waitAsync(seen) {
      while (epoch === seen) await pull();
      if (failed) throw error;
    },
  };
  return {
    readiness,
    read(max: number): Uint8Array | null {
      if (failed) throw error;
      const c = chunk;
      if (c === null) {
        if (ended) return null;
        void pull();
        return EMPTY;
      }
      chunk = c.length <= max ? null : c.subarray(max);
      return c.length <= max ? c : c.subarray(0, max);
    },
  };
}
