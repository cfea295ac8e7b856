// The worker pool of workerRunner().http (packages/host-node/src/http-worker-pool.ts): at most
// `max` workers at once, a request beyond them waits (first come, first served) and leaves the
// queue when its signal aborts, a worker given back is reused, a dropped one is terminated and its
// place freed. Checked by the order of events (a pending promise stays pending across event-loop
// turns), never by durations. Uses the built package (`npm run build`): the pool starts
// dist/http-component-worker.js. The component given is not a real one: these workers are never
// sent a request, and a worker whose component fails to load waits quietly.
import type { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { HttpWorkerPool, defaultHttpWorkers } from "../../packages/host-node/dist/http-worker-pool.js";

const fake = { imports: [], modules: new Map<string, WebAssembly.Module>(), glue: new Uint8Array(0) };
const live: Worker[] = [];
afterEach(async () => {
  await Promise.all(live.splice(0).map((w) => w.terminate()));
});

/** Whether `p` settled within a few turns of the event loop. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(() => { done = true; }, () => { done = true; });
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

function track(w: Worker): Worker {
  live.push(w);
  return w;
}

describe("HttpWorkerPool", () => {
  it("defaults to twice the parallelism, at least 4", () => {
    expect(defaultHttpWorkers()).toBeGreaterThanOrEqual(4);
  });

  it("gives out at most `max` workers; the next request waits and gets the first one given back", async () => {
    const pool = new HttpWorkerPool(fake, 2);
    const signal = new AbortController().signal;
    const a = track(await pool.take(signal));
    const b = track(await pool.take(signal));
    expect(a).not.toBe(b);
    const third = pool.take(signal);
    expect(await settled(third)).toBe(false);
    pool.give(b);
    expect(await third).toBe(b);
    pool.give(a);
    // A worker given back with nobody waiting is kept and handed out again.
    expect(await pool.take(signal)).toBe(a);
  });

  it("a waiting request whose signal aborts leaves the queue with the signal's reason", async () => {
    const pool = new HttpWorkerPool(fake, 1);
    const a = track(await pool.take(new AbortController().signal));
    const ac = new AbortController();
    const waiting = pool.take(ac.signal);
    const later = pool.take(new AbortController().signal);
    ac.abort(new Error("client gone"));
    await expect(waiting).rejects.toThrow("client gone");
    // The worker given back goes to the next waiter, not to the one that left.
    pool.give(a);
    expect(await later).toBe(a);
    await expect(pool.take(AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });

  it("a dropped worker is terminated and its place goes to a waiting request as a new worker", async () => {
    const pool = new HttpWorkerPool(fake, 1);
    const a = await pool.take(new AbortController().signal);
    const exited = new Promise((r) => a.once("exit", r));
    const waiting = pool.take(new AbortController().signal);
    expect(await settled(waiting)).toBe(false);
    pool.drop(a);
    await exited;
    const b = track(await waiting);
    expect(b).not.toBe(a);
  });
});
