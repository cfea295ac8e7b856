import { loadModule , type LoadOptions} from "@anywasi/core";
import type { WireSource } from "./protocol.js";
import type { GuestSource } from "./types.js";

/**
 * `source` in a form that can be posted to a worker. A relative URL is resolved against the
 * calling document (the worker's own base URL is its script's). Bytes are copied, so the caller
 * keeps its buffer.
 */
export function toWireSource(source: GuestSource): WireSource {
  if (typeof source === "string" || source instanceof URL) {
    return { kind: "url", url: new URL(source, globalThis.location?.href).href };
  }
  if (source instanceof WebAssembly.Module) return { kind: "module", module: source };
  if (source instanceof ArrayBuffer) return { kind: "bytes", bytes: new Uint8Array(source.slice(0)) };
  if (source instanceof Uint8Array) return { kind: "bytes", bytes: source.slice() };
  throw new TypeError("source must be a URL, a string, a Uint8Array, an ArrayBuffer or a WebAssembly.Module");
}

/**
 * Fetch (for a URL) and compile the module, checking that anywasi can run it.
 * @throws ModuleError (see `loadModule`); Error when the fetch fails or answers an HTTP error.
 */
export async function loadSource(source: WireSource | GuestSource, options: LoadOptions = {}): Promise<WebAssembly.Module> {
  if (typeof source === "string" || source instanceof URL) return loadSource(toWireSource(source), options);
  if (source instanceof WebAssembly.Module || source instanceof ArrayBuffer || source instanceof Uint8Array) {
    return loadModule(source, options);
  }
  if (source.kind === "module") return loadModule(source.module, options);
  if (source.kind === "bytes") return loadModule(source.bytes, options);
  const response = await fetch(source.url);
  if (!response.ok) throw new Error(`fetching ${source.url} failed: HTTP ${response.status}`);
  return loadModule(new Uint8Array(await response.arrayBuffer()), options);
}
