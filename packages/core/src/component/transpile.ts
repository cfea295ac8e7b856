import { ModuleError } from "../errors.js";
import { patchGlue } from "./glue-patch.js";

/** What jco-transpile makes of a component: core modules and the glue (`component.js`). */
export interface Transpiled {
  /** File name → contents: `component.core.wasm`, ..., and the glue `component.js`. */
  files: Map<string, Uint8Array>;
  /** Interfaces the component imports, as the glue names them (`wasi:cli/stdout`, no version). */
  imports: string[];
  /** Exports, as the glue names them (`run`, `wasi:cli/run@0.2.3`). */
  exports: string[];
}

/**
 * Where transpile results are kept between processes (the CLI keeps them on disk). Keys are
 * content hashes; values are opaque bytes. `get` of a missing key resolves to undefined. A store
 * may lose or corrupt entries: a bad entry is detected, ignored and rewritten.
 */
export interface TranspileCache {
  /** The bytes stored under `key`, or undefined when there are none. A rejection counts as a miss. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Store `value` under `key`, replacing what was there. A rejection is ignored (the result stays in memory). */
  set(key: string, value: Uint8Array): Promise<void>;
}

/** The pinned jco-transpile and our glue patch level; part of every cache key, so an upgrade never reads old glue. */
const JCO = "jco-transpile-0.15.0-p9";

/** Which glue to make: synchronous (false), JSPI (true), JSPI with suspending directory operations ("filesystem"). */
export type JspiGlue = boolean | "filesystem";

const memo = new Map<string, Promise<Transpiled>>();

/**
 * The WASI 0.2 imports that can wait, as jco names them for its JSPI glue (without version: jco
 * matches `wasi:io/poll@0.2.x#poll` too). The glue wraps each in `WebAssembly.Suspending`; every
 * call to one then suspends the guest, so only those that can wait are listed: output streams
 * write at once (`blocking-write-and-flush`, `blocking-flush` never wait here).
 */
const JSPI_IMPORTS = [
  "wasi:io/poll#poll",
  "wasi:io/poll#[method]pollable.block",
  "wasi:io/streams#[method]input-stream.blocking-read",
  "wasi:io/streams#[method]input-stream.blocking-skip",
  "wasi:io/streams#[method]output-stream.blocking-splice",
];

/**
 * The wasi:filesystem calls that can reach a directory operation of the filesystem capability
 * (preview1 `path_*` and `fd_readdir`), suspending in JSPI glue only when asked
 * (`ComponentLoadOptions.suspendingFilesystem`): for a capability whose directory operations wait
 * (the browser's live OPFS). File data (read, write, stat of an open descriptor) never waits.
 */
const JSPI_FILESYSTEM_IMPORTS = [
  "open-at", "stat-at", "set-times-at", "link-at", "readlink-at", "remove-directory-at", "rename-at",
  "symlink-at", "unlink-file-at", "create-directory-at", "metadata-hash-at",
].map((m) => `wasi:filesystem/types#[method]descriptor.${m}`)
  .concat("wasi:filesystem/types#[method]directory-entry-stream.read-directory-entry");

/** The exports the JSPI glue runs through `WebAssembly.promising` (a command's, a wasi:http handler's). */
const JSPI_EXPORTS = ["wasi:cli/run#run", "wasi:http/incoming-handler#handle"];

/**
 * Transpile `bytes` (a component) with jco-transpile, loaded only now, in `instantiation: async`
 * mode without Node compatibility code. Results are cached by SHA-256 of the bytes: in memory, and
 * in `cache` when given. `transpiler` loads jco-transpile's generator module (default: an import
 * of `@bytecodealliance/jco-transpile/component`). With `jspi`, the glue is made for JSPI (cached
 * apart): the imports that can wait are suspending, `wasi:cli/run` `run` returns a promise;
 * `jspi: "filesystem"` makes the directory operations of wasi:filesystem suspending too.
 * @throws ModuleError when jco cannot parse the component.
 */
export async function transpile(bytes: Uint8Array, cache?: TranspileCache, transpiler?: () => Promise<unknown>, jspi: JspiGlue = false): Promise<Transpiled> {
  const key = `${JCO}${jspi === false ? "" : jspi === true ? "-jspi" : "-jspi-fs"}-${await sha256(bytes)}`;
  let p = memo.get(key);
  if (p === undefined) {
    p = fromCacheOrGenerate(key, bytes, cache, transpiler, jspi);
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

async function fromCacheOrGenerate(key: string, bytes: Uint8Array, cache: TranspileCache | undefined, transpiler: (() => Promise<unknown>) | undefined, jspi: JspiGlue): Promise<Transpiled> {
  if (cache !== undefined) {
    const stored = await cache.get(key).catch(() => undefined);
    const t = stored === undefined ? null : await decode(stored);
    if (t !== null) return t;
  }
  const t = await generate(bytes, transpiler, jspi);
  if (cache !== undefined) await cache.set(key, await encode(t)).catch(() => undefined);
  return t;
}

interface Generator {
  $init: Promise<void>;
  generate(component: Uint8Array, options: Record<string, unknown>): {
    files: [string, Uint8Array][];
    imports: string[];
    exports: [string, string][];
  };
}

async function generate(bytes: Uint8Array, transpiler: (() => Promise<unknown>) | undefined, jspi: JspiGlue): Promise<Transpiled> {
  // A variable specifier keeps bundlers from inlining jco (megabytes) into the component entry.
  const specifier = "@bytecodealliance/jco-transpile/component";
  const jco = (await (transpiler ?? (() => import(specifier)))()) as Generator;
  await jco.$init;
  let out: ReturnType<Generator["generate"]>;
  try {
    out = jco.generate(bytes, {
      name: "component", instantiation: { tag: "async" }, noTypescript: true, noNodejsCompat: true,
      base64Cutoff: 0, tlaCompat: false,
      ...(jspi === false ? {} : {
        asyncMode: { tag: "jspi", val: { imports: jspi === true ? JSPI_IMPORTS : JSPI_IMPORTS.concat(JSPI_FILESYSTEM_IMPORTS), exports: JSPI_EXPORTS } },
      }),
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new ModuleError(`malformed WebAssembly component: ${message.split("\n")[0]}`, { cause: e });
  }
  const files = new Map(out.files.map(([name, data]) => [name, name.endsWith(".js") ? patchGlue(data) : data]));
  return { files, imports: out.imports, exports: out.exports.map(([name]) => name) };
}

/** Hex SHA-256 of `bytes`. */
async function sha256(bytes: Uint8Array): Promise<string> {
  const subtle = (crypto as unknown as { subtle: { digest(alg: string, data: Uint8Array): Promise<ArrayBuffer> } }).subtle;
  const digest = new Uint8Array(await subtle.digest("SHA-256", bytes));
  let s = "";
  for (const x of digest) s += x.toString(16).padStart(2, "0");
  return s;
}

/** Stored form: u32 header length, the JSON header (names, sizes, imports, exports, payload hash), the files. */
async function encode(t: Transpiled): Promise<Uint8Array> {
  const files = [...t.files];
  const total = files.reduce((n, [, b]) => n + b.length, 0);
  const payload = new Uint8Array(total);
  let at = 0;
  for (const [, b] of files) { payload.set(b, at); at += b.length; }
  const header = new TextEncoder().encode(JSON.stringify({
    files: files.map(([name, b]) => [name, b.length]), imports: t.imports, exports: t.exports, sha: await sha256(payload),
  }));
  const out = new Uint8Array(4 + header.length + total);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(payload, 4 + header.length);
  return out;
}

/** The stored form back, or null when it is damaged in any way. */
async function decode(data: Uint8Array): Promise<Transpiled | null> {
  try {
    const len = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
    const h = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + len))) as {
      files: [string, number][]; imports: string[]; exports: string[]; sha: string;
    };
    const payload = data.subarray(4 + len);
    if (h.files.reduce((n, [, l]) => n + l, 0) !== payload.length || await sha256(payload) !== h.sha) return null;
    const files = new Map<string, Uint8Array>();
    let at = 0;
    for (const [name, l] of h.files) { files.set(name, payload.slice(at, at + l)); at += l; }
    if (!Array.isArray(h.imports) || !Array.isArray(h.exports)) return null;
    return { files, imports: h.imports, exports: h.exports };
  } catch {
    return null;
  }
}
