// wasi:http handlers on Workers: a component transpiled at build time (`anywasi transpile`, or the
// esbuild/Vite plugins of @anywasi/node) becomes the core's `HttpComponent`, which the gateway's
// component code (`serveHttpComponent`) answers requests with, as it does on Node and Deno.
import { ModuleError } from "@anywasi/core";
import { HTTP_INTERFACES, HttpComponent, PROVIDED_INTERFACES, exportsIncomingHandler } from "@anywasi/core/component";
import type { PrecompiledComponent } from "./precompiled.js";

const loaded = new WeakMap<PrecompiledComponent, HttpComponent>();

/**
 * The core's `HttpComponent` for a precompiled one (made once per object): the checks of
 * `loadHttpComponent()` without its transpile and compile, which happened at build time.
 * @throws ModuleError when it imports an interface anywasi does not provide (named) or does not
 * export `wasi:http/incoming-handler`.
 */
export function httpComponentOf(p: PrecompiledComponent): HttpComponent {
  let c = loaded.get(p);
  if (c !== undefined) return c;
  const provided = new Set([...PROVIDED_INTERFACES, ...HTTP_INTERFACES]);
  for (const name of p.imports) {
    if (!provided.has(name.replace(/@.*$/, ""))) throw new ModuleError(`the component imports "${name}", which anywasi does not provide`);
  }
  if (!exportsIncomingHandler(p.exports)) {
    throw new ModuleError("the component does not export wasi:http/incoming-handler (a command component is for run())");
  }
  const modules = new Map(Object.entries(p.coreModules));
  // The entry's `instantiate` is jco's glue function, the shape HttpComponent instantiates.
  c = new HttpComponent(p.imports, modules, p as unknown as ConstructorParameters<typeof HttpComponent>[2]);
  loaded.set(p, c);
  return c;
}
