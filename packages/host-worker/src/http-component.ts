// wasi:http handlers on Workers: a component transpiled at build time (`anywasi transpile`, or the
// esbuild/Vite plugins of @anywasi/node) becomes the core's `HttpComponent`, which the gateway's
// component code (`serveHttpComponent`) answers requests with, as it does on Node and Deno.
import { ModuleError } from "@anywasi/core";
import { hasJSPI } from "@anywasi/core/jspi";
import { HTTP_INTERFACES, HttpComponent, PROVIDED_INTERFACES, exportsIncomingHandler } from "@anywasi/core/component";
import type { PrecompiledComponent } from "./precompiled.js";

const loaded = new WeakMap<PrecompiledComponent, HttpComponent>();
const loadedJspi = new WeakMap<PrecompiledComponent, HttpComponent>();

/**
 * The core's `HttpComponent` for a precompiled one (made once per object and glue): the checks of
 * `loadHttpComponent()` without its transpile and compile, which happened at build time. With
 * `jspi` (asked, the JSPI glue present and the engine has JSPI) it runs through the JSPI glue:
 * the handler is suspended while it waits and its bodies stream; otherwise the synchronous glue.
 * @throws ModuleError when it imports an interface anywasi does not provide (named), does not
 * export `wasi:http/incoming-handler`, or has no glue this engine can run.
 */
export function httpComponentOf(p: PrecompiledComponent, jspi = true): HttpComponent {
  const useJspi = jspi && p.instantiateJspi !== undefined && hasJSPI();
  const memo = useJspi ? loadedJspi : loaded;
  let c = memo.get(p);
  if (c !== undefined) return c;
  const provided = new Set([...PROVIDED_INTERFACES, ...HTTP_INTERFACES]);
  for (const name of p.imports) {
    if (!provided.has(name.replace(/@.*$/, ""))) throw new ModuleError(`the component imports "${name}", which anywasi does not provide`);
  }
  if (!exportsIncomingHandler(p.exports)) {
    throw new ModuleError("the component does not export wasi:http/incoming-handler (a command component is for run())");
  }
  const instantiate = useJspi ? p.instantiateJspi : p.instantiate;
  if (instantiate === undefined) {
    throw new ModuleError("the component was transpiled with only the JSPI glue (--glue jspi), and JSPI is off or missing here: transpile with --glue both");
  }
  const modules = new Map(Object.entries(p.coreModules));
  // The glue's `instantiate` is the shape HttpComponent instantiates.
  c = new HttpComponent(p.imports, modules, { instantiate } as unknown as ConstructorParameters<typeof HttpComponent>[2], undefined, null, useJspi);
  memo.set(p, c);
  return c;
}
