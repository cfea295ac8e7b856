import { loadModule, type LoadOptions } from "@anywasi/core";
import type { WireSource } from "./protocol.js";
import { loadSource, toWireSource } from "./source.js";
import type { GuestSource } from "./types.js";

/** A guest as loaded: a compiled preview1 module, or a WASI 0.2 component's bytes (transpiled later, lazily). */
export type LoadedGuest = { kind: "module"; module: WebAssembly.Module } | { kind: "component"; bytes: Uint8Array };

/** True for the header of a component (`\0asm` then version `0d 00 01 00`), not a core module. */
export function isComponentHeader(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d && b[4] === 0x0d && b[5] === 0 && b[6] === 1 && b[7] === 0;
}

/**
 * Fetch (for a URL) and load `source`: a component is recognised by its header and returned as
 * bytes; anything else is compiled and checked as `loadSource()` does.
 * @throws ModuleError (see `loadModule`); Error when the fetch fails or answers an HTTP error.
 */
export async function loadGuest(source: WireSource | GuestSource, options: LoadOptions = {}): Promise<LoadedGuest> {
  const wire = typeof source === "string" || source instanceof URL || source instanceof ArrayBuffer || source instanceof Uint8Array
    ? toWireSource(source)
    : source instanceof WebAssembly.Module ? { kind: "module" as const, module: source } : source;
  let bytes: Uint8Array;
  if (wire.kind === "module") return { kind: "module", module: await loadSource(wire, options) };
  if (wire.kind === "bytes") bytes = wire.bytes;
  else {
    const response = await fetch(wire.url);
    if (!response.ok) throw new Error(`fetching ${wire.url} failed: HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  }
  if (isComponentHeader(bytes)) return { kind: "component", bytes };
  return { kind: "module", module: await loadModule(bytes, options) };
}
