/**
 * Helpers of the component tests: wrap a preview1 fixture into a command component exactly as
 * `jco new X.wasm --wasi-command` does (same adapter, same bytes), cached across runs by content
 * hash; and read a directory tree back through a `DirectoryHandle`, to compare what two runs wrote.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { componentNew } from "@bytecodealliance/jco-transpile/wasm-tools";
import { FileType, type DirectoryHandle } from "../../packages/core/src/index.js";

const ADAPTER = new URL("../../node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm", import.meta.url);
const CACHE = join(tmpdir(), "anywasi-test-components");

/** The command component of the preview1 module at `path` (`jco new path --wasi-command`). */
export async function wrap(path: string | URL): Promise<Uint8Array> {
  const module = readFileSync(path);
  const key = createHash("sha256").update(module).digest("hex");
  const file = join(CACHE, `${key}.component.wasm`);
  try {
    return new Uint8Array(readFileSync(file));
  } catch { /* not built yet */ }
  const component = await componentNew(module, [["wasi_snapshot_preview1", readFileSync(ADAPTER)]]);
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, component);
  renameSync(tmp, file);
  return component;
}

/** Everything under `dir`: path → file contents (hex-free text or bytes), `{ symlink }` or `{}` for a directory. */
export function dump(dir: DirectoryHandle, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of [...dir.readDirectory()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = prefix + e.name;
    if (e.filetype === FileType.DIRECTORY) {
      out[path] = {};
      const sub = dir.openDirectory(e.name);
      Object.assign(out, dump(sub, `${path}/`));
      sub.close?.();
    } else if (e.filetype === FileType.SYMBOLIC_LINK) out[path] = { symlink: dir.readlinkAt(e.name) };
    else {
      const f = dir.openFile(e.name, { create: false, exclusive: false, truncate: false, read: true, write: false });
      const size = Number(f.stat().size);
      const data = new Uint8Array(size);
      let n = 0;
      while (n < size) {
        const got = f.read(data.subarray(n), BigInt(n));
        if (got === 0) break;
        n += got;
      }
      f.close?.();
      out[path] = Buffer.from(data.subarray(0, n)).toString("base64");
    }
  }
  return out;
}

/** A fixture of test/suite: its module and its spec (args, env, root dir). */
export interface SuiteFixture {
  name: string;
  wasm: URL;
  args: string[];
  env: Record<string, string>;
  root: string | null;
}

/** The test/suite fixture `name`. */
export function suiteFixture(name: string): SuiteFixture {
  const base = new URL(`../suite/${name}`, import.meta.url);
  const spec = JSON.parse(readFileSync(`${base.pathname}.json`, "utf8")) as { args?: string[]; env?: Record<string, string>; root?: string };
  return {
    name,
    wasm: new URL(`${base.href}.wasm`),
    args: spec.args ?? [],
    env: spec.env ?? {},
    root: spec.root === undefined ? null : new URL(`../suite/${spec.root}`, import.meta.url).pathname,
  };
}
