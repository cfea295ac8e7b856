import { ClockId } from "../../abi/constants.js";
import type { Bridge } from "../bridge.js";
import { Pollable } from "../io/poll.js";

/**
 * `wasi:clocks/monotonic-clock`: the context's `Clock` (ns). Its pollables are absolute monotonic
 * deadlines that preview1's `poll_oneoff` waits for, so sleeping never busy-waits.
 */
export function monotonicClock(b: Bridge): {
  now(): bigint;
  resolution(): bigint;
  subscribeInstant(when: bigint): Pollable;
  subscribeDuration(ns: bigint): Pollable;
} {
  const { clock } = b.ctx;
  return {
    now: () => clock.now(ClockId.MONOTONIC),
    resolution: () => clock.resolution(ClockId.MONOTONIC),
    subscribeInstant: (when) => new Pollable(b, { deadline: when }),
    subscribeDuration: (ns) => new Pollable(b, { deadline: clock.now(ClockId.MONOTONIC) + ns }),
  };
}
