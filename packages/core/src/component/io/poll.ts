import { ClockId, EventType, SubClockFlags } from "../../abi/constants.js";
import { EVENT, SUBSCRIPTION } from "../../abi/layout.js";
import { pollWait, whenReady } from "../../wait.js";
import type { Bridge } from "../bridge.js";

/**
 * Readiness that preview1 cannot see (a response arriving on another thread): checked with
 * `ready()`, waited for with `wait()`. `epoch()` is read before the check and passed to `wait`, so
 * an event between the check and the wait is never missed.
 */
export interface ReadinessSource {
  /** A counter that changes whenever readiness may have changed. */
  epoch(): number;
  /** True when the pollable is ready now. */
  ready(): boolean;
  /** Block until `epoch()` differs from `seen` or `timeoutNs` passed (null: no limit). */
  wait(seen: number, timeoutNs: bigint | null): void;
  /**
   * Under JSPI: a promise that settles once `epoch()` differs from `seen` (it may reject with
   * the source's error, which the guest's call then throws). A source with it is awaited, the
   * guest suspended, instead of blocking in `wait` (a body arriving on the same thread, which
   * cannot block).
   */
  waitAsync?(seen: number): Promise<void>;
}

/**
 * What a pollable waits for: a monotonic deadline (ns), a readable stream descriptor, a
 * `ReadinessSource`, or nothing.
 */
type Waits = { deadline: bigint } | { fd: number } | { source: ReadinessSource } | null;

/**
 * Longest single wait on a `ReadinessSource` mixed with other pollables, in ns: in between, the
 * others are checked again (and the preview1 trace hook, where embedders check time limits, runs).
 */
const SOURCE_SLICE_NS = 50_000_000n;

/**
 * `wasi:io/poll` `pollable`. Readiness is preview1's `poll_oneoff` itself: a deadline is an absolute
 * monotonic clock subscription, stream readiness an `fd_read` subscription (the host's
 * `InputStream.poll`), so both ABIs block the same way and never busy-wait.
 */
export class Pollable {
  readonly #b: Bridge;
  readonly #waits: Waits;
  constructor(b: Bridge, waits: Waits) {
    this.#b = b;
    this.#waits = waits;
  }

  /** True when `block()` would return at once. */
  ready(): boolean {
    return waitFor(this.#b, [this], false)[0] === 0;
  }

  /** Block until ready (under JSPI, a promise when it has to wait). */
  block(): void | Promise<void> {
    const list = [this];
    return whenAwaited(this.#b, list, () => { waitFor(this.#b, list, true); });
  }

  /** @internal What this pollable waits for. */
  static waits(p: Pollable): Waits {
    return p.#waits;
  }

  /** @internal The bridge this pollable belongs to. */
  static bridge(p: Pollable): Bridge {
    return p.#b;
  }
}

/**
 * Wait (when `block`, else just check) until at least one of `list` is ready; returns the indices
 * of those ready, in order. One `poll_oneoff` call with one subscription per pollable.
 */
function waitFor(b: Bridge, list: readonly Pollable[], block: boolean): Uint32Array {
  if (list.some(isSource)) return waitWithSources(b, list, block);
  const [subs, n] = layout(b, list, block);
  const events = b.alloc(n * EVENT.size);
  const count = b.alloc(4);
  b.check(b.p1.poll_oneoff(subs, events, n, count));
  const got = b.u32(count);
  const ready: number[] = [];
  for (let i = 0; i < got; i++) {
    const index = Number(b.u64(events + i * EVENT.size + EVENT.userdata));
    if (index < list.length && !ready.includes(index)) ready.push(index);
  }
  return Uint32Array.from(ready.sort((x, y) => x - y));
}

/**
 * Under JSPI (`Bridge.suspends`): `then()` once the pollables of `list` need no more waiting,
 * after a promise while they do (preview1's JSPI wait over the same subscriptions, raced with
 * the `waitAsync` of readiness sources), through `Bridge.suspend`. Without JSPI, or with a
 * `ReadinessSource` that can only block (its own wait blocks), `then()` at once.
 */
function whenAwaited<T>(b: Bridge, list: readonly Pollable[], then: () => T): T | Promise<T> {
  if (!b.suspends) return then();
  const sources = list.filter(isSource).map(sourceOf);
  // A source without `waitAsync` (a body on another thread) blocks in its own `wait`.
  if (sources.some((s) => s.waitAsync === undefined)) return then();
  const others = sources.length === 0 ? list : list.filter((p) => !isSource(p));
  const waited = whenReady(() => {
    b.checkStopped();
    const seen = sources.map((s) => s.epoch());
    if (sources.some((s) => s.ready())) return null;
    let other: Promise<void> | null = null;
    if (others.length > 0) {
      const [subs, n] = layout(b, others, true);
      other = pollWait(b.ctx, subs, n, b.ctx.clock.now(ClockId.MONOTONIC), b.signal);
      if (other === null) return null;
    }
    const waits = sources.map((s, i) => s.waitAsync!(seen[i]!));
    if (other !== null) waits.push(other);
    return waits.length === 1 ? waits[0]! : Promise.race(waits);
  }, then);
  return waited instanceof Promise ? b.suspend(waited) : waited;
}

/**
 * Lay out one subscription per pollable of `list` (and, unless `block`, a last one that times
 * out at once) in a new call's scratch memory; returns `[address, count]`.
 */
function layout(b: Bridge, list: readonly Pollable[], block: boolean): [number, number] {
  const n = list.length + (block ? 0 : 1);
  b.begin();
  const subs = b.alloc(n * SUBSCRIPTION.size);
  const dv = b.ctx.mem.dv;
  b.ctx.mem.u8.fill(0, subs, subs + n * SUBSCRIPTION.size);
  for (let i = 0; i < n; i++) {
    const s = subs + i * SUBSCRIPTION.size;
    // The extra last subscription of a check is a relative timeout of 0: "do not wait".
    const w = i < list.length ? Pollable.waits(list[i]!) : null;
    dv.setBigUint64(s + SUBSCRIPTION.userdata, BigInt(i), true);
    if (w !== null && "fd" in w) {
      dv.setUint8(s + SUBSCRIPTION.tag, EventType.FD_READ);
      dv.setUint32(s + SUBSCRIPTION.fd, w.fd, true);
    } else {
      dv.setUint8(s + SUBSCRIPTION.tag, EventType.CLOCK);
      dv.setUint32(s + SUBSCRIPTION.clockId, ClockId.MONOTONIC, true);
      if (w !== null && "deadline" in w) {
        dv.setBigUint64(s + SUBSCRIPTION.clockTimeout, w.deadline, true);
        dv.setUint16(s + SUBSCRIPTION.clockFlags, SubClockFlags.ABSTIME, true);
      }
    }
  }
  return [subs, n];
}

/**
 * `waitFor` when some pollables have a `ReadinessSource`: the others are checked with one
 * non-blocking `poll_oneoff` (which also flushes output and runs the trace hook), then the first
 * source is waited on until an event, the earliest deadline of the others, or a slice.
 */
function waitWithSources(b: Bridge, list: readonly Pollable[], block: boolean): Uint32Array {
  const sourceAt: number[] = [];
  const others: number[] = [];
  list.forEach((p, i) => (isSource(p) ? sourceAt : others).push(i));
  for (;;) {
    const first = sourceOf(list[sourceAt[0]!]!);
    const seen = first.epoch();
    const ready = new Set<number>();
    for (const i of sourceAt) if (sourceOf(list[i]!).ready()) ready.add(i);
    const checked = waitFor(b, others.map((i) => list[i]!), false);
    for (const k of checked) ready.add(others[k]!);
    if (ready.size > 0 || !block) return Uint32Array.from([...ready].sort((x, y) => x - y));
    let timeout = SOURCE_SLICE_NS;
    const now = b.ctx.clock.now(ClockId.MONOTONIC);
    for (const i of others) {
      const w = Pollable.waits(list[i]!);
      if (w !== null && "deadline" in w) timeout = w.deadline - now < timeout ? w.deadline - now : timeout;
    }
    if (timeout > 0n) first.wait(seen, timeout);
  }
}

function isSource(p: Pollable): boolean {
  const w = Pollable.waits(p);
  return w !== null && "source" in w;
}

function sourceOf(p: Pollable): ReadinessSource {
  return (Pollable.waits(p) as { source: ReadinessSource }).source;
}

/**
 * The `wasi:io/poll` interface. `poll` over an empty list traps, as the WIT says.
 */
export function ioPoll(): { Pollable: typeof Pollable; poll(list: Pollable[]): Uint32Array | Promise<Uint32Array> } {
  return {
    Pollable,
    poll(list: Pollable[]): Uint32Array | Promise<Uint32Array> {
      const first = list[0];
      if (first === undefined) throw new WebAssembly.RuntimeError("wasi:io/poll poll: the list of pollables is empty");
      const b = Pollable.bridge(first);
      return whenAwaited(b, list, () => waitFor(b, list, true));
    },
  };
}
