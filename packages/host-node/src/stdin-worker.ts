// Reads the process's stdin on behalf of a guest that blocks on it. The guest thread cannot
// select() on fd 0 in Node, so this thread does the blocking reads, one chunk per request, and
// hands each over through shared memory. See stdin.ts for the protocol.
import * as fs from "node:fs";
import { workerData } from "node:worker_threads";
import { CHUNK, EOF, ERROR, FULL, LEN, REQUEST, STATUS } from "./stdin-protocol.js";

const { state, data, fd } = workerData as { state: SharedArrayBuffer; data: SharedArrayBuffer; fd: number };
const ctl = new Int32Array(state);
const shared = new Uint8Array(data);
const local = new Uint8Array(CHUNK);

for (;;) {
  while (Atomics.load(ctl, REQUEST) === 0) Atomics.wait(ctl, REQUEST, 0);
  Atomics.store(ctl, REQUEST, 0);
  let n = -1;
  let status = FULL;
  while (n < 0) {
    try {
      n = fs.readSync(fd, local, 0, CHUNK, null);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "EAGAIN") { Atomics.wait(ctl, REQUEST, 0, 5); continue; }
      if (code === "EOF") { n = 0; break; }
      status = ERROR;
      n = 0;
    }
  }
  if (status !== ERROR) status = n === 0 ? EOF : FULL;
  shared.set(local.subarray(0, n), 0);
  Atomics.store(ctl, LEN, n);
  Atomics.store(ctl, STATUS, status);
  Atomics.notify(ctl, STATUS);
  if (status !== FULL) break;
}
