import { ClockId } from "../../abi/constants.js";
import type { Bridge } from "../bridge.js";

/** A `wasi:clocks/wall-clock` `datetime`. */
export interface Datetime {
  seconds: bigint;
  nanoseconds: number;
}

/** ns since the epoch → `datetime`, keeping every nanosecond. */
export function datetime(ns: bigint): Datetime {
  return { seconds: ns / 1_000_000_000n, nanoseconds: Number(ns % 1_000_000_000n) };
}

/** `datetime` → ns since the epoch. */
export function nanoseconds(t: Datetime): bigint {
  return t.seconds * 1_000_000_000n + BigInt(t.nanoseconds);
}

/** `wasi:clocks/wall-clock`: the context's realtime `Clock`. */
export function wallClock(b: Bridge): { now(): Datetime; resolution(): Datetime } {
  const { clock } = b.ctx;
  return {
    now: () => datetime(clock.now(ClockId.REALTIME)),
    resolution: () => datetime(clock.resolution(ClockId.REALTIME)),
  };
}
