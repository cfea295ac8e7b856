import type { Bridge } from "../bridge.js";

/**
 * `wasi:random/random`, `insecure` and `insecure-seed`, all from the context's `Random` (secure
 * for every use, as preview1's `random_get`). The insecure seed is drawn once per instance.
 */
export function randomInterfaces(b: Bridge): Record<string, Record<string, unknown>> {
  const { random } = b.ctx;
  const bytes = (len: bigint): Uint8Array => {
    const out = new Uint8Array(Number(len));
    // getRandomValues fills at most 64 KiB at a time.
    for (let i = 0; i < out.length; i += 65536) random.fill(out.subarray(i, Math.min(out.length, i + 65536)));
    return out;
  };
  const u64 = (): bigint => new DataView(bytes(8n).buffer).getBigUint64(0, true);
  let seed: [bigint, bigint] | null = null;
  return {
    "wasi:random/random": { getRandomBytes: bytes, getRandomU64: u64 },
    "wasi:random/insecure": { getInsecureRandomBytes: bytes, getInsecureRandomU64: u64 },
    "wasi:random/insecure-seed": { insecureSeed: () => (seed ??= [u64(), u64()]) },
  };
}
