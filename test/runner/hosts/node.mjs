// Host `node`: runs each test on @anywasi/core (packages/core/dist, via the npm workspace) in
// a fresh worker_threads Worker, with every fixture directory loaded into a fresh MemFS and a
// stdin that never delivers data or end-of-file. The Worker is terminate()d on timeout. While
// the tests run, this thread holds jco-transpile's compiled generator (lib/warm-code.mjs), so that
// component tests do not each compile it again.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runInWorker } from "./lib/run-worker.mjs";
import { holdGeneratorCode, releaseGeneratorCode } from "./lib/warm-code.mjs";

/** Runs WASI 0.2 command components (wasm32-wasip2 suites) through @anywasi/core/component. */
export const components = true;

const GUEST = new URL("./lib/node-guest.mjs", import.meta.url);

export async function setup() {
  let entry;
  try {
    entry = fileURLToPath(import.meta.resolve("@anywasi/core"));
  } catch (e) {
    throw new Error(`cannot resolve @anywasi/core (run \`npm install\`): ${e.message}`);
  }
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\` first`);
  await holdGeneratorCode();
}

export async function teardown() {
  releaseGeneratorCode();
}

/**
 * @param {import("../discover.mjs").TestCase} test
 * @param {{timeoutMs: number}} options
 */
// Default: the fixture directory as a real directory on disk, as users run programs on Node.
export async function runTest(test, { timeoutMs, fs = "disk" }) {
  const spec = { wasm: test.wasm, args: test.args, env: test.env, preopens: test.preopens, component: test.component === true, fs };
  return runInWorker(GUEST, spec, timeoutMs);
}
