import { MemFS, OutputCollector, WASI, instantiate, run, type DirectoryHandle } from "@anywasi/core";
import { getSuspendingImportObject, hasJSPI, startAsync } from "@anywasi/core/jspi";
import { loadSource } from "./source.js";
import type { GuestSource, MainThreadOptions, MainThreadResult } from "./types.js";

/**
 * Run a short WASI command on the calling thread (no worker), with in-memory filesystems. With
 * JSPI the guest is suspended while it sleeps or waits for input, so the page stays responsive;
 * without it, it runs through the core's `run()` and a sleep spins the thread until it is over.
 * A guest that never ends cannot be stopped: use `spawn()` for anything untrusted or long.
 * @throws ModuleError when the module cannot run; the trap's `WebAssembly.RuntimeError` (after
 * output was delivered).
 */
export async function runOnMainThread(source: GuestSource, options: MainThreadOptions = {}): Promise<MainThreadResult> {
  const module = await loadSource(source);
  const preopens: Record<string, DirectoryHandle> = {};
  const root = options.files !== undefined ? MemFS.from(options.files) : null;
  if (root !== null) preopens["/"] = root.root;
  for (const [path, tree] of Object.entries(options.dirs ?? {})) preopens[path] = MemFS.from(tree).root;
  const out = new OutputCollector();
  const err = new OutputCollector();
  const wasiOptions = {
    ...(options.args === undefined ? {} : { args: options.args }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    preopens,
    stdout: options.stdout ?? out,
    stderr: options.stderr ?? err,
    ...(options.trace === undefined ? {} : { trace: options.trace }),
  };
  let exitCode: number;
  const mode = hasJSPI() ? "jspi" : "none";
  if (mode === "jspi") {
    const wasi = new WASI(wasiOptions);
    // The core types the suspending imports for its own globals; DOM's WebAssembly.Imports has no Suspending.
    const imports = getSuspendingImportObject(wasi) as unknown as WebAssembly.Imports;
    exitCode = await startAsync(wasi, await instantiate(module, imports));
  } else {
    exitCode = (await run(module, wasiOptions)).exitCode;
  }
  return { exitCode, stdout: out.bytes(), stderr: err.bytes(), files: root?.toObject() ?? {}, mode };
}
