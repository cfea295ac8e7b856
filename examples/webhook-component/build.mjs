// Builds webhook.component.wasm from app.js with ComponentizeJS (what `jco componentize app.js
// --wit wit --world-name handler -o webhook.component.wasm` does; jco 1.x's command cannot read
// the WIT here because preview2-shim 0.26 starts with no preopens, so this sets one).
// Run from the repository root: node examples/webhook-component/build.mjs
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { _setPreopens } from "@bytecodealliance/preview2-shim/filesystem";
import { componentize } from "@bytecodealliance/componentize-js";

_setPreopens({ "/": "/" });
const here = dirname(fileURLToPath(import.meta.url));
const { component } = await componentize({ sourcePath: join(here, "app.js"), witPath: join(here, "wit"), worldName: "handler" });
await writeFile(join(here, "webhook.component.wasm"), component);
console.log(`webhook.component.wasm: ${component.length} bytes`);
