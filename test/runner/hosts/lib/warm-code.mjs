// Keeps jco-transpile's own core modules compiled in the runner's process while a column runs.
//
// Every component test transpiles its component in a fresh Worker, which loads jco-transpile
// and compiles its 3.5 MB generator module (js-component-bindgen-component.core.wasm): ~2 s of
// CPU per test, most of a component test's time. V8 shares compiled wasm code between the
// isolates of one process (its native module cache, keyed by the module's bytes) for as long as
// one of them holds the module. Holding it here lets each test's Worker find the generator's
// machine code already made (by the tests before it: compilation is lazy, per function) instead
// of compiling it again. Nothing else is shared: each Worker still imports jco-transpile, reads
// and compiles the bytes (a cache hit), instantiates its own copy and transpiles the component.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The core modules jco-transpile's generator compiles when it is imported. */
export function generatorModulePaths() {
  const entry = fileURLToPath(import.meta.resolve("@bytecodealliance/jco-transpile/component"));
  return ["js-component-bindgen-component.core.wasm", "js-component-bindgen-component.core2.wasm"].map((f) => join(dirname(entry), f));
}

let held = null;

/**
 * Compiles the generator's core modules in this thread and keeps them until `release()`.
 * Best effort: resolves even when jco-transpile cannot be found (the tests then load it as usual).
 */
export async function holdGeneratorCode() {
  if (held !== null) return;
  try {
    held = await Promise.all(generatorModulePaths().map((p) => WebAssembly.compile(readFileSync(p))));
  } catch {
    held = [];
  }
}

/** Lets the modules held by `holdGeneratorCode()` go. */
export function releaseGeneratorCode() {
  held = null;
}
