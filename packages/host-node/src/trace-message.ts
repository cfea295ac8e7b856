// How a guest's trace crosses from its worker thread (guest-worker.ts, http-component-worker.ts)
// to the thread that asked for it: the core's TraceEvent as data postMessage copies. The line is
// made on the guest's thread, where its memory is (path arguments are read from it).
import type { Preview1Name, TraceEvent } from "@anywasi/core";

/** One WASI call of a guest in a worker, posted in the order of its calls and of its output. */
export interface TraceMessage {
  type: "trace";
  name: Preview1Name;
  args: (number | bigint)[];
  errno: number | null;
  /** `event.text()`, made on the guest's thread. */
  line: string;
}

/** `event` as a message (on the guest's thread). */
export function traceMessage(event: TraceEvent): TraceMessage {
  return { type: "trace", name: event.name, args: [...event.args], errno: event.errno, line: event.text() };
}

/** The `TraceEvent` a message stands for (on the receiving thread): the same fields and `text()`. */
export function traceEventOf(m: TraceMessage): TraceEvent {
  const { name, args, errno, line } = m;
  return { name, args, errno, text: () => line };
}
