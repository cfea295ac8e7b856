import type { Bridge } from "../bridge.js";

const decoder = new TextDecoder();

/** `NAME=VALUE\0` (as the context keeps the environment) → `[NAME, VALUE]`. */
function pair(entry: Uint8Array): [string, string] {
  const s = decoder.decode(entry.subarray(0, entry.length - 1));
  const eq = s.indexOf("=");
  return eq === -1 ? [s, ""] : [s.slice(0, eq), s.slice(eq + 1)];
}

/**
 * `wasi:cli/environment`: the same arguments and environment a preview1 guest gets from
 * `args_get`/`environ_get`. There is no current directory: `initial-cwd` is none, as in wasmtime.
 */
export function cliEnvironment(b: Bridge): {
  getEnvironment(): [string, string][];
  getArguments(): string[];
  initialCwd(): string | undefined;
} {
  const { args, env } = b.ctx;
  return {
    getEnvironment: () => env.map(pair),
    getArguments: () => args.map((a) => decoder.decode(a.subarray(0, a.length - 1))),
    initialCwd: () => undefined,
  };
}
