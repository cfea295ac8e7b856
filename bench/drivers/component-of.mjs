// Not a driver: the command component of a bench program, made as `jco new X.wasm --wasi-command`
// makes it (jco's preview1 adapter), kept in node_modules/.cache by content hash so that wrapping
// is never part of a measured run (the first run of a program makes it, before its clock starts).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CACHE = join(ROOT, "node_modules/.cache/anywasi-bench-components");

/** The component of the preview1 module `bytes`. */
export async function componentOf(bytes) {
  const file = join(CACHE, `${createHash("sha256").update(bytes).digest("hex")}.wasm`);
  try {
    return readFileSync(file);
  } catch { /* not made yet */ }
  const { componentNew } = await import("@bytecodealliance/jco-transpile/wasm-tools");
  const adapter = readFileSync(join(ROOT, "node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm"));
  const component = await componentNew(bytes, [["wasi_snapshot_preview1", adapter]]);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(`${file}.${process.pid}`, component);
  renameSync(`${file}.${process.pid}`, file);
  return component;
}

/** A directory for the transpile cache of the anywasi component runtimes. */
export const TRANSPILE_CACHE_DIR = join(ROOT, "node_modules/.cache/anywasi-bench-transpile");
