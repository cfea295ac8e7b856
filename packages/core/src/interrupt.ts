/**
 * `@anywasi/core/interrupt` — time limits where no thread can be killed (a page's main thread,
 * an in-thread gateway runner, workerd): `instrument()` adds a cheap interruption check at every
 * function entry and loop header of a module, and `interruptImports()` gives the function the
 * checks call, so a guest spinning without syscalls still reaches the host every few thousand
 * iterations. A separate entry: the decoder is not part of the core's main bundle.
 * @module
 */
import { INTERRUPT_MODULE, INTERRUPT_NAME, DEFAULT_INTERVAL } from "./interrupt/instrument.js";

export { instrument, INTERRUPT_MODULE, INTERRUPT_NAME, DEFAULT_INTERVAL, type InstrumentOptions } from "./interrupt/instrument.js";

/** True when `module` was instrumented (it imports `anywasi:interrupt`.`check`). */
export function isInstrumented(module: WebAssembly.Module): boolean {
  return WebAssembly.Module.imports(module).some((i) => i.module === INTERRUPT_MODULE && i.name === INTERRUPT_NAME);
}

/**
 * The imports an instrumented module needs, to merge into its import object: `check` is called
 * every `interval` function entries and loop iterations (a few microseconds of a tight loop);
 * throw from it (e.g. a `LimitError` of kind "time") to end the guest as a trap would.
 * @param check reads the clock or a signal; must not return a value.
 * @param interval calls between two checks (default 10 000), 1 to 2^31-1.
 */
export function interruptImports(check: () => void, interval = DEFAULT_INTERVAL): Record<string, Record<string, () => number>> {
  return { [INTERRUPT_MODULE]: { [INTERRUPT_NAME]: () => { check(); return interval; } } };
}
