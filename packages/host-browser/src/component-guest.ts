// WASI 0.2 components in the browser: loaded only when a component is run, with jco-transpile's
// generator (megabytes) as a separate chunk imported at that moment. The component layer runs
// the guest synchronously (its glue sits between the guest and its imports, so JSPI cannot
// suspend it): stdin blocks in Atomics.wait under SAB, and is read to its end before the guest
// starts under JSPI.
import type { InputStream, WASI } from "@anywasi/core";
import { loadComponent, startComponent } from "@anywasi/core/component";

/**
 * Transpile (cached in memory by content hash) and compile `bytes`, then run the component over
 * `wasi`. Resolves to the exit code. `running` is called once the component is compiled, as it starts.
 * @throws ModuleError when the component cannot run; a trap's `WebAssembly.RuntimeError`; any
 * error a WASI call threw (a limit, a kill).
 */
export async function runComponentGuest(bytes: Uint8Array, wasi: WASI, maxMemoryPages: number | undefined, running: () => void = () => {}): Promise<number> {
  const component = await loadComponent(bytes, {
    ...(maxMemoryPages === undefined ? {} : { maxMemoryPages }),
    transpiler: () => import("@bytecodealliance/jco-transpile/component"),
  });
  running();
  return startComponent(component, wasi);
}

/**
 * All of `input` until its end, for a guest that cannot be suspended while it waits: `waitAsync`
 * resolves when a chunk or the end is there, so `read` never meets an empty open stream.
 */
export async function readToEnd(input: InputStream): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const buf = new Uint8Array(65536);
  let total = 0;
  for (;;) {
    await input.waitAsync?.();
    const n = input.read(buf);
    if (n === 0) break;
    parts.push(buf.slice(0, n));
    total += n;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
