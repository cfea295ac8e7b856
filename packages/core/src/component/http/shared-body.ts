import type { ReadinessSource } from "../io/poll.js";
import type { BodySource } from "./body.js";
import { KIND, SLOT, SLOT_HEADER } from "./shared-memory-client.js";

/**
 * A request body crossing threads while it arrives: the thread that receives it from the network
 * (`pipeBody`, async, never blocks) hands it in chunks to the thread running the guest
 * (`sharedBodySource`, which may block in `Atomics.wait`), through a one-slot mailbox in a
 * SharedArrayBuffer with the layout of `shared-memory-client.ts`'s slots (`SLOT` fields, then the
 * payload). The writer fills the slot only when it is empty, so the guest reading slowly holds
 * the network back (backpressure); the guest waiting for bytes not yet sent sleeps until they are.
 */

/** Payload bytes of a body slot: chunks of the body cross in pieces of at most this. */
export const BODY_SLOT_DATA = 256 * 1024;

/** A SharedArrayBuffer for one body (give it to both `pipeBody` and `sharedBodySource`). */
export function bodySlot(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOT_HEADER + BODY_SLOT_DATA);
}

/** The part of a `ReadableStreamDefaultReader` used here (the core needs no DOM types). */
export interface ChunkReader {
  read(): Promise<{ done: true; value?: Uint8Array | undefined } | { done: false; value: Uint8Array }>;
}

type WaitAsync = (a: Int32Array, i: number, v: number) => { async: boolean; value: Promise<string> | string };

/**
 * Copy `reader`'s chunks into `slot` as the other side empties it, then mark the end. Resolves
 * when the whole body is in; rejects with the reader's error (the caller stops the guest then:
 * the other side is never told). `cancelled()` true stops it between chunks.
 */
export async function pipeBody(reader: ChunkReader, slot: SharedArrayBuffer, cancelled: () => boolean = () => false): Promise<void> {
  const i32 = new Int32Array(slot, 0, SLOT_HEADER / 4);
  const u8 = new Uint8Array(slot, SLOT_HEADER);
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  const put = async (kind: number, data: Uint8Array): Promise<void> => {
    for (;;) {
      if (cancelled()) return;
      if (Atomics.load(i32, SLOT.FULL) === 0) break;
      const w = waitAsync(i32, SLOT.FULL, 1);
      if (w.async) await w.value;
    }
    u8.set(data);
    i32[SLOT.KIND] = kind;
    i32[SLOT.LENGTH] = data.length;
    Atomics.store(i32, SLOT.FULL, 1);
    Atomics.notify(i32, SLOT.FULL);
  };
  for (;;) {
    const r = await reader.read();
    if (cancelled()) return;
    if (r.done) break;
    for (let at = 0; at < r.value.length; at += BODY_SLOT_DATA) {
      await put(KIND.DATA, r.value.subarray(at, at + BODY_SLOT_DATA));
    }
  }
  await put(KIND.END, new Uint8Array(0));
}

/**
 * The guest thread's side of `pipeBody`: a `BodySource` whose `read` returns what has arrived
 * (maybe nothing yet: an empty array) and whose `readiness` lets the guest's pollables block until
 * more is there. `onWait` runs before every blocking wait (the host learns that the guest paused).
 */
export function sharedBodySource(slot: SharedArrayBuffer, onWait: () => void = () => {}): BodySource {
  const i32 = new Int32Array(slot, 0, SLOT_HEADER / 4);
  const u8 = new Uint8Array(slot, SLOT_HEADER);
  let chunk: Uint8Array | null = null;
  let ended = false;
  const pump = (): void => {
    if (chunk !== null || ended || Atomics.load(i32, SLOT.FULL) !== 1) return;
    const kind = i32[SLOT.KIND];
    // A copy: the slot is refilled as soon as it is marked empty.
    if (kind === KIND.DATA) chunk = u8.slice(0, i32[SLOT.LENGTH]);
    else ended = true;
    Atomics.store(i32, SLOT.FULL, 0);
    Atomics.notify(i32, SLOT.FULL);
  };
  const readiness: ReadinessSource = {
    // FULL goes from 0 to 1 when a chunk (or the end) arrives: the only change a reader waits for.
    epoch: () => Atomics.load(i32, SLOT.FULL),
    ready: () => { pump(); return chunk !== null || ended; },
    wait(seen, timeoutNs) {
      if (seen !== 0) return;
      onWait();
      Atomics.wait(i32, SLOT.FULL, 0, timeoutNs === null ? Infinity : Number(timeoutNs) / 1e6);
    },
  };
  return {
    readiness,
    read(max: number): Uint8Array | null {
      pump();
      const c = chunk;
      if (c === null) return ended ? null : new Uint8Array(0);
      chunk = c.length <= max ? null : c.subarray(max);
      return c.length <= max ? c : c.subarray(0, max);
    },
  };
}
