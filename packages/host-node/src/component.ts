import { instantiate, loadModule, type LoadOptions, type WASI } from "@anywasi/core";
import type { ComponentImportOptions, TranspileCache, TransferableComponent } from "@anywasi/core/component";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { nodeOs } from "./lazy-builtins.js";

/** A loaded guest, preview1 module or WASI 0.2 component, that can be started on a `WASI`. */
export interface Guest {
  /** True for a WASI 0.2 component. */
  readonly component: boolean;
  /**
   * Run the guest over `wasi`'s environment; resolves to its exit code (see `WASI.start`,
   * `startComponent`). `options` are for a component (outgoing HTTP); a module ignores them.
   */
  start(wasi: WASI, options?: ComponentImportOptions): Promise<number>;
}

/** True when `bytes` are a WebAssembly component (version `0d 00 01 00`), not a core module. */
export function isComponentBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d && bytes[4] === 0x0d && bytes[5] === 0 && bytes[6] === 1 && bytes[7] === 0;
}

/**
 * Load a preview1 module or a component (the header tells which). The component layer and
 * jco-transpile are imported only for a component, so a preview1 start-up pays nothing for them.
 * @throws ModuleError as `loadModule()` and `loadComponent()` do.
 */
export async function loadGuest(bytes: Uint8Array, options: LoadOptions & { transpileCache?: TranspileCache } = {}): Promise<Guest> {
  const { transpileCache, ...load } = options;
  if (isComponentBytes(bytes)) {
    const layer = await import("@anywasi/core/component");
    const c = await layer.loadComponent(bytes, { ...load, ...(transpileCache === undefined ? {} : { transpileCache }) });
    return { component: true, start: (wasi, opts) => layer.startComponent(c, wasi, opts) };
  }
  const module = await loadModule(bytes, load);
  return { component: false, start: async (wasi) => wasi.start(await instantiate(module, wasi.getImportObject())) };
}

/** A guest as a `worker: true` run hands it to its worker (run.ts → guest-worker.ts): data `postMessage` copies. */
export type WorkerGuest =
  | { kind: "module"; module: WebAssembly.Module }
  | { kind: "component"; component: TransferableComponent };

/**
 * Load a component for a worker: transpiled (through the memory and `transpileCache` caches) and
 * compiled on this thread, so that the worker neither transpiles nor compiles, and a component
 * that cannot run fails here, before any thread starts.
 * @throws ModuleError as `loadComponent()` does.
 */
export async function loadComponentForWorker(bytes: Uint8Array, options: LoadOptions & { transpileCache?: TranspileCache }): Promise<WorkerGuest> {
  const layer = await import("@anywasi/core/component");
  const c = await layer.loadComponent(bytes, options);
  return { kind: "component", component: layer.Component.transferable(c) };
}

/**
 * The transpile cache on disk: one file per component content hash in `dir` (default
 * `$XDG_CACHE_HOME/anywasi`, else `~/.cache/anywasi`). Writes go to a temporary file renamed into
 * place, so a reader never sees half an entry; a damaged entry is detected by the core (payload
 * hash), ignored and rewritten. Failing to read or write the cache never fails a run.
 */
export function diskTranspileCache(dir: string = defaultCacheDir()): TranspileCache {
  const file = (key: string): string => join(dir, `${key.replace(/[^A-Za-z0-9._-]/g, "_")}.bin`);
  return {
    async get(key) {
      try {
        return new Uint8Array(await readFile(file(key)));
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      try {
        await mkdir(dir, { recursive: true });
        const tmp = `${file(key)}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(tmp, value);
        await rename(tmp, file(key));
      } catch {
        // A read-only home or a full disk: the run goes on without the cache.
      }
    },
  };
}

function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return xdg !== undefined && xdg !== "" ? join(xdg, "anywasi") : join(nodeOs().homedir(), ".cache", "anywasi");
}
