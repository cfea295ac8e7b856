import type { WASIOptions } from "./wasi.js";

/*
 * `new WASI()` checks its options at once, so that a wrong one (a path string as `stdout`, say)
 * is a TypeError naming it, not a host exception inside the guest's first write.
 */

/** Whether `x` is an object with a method `method`. */
export const has = (x: unknown, method: string): boolean =>
  typeof x === "object" && x !== null && typeof (x as Record<string, unknown>)[method] === "function";

function fail(name: string, want: string, got: unknown): never {
  const shown = typeof got === "string" ? JSON.stringify(got) : got === null ? "null" : typeof got;
  throw new TypeError(`option ${name} must be ${want}, not ${shown}`);
}

const SINK = "a function or an OutputStream (an object with write())";
const isSink = (v: unknown): boolean => typeof v === "function" || has(v, "write");

/** @throws TypeError naming the option when an output sink is neither a function nor an `OutputStream`. */
export function checkOutputSink(name: string, value: unknown): void {
  if (value !== undefined && !isSink(value)) fail(name, SINK, value);
}

const isInputSource = (v: unknown): boolean =>
  typeof v === "string" || v instanceof Uint8Array || typeof v === "function" || has(v, "read") ||
  (typeof v === "object" && v !== null && Symbol.iterator in v);
const isCount = (v: unknown): boolean => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const COUNT = "a non-negative integer";
const STRING = "a string";

// The options checked alike: when present, each must pass its test, or the TypeError says what
// it must be.
const CHECKS: [keyof WASIOptions, (v: unknown) => boolean, string][] = [
  ["version", (v) => v === "preview1", `"preview1"`],
  ["stdin", isInputSource, "an InputStream, bytes, a string, an iterable of chunks or a function"],
  ["stdout", isSink, SINK],
  ["stderr", isSink, SINK],
  ["clock", (v) => has(v, "now"), "a Clock (an object with now())"],
  ["random", (v) => has(v, "fill"), "a Random (an object with fill())"],
  ["trace", (v) => typeof v === "function", "a function"],
  ["preopens", (v) => typeof v === "object" && v !== null, "an object"],
  ["maxOpenFiles", isCount, COUNT],
  ["maxOutputBytes", isCount, COUNT],
];

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** Check every option of `new WASI()` that the core uses. @throws TypeError naming the option. */
export const checkOptions = (function checkOptions(o: WASIOptions): void {
  if (typeof o !== "object" || o === null) fail("options", "an object", o);
  if (o.args !== undefined) {
    if (!Array.isArray(o.args)) fail("args", "an array of strings", o.args);
    o.args.forEach((a, i) => { if (typeof a !== "string") fail(`args[${i}]`, STRING, a); });
  }
  const env: unknown = o.env;
  if (Array.isArray(env)) env.forEach((e, i) => { if (typeof e !== "string") fail(`env[${i}]`, STRING, e); });
  else if (typeof env === "object" && env !== null) {
    for (const [k, v] of Object.entries(env)) if (typeof v !== "string") fail(`env.${k}`, STRING, v);
  } else if (env !== undefined) fail("env", "an object or an array of KEY=VALUE strings", env);
  for (const [name, ok, want] of CHECKS) {
    const v = o[name];
    if (v !== undefined && !ok(v)) fail(name, want, v);
  }
  // node:wasi takes host paths here; say so at once rather than fail inside the guest's first open.
  for (const [k, v] of Object.entries(o.preopens ?? {})) {
    if (!has(v, "openFile")) {
      fail(`preopens[${JSON.stringify(k)}]`, "a DirectoryHandle (MemFS's root; for a host path use @anywasi/node)", v);
    }
  }
});
