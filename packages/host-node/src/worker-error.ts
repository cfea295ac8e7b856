import { LimitError, ModuleError, type LimitKind } from "@anywasi/core";

/**
 * A guest worker's error (guest-worker.ts, http-component-worker.ts post it by name) as the class
 * it had there, where that matters to callers (`instanceof`): a trap, a `ModuleError`, a
 * `LimitError` with its kind; any other keeps its name and message.
 */
export function rebuildError(m: { name: string; message: string; kind?: LimitKind }): Error {
  if (m.name === "RuntimeError") return new WebAssembly.RuntimeError(m.message);
  if (m.name === "ModuleError") return new ModuleError(m.message);
  if (m.name === "LimitError" && m.kind !== undefined) return new LimitError(m.kind, m.message);
  const e = new Error(m.message);
  e.name = m.name;
  return e;
}
