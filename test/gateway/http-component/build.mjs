// Builds a wasi:http handler component from JavaScript with ComponentizeJS (StarlingMonkey, whose
// fetch-event mode serves `addEventListener("fetch", ...)` through wasi:http/incoming-handler@0.2.10).
// Usage: node test/gateway/http-component/build.mjs <handler.js> <out.wasm>
// The WIT (wasi:http/proxy@0.2.10) is in ./wit: jco's 0.2.12 WIT with the version set to 0.2.10,
// the version StarlingMonkey in componentize-js 0.23 implements.
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
// preview2-shim 0.26 starts with no preopens; ComponentizeJS's splicer reads the WIT through it.
import { _setPreopens } from "@bytecodealliance/preview2-shim/filesystem";
import { componentize } from "@bytecodealliance/componentize-js";

_setPreopens({ "/": "/" });
const [source, out] = process.argv.slice(2);
if (source === undefined || out === undefined) throw new Error("usage: build.mjs <handler.js> <out.wasm>");
const here = dirname(fileURLToPath(import.meta.url));
const { component } = await componentize({
  sourcePath: resolve(source),
  witPath: join(here, "wit"),
  worldName: "handler",
});
await writeFile(out, component);
console.log(`${out}: ${component.length} bytes`);
