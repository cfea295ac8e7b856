// Drains a guest's output ring to a host descriptor while the guest thread is busy (see
// shared-output.ts): output written just before a long computation reaches the descriptor within
// GATHER_MS, so a signal that kills the process then does not take it along.
import { workerData } from "node:worker_threads";
import { drain } from "./output-drain.js";
import { GATHER_MS, HEAD, IDLE, READY, TAIL } from "./output-protocol.js";

const { fd, control, ring } = workerData as { fd: number; control: SharedArrayBuffer; ring: SharedArrayBuffer };
const ctl = new Int32Array(control);
const data = new Uint8Array(ring);
const pause = new Int32Array(new SharedArrayBuffer(4));
Atomics.store(ctl, READY, 1);

for (;;) {
  const tail = Atomics.load(ctl, TAIL);
  if (tail === Atomics.load(ctl, HEAD)) {
    Atomics.store(ctl, IDLE, 1);
    // Checked again after announcing idleness: a write in between has either seen IDLE or is seen here.
    if (Atomics.load(ctl, TAIL) === tail) Atomics.wait(ctl, TAIL, tail);
    Atomics.store(ctl, IDLE, 0);
    continue;
  }
  Atomics.wait(pause, 0, 0, GATHER_MS);
  // The guest thread may hold the lock (it writes out a full ring itself): then it is draining anyway.
  if (!drain(fd, ctl, data)) Atomics.wait(pause, 0, 0, GATHER_MS);
}
