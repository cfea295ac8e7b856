// vitest globalSetup (Node, before the workerd tests load): transpiles the wasi:http components
// the tests serve with `anywasi transpile`, the build step a Worker would have, into
// test/worker/build/<name>/ (not committed: a .gitignore there): the scenario handler
// (test/gateway/http-component/handler.component.wasm), once more with its memory capped at build
// time (`--max-memory-pages 300`), and the webhook example
// (examples/webhook-component/webhook.component.wasm), 13 MB each. A component is transpiled again
// only when it or the CLI is newer than its output. Needs `npm run build`.
// It also starts the upstream server of the "outgoing" scenarios (../gateway/upstream.mjs) for the
// tests' run and provides its origin as inject("upstream").
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startUpstream } from "../gateway/upstream.mjs";

const path = (p) => fileURLToPath(new URL(p, import.meta.url));
const COMPONENTS = {
  "http-handler": ["../gateway/http-component/handler.component.wasm"],
  // The same handler with every core memory capped at build time (300 pages = 18.75 MiB).
  "http-handler-capped": ["../gateway/http-component/handler.component.wasm", "--max-memory-pages", "300"],
  webhook: ["../../examples/webhook-component/webhook.component.wasm"],
  // The "trailers" profile's handler (test/components-native/handler_trailers.c).
  "http-trailers": ["../gateway/http-component/trailers.component.wasm"],
};

export default async function setup(project) {
  const cli = path("../../packages/host-node/bin/anywasi.js");
  const built = statSync(path("../../packages/host-node/dist/cli.bundle.js")).mtimeMs;
  mkdirSync(path("./build"), { recursive: true });
  writeFileSync(path("./build/.gitignore"), "*\n");
  for (const [name, [component, ...flags]] of Object.entries(COMPONENTS)) {
    const input = path(component);
    const out = path(`./build/${name}`);
    const entry = `${out}/index.js`;
    if (existsSync(entry) && statSync(entry).mtimeMs > Math.max(statSync(input).mtimeMs, built)) continue;
    execFileSync(process.execPath, [cli, "transpile", ...flags, input, "-o", out], { stdio: ["ignore", "inherit", "inherit"] });
  }
  const upstream = await startUpstream();
  project.provide("upstream", upstream.origin);
  return () => upstream.stop();
}
