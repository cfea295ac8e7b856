import { LimitError } from "../errors.js";

/**
 * The memories of one instance of a component, watched against a page cap at run time. For core
 * modules compiled without the cap (transpiled and compiled at build time for Workers, where
 * `memory.grow` cannot be made to fail any more), it is how `maxMemoryPages` still holds: the
 * embedder calls `check()` where it checks its other limits (after every WASI call, from its
 * trace hook), and `startComponent`/`handleHttpRequest` call it once more when the guest returns.
 * A guest found over the cap ends with a `LimitError` of kind "memory", as a precompiled preview1
 * module does under the gateway's in-thread runner. Core modules compiled with the cap
 * (`loadComponent(bytes, { maxMemoryPages })`) never trip it: their memory cannot pass the cap.
 *
 * Watched are the memories the core instances export (jco's glue needs every memory a value
 * crosses through, so a component's data memories are among them). One watch per instance.
 */
export class MemoryWatch {
  /** The cap, in 64 KiB pages. */
  readonly maxPages: number;
  readonly #maxBytes: number;
  readonly #memories: WebAssembly.Memory[] = [];

  constructor(maxPages: number) {
    this.maxPages = maxPages;
    this.#maxBytes = maxPages * 65536;
  }

  /** @internal jco's glue's `instantiateCore`: instantiate and note the memories exported. */
  readonly instantiateCore = async (module: WebAssembly.Module, imports?: WebAssembly.Imports): Promise<WebAssembly.Instance> => {
    const instance = await WebAssembly.instantiate(module, imports);
    for (const value of Object.values(instance.exports)) {
      if (value instanceof WebAssembly.Memory && !this.#memories.includes(value)) this.#memories.push(value);
    }
    return instance;
  };

  /** @throws LimitError (kind "memory") when a watched memory is larger than the cap. */
  check(): void {
    for (const memory of this.#memories) {
      if (memory.buffer.byteLength > this.#maxBytes) {
        throw new LimitError("memory", `the program's memory grew past its limit of ${this.maxPages} pages`);
      }
    }
  }
}
