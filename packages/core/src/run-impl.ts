import type { Component } from "./component/component.js";
import { isComponent } from "./component/detect.js";
import { loadModule, instantiate, type ModuleSource } from "./module.js";
import type { RunOptions, RunResult } from "./run.js";
import { OutputCollector } from "./streams.js";
import { WASI } from "./wasi.js";

/*
 * `run()` itself (see its doc comment in run.ts), imported by it on first use, like
 * `loadModule()`'s body: the core's entry stays within its size budget (scripts/size.mjs).
 */

/** `run()`. @throws as documented there. */
export async function run(source: ModuleSource | Component, options: RunOptions): Promise<RunResult> {
  const component = componentOf(source);
  const module = component === null ? await loadModule(source as ModuleSource, options) : null;
  const out = new OutputCollector();
  const err = new OutputCollector();
  // The WASI options are the same object: new WASI() does not look at maxMemoryPages.
  const wasi = new WASI({ ...options, stdout: options.stdout ?? out, stderr: options.stderr ?? err });
  let exitCode: number;
  if (module !== null) exitCode = wasi.start(await instantiate(module, wasi.getImportObject()));
  else {
    const layer = await import("./component/index.js");
    const c = component instanceof layer.Component ? component : await layer.loadComponent(component as Uint8Array, options);
    exitCode = await layer.startComponent(c, wasi);
  }
  return { exitCode, stdout: out.bytes(), stderr: err.bytes() };
}

/** The component in `source` (its bytes, or a loaded one), or null for a core module. */
export function componentOf(source: ModuleSource | Component): Uint8Array | Component | null {
  if (source instanceof WebAssembly.Module) return null;
  if (source instanceof ArrayBuffer) return isComponent(new Uint8Array(source)) ? new Uint8Array(source) : null;
  if (ArrayBuffer.isView(source)) {
    const bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    return isComponent(bytes) ? bytes : null;
  }
  return source;
}
