import type { Remote } from "comlink";
import * as Comlink from "comlink";
import type { GuestControl } from "./protocol.js";
import type { RingWriter } from "./ring-writer.js";

/** Where `Process.stdin` writes go. */
export type StdinTarget =
  | { kind: "none" }
  | { kind: "queue"; control: Remote<GuestControl> }
  | { kind: "ring"; ring: RingWriter };

/**
 * `Process.stdin`: each write resolves when the guest's side accepted the bytes (in SAB mode,
 * when they are in the ring; in JSPI mode, when fewer than 64 KiB are queued in the worker).
 * `isOver()` turns writes into no-ops once the guest has ended.
 */
export function stdinStream(target: StdinTarget, isOver: () => boolean): WritableStream<Uint8Array> {
  const end = async (): Promise<void> => {
    if (isOver()) return;
    if (target.kind === "queue") await target.control.closeStdin();
    else if (target.kind === "ring") target.ring.close();
  };
  return new WritableStream<Uint8Array>({
    async write(chunk) {
      if (!(chunk instanceof Uint8Array)) throw new TypeError("stdin takes Uint8Array chunks (encode strings with TextEncoder)");
      if (target.kind === "none") throw new TypeError('stdin is not interactive: spawn with stdin: "interactive"');
      if (isOver() || chunk.length === 0) return;
      if (target.kind === "ring") return target.ring.write(chunk);
      const copy = chunk.slice();
      await target.control.stdin(Comlink.transfer(copy, [copy.buffer]));
    },
    close: end,
    abort: end,
  });
}
