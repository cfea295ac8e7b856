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
 * Once `ended` has settled (the guest is over), writes and close are no-ops and a pending write
 * resolves.
 */
export function stdinStream(target: StdinTarget, ended: Promise<unknown>): WritableStream<Uint8Array> {
  let over = false;
  const done = ended.then(() => { over = true; }, () => { over = true; });
  const end = async (): Promise<void> => {
    if (over) return;
    if (target.kind === "queue") await Promise.race([target.control.closeStdin(), done]);
    else if (target.kind === "ring") target.ring.close();
  };
  return new WritableStream<Uint8Array>({
    async write(chunk) {
      if (!(chunk instanceof Uint8Array)) throw new TypeError("stdin takes Uint8Array chunks (encode strings with TextEncoder)");
      if (target.kind === "none") throw new TypeError('stdin is not interactive: spawn with stdin: "interactive"');
      if (over || chunk.length === 0) return;
      if (target.kind === "ring") return target.ring.write(chunk);
      const copy = chunk.slice();
      await Promise.race([target.control.stdin(Comlink.transfer(copy, [copy.buffer])), done]);
    },
    close: end,
    abort: end,
  });
}
