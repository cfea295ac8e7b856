import type { WASIOptions } from "./wasi.js";

/*
 * `new WASI()` checks its options at once, so that a wrong one (a path string as `stdout`, say)
 * is a TypeError naming it, not a host exception inside the guest's first write.
 */

const has = (x: unknown, method: string): boolean =>
  typeof x === "object" && x !== null && typeof (x as Record<string, unknown>)[method] === "function";

function fail(name: string, want: string, got: unknown): never {
  const shown = typeof got === "string" ? JSON.stringify(got) : got === null ? "null" : typeof got;
  throw new TypeError(`option ${name} must be ${want}, not ${shown}`);
}

/** @throws TypeError naming the option when an output sink is neither a function nor an `OutputStream`. */
export function checkOutputSink(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== "function" && !has(value, "write")) {
    fail(name, "a function or an OutputStream (an object with write())", value);
  }
}

/** @throws TypeError when `value` is not an `InputSource`. */
export function checkInputSource(name: string, value: unknown): void {
  if (value === undefined || typeof value === "string" || value instanceof Uint8Array || typeof value === "function") return;
  if (has(value, "read") || (typeof value === "object" && value !== null && Symbol.iterator in value)) return;
  fail(name, "an InputStream, bytes, a string, an iterable of chunks or a function", value);
}

function checkCount(name: string, value: unknown): void {
  if (value !== undefined && !(typeof value === "number" && Number.isSafeInteger(value) && value >= 0)) {
    fail(name, "a non-negative integer", value);
  }
}

/** Check every option of `new WASI()` that the core uses. @throws TypeError naming the option. */
export function checkOptions(o: WASIOptions): void {
  if (typeof o !== "object" || o === null) fail("options", "an object", o);
  if (o.args !== undefined) {
    if (!Array.isArray(o.args)) fail("args", "an array of strings", o.args);
    o.args.forEach((a, i) => { if (typeof a !== "string") fail(`args[${i}]`, "a string", a); });
  }
  const env: unknown = o.env;
  if (Array.isArray(env)) env.forEach((e, i) => { if (typeof e !== "string") fail(`env[${i}]`, "a string", e); });
  else if (typeof env === "object" && env !== null) {
    for (const [k, v] of Object.entries(env)) if (typeof v !== "string") fail(`env.${k}`, "a string", v);
  } else if (env !== undefined) fail("env", "an object or an array of KEY=VALUE strings", env);
  checkInputSource("stdin", o.stdin);
  checkOutputSink("stdout", o.stdout);
  checkOutputSink("stderr", o.stderr);
  if (o.clock !== undefined && !has(o.clock, "now")) fail("clock", "a Clock (an object with now())", o.clock);
  if (o.random !== undefined && !has(o.random, "fill")) fail("random", "a Random (an object with fill())", o.random);
  if (o.trace !== undefined && typeof o.trace !== "function") fail("trace", "a function", o.trace);
  if (o.preopens !== undefined && (typeof o.preopens !== "object" || o.preopens === null)) fail("preopens", "an object", o.preopens);
  checkCount("maxOpenFiles", o.maxOpenFiles);
  checkCount("maxOutputBytes", o.maxOutputBytes);
}
