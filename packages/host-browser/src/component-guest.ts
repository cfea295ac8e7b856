// WASI 0.2 components in the browser: loaded only when a component is run, with jco-transpile's
// generator (megabytes) as a separate chunk imported at that moment. Under JSPI the component runs
// through jco's JSPI glue: while it waits (stdin not typed yet, poll, a clock) it is suspended and
// the thread stays free, as a preview1 guest is. Otherwise it runs synchronously: stdin blocks in
// Atomics.wait under SAB. Live OPFS preopens need the JSPI glue in both modes: under SAB only
// their directory operations suspend it, and stdin still blocks in Atomics.wait.
import type { WASI } from "@anywasi/core";
import { loadComponent, startComponent, type DirectoryCall } from "@anywasi/core/component";

/**
 * Transpile (cached in memory by content hash, the JSPI glue apart) and compile `bytes`, then run
 * the component over `wasi`. Resolves to the exit code. `running` is called once the component is
 * compiled, as it starts. `jspi`: its waits (stdin, poll, clocks) suspend it through JSPI glue
 * (the engine must have JSPI); otherwise they block the thread. `directoryCall` (the engine must
 * have JSPI, whatever `jspi` says): how its wasi:filesystem directory operations run, for live
 * OPFS preopens; they are then suspending imports of its JSPI glue (`jspi: "filesystem"`).
 * @throws ModuleError when the component cannot run; a trap's `WebAssembly.RuntimeError`; any
 * error a WASI call threw (a limit, a kill).
 */
export async function runComponentGuest(bytes: Uint8Array, wasi: WASI, maxMemoryPages: number | undefined, running: () => void = () => {}, jspi = false, directoryCall: DirectoryCall | null = null): Promise<number> {
  const component = await loadComponent(bytes, {
    ...(maxMemoryPages === undefined ? {} : { maxMemoryPages }),
    transpiler: () => import("@bytecodealliance/jco-transpile/component"),
    jspi: directoryCall !== null ? "filesystem" : jspi,
  });
  running();
  return startComponent(component, wasi, directoryCall === null ? {} : { directoryCall, blockingWaits: !jspi });
}
