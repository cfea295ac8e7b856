// The page side of the chromium conformance hosts (test/runner/hosts/chromium*.mjs): runs one
// test spec sent from Node (bytes as base64) and answers with base64 output.
import { opfsDirectory, readOpfsTree, runOnMainThread, spawn, type MemFSTree, type StdinMode } from "@anywasi/browser";
// jco-transpile's generator module, the one every component test's Worker compiles (see warmGenerator).
import generatorCore from "../../../node_modules/@bytecodealliance/jco-transpile/vendor/js-component-bindgen-component.core.wasm?url";

/** A fixture tree as sent by Node: file bytes as `{ b64 }`. */
export type WireTree = Record<string, { b64: string } | { symlink: string } | Record<string, never>>;

export interface ConformanceSpec {
  wasm: string;
  args: string[];
  env: Record<string, string>;
  /** Preopens in descriptor order: guest path → fixture tree. */
  preopens: [string, WireTree][];
  timeoutMs: number;
  /** "memory": in-memory preopens; "opfs": each fixture is written to OPFS and preopened from there. */
  fs: "memory" | "opfs";
  stdinMode: StdinMode;
  /** A WASI 0.2 command component (test.component); run as a module is. */
  component?: boolean;
}

export interface ConformanceResult {
  exitCode?: number;
  error?: string;
  timedOut?: boolean;
  stdout: string;
  stderr: string;
}

const fromB64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
function toB64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function decodeTree(tree: WireTree): MemFSTree {
  const out: MemFSTree = {};
  for (const [k, v] of Object.entries(tree)) out[k] = "b64" in v ? fromB64(v.b64) : (v as MemFSTree[string]);
  return out;
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) parts.push(c);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Write `tree` into the (empty) OPFS directory `dir` with the page's async API. */
async function seedOpfs(dir: FileSystemDirectoryHandle, tree: MemFSTree): Promise<void> {
  for (const [path, entry] of Object.entries(tree)) {
    const parts = path.split("/");
    const last = parts.pop()!;
    let d = dir;
    for (const p of parts) d = await d.getDirectoryHandle(p, { create: true });
    if (entry instanceof Uint8Array || typeof entry === "string") {
      const w = await (await d.getFileHandle(last, { create: true })).createWritable();
      await w.write(entry as BufferSource | string);
      await w.close();
    } else if (!("symlink" in entry)) {
      await d.getDirectoryHandle(last, { create: true });
    } else {
      throw new Error(`OPFS cannot hold the symlink ${path}`);
    }
  }
}

/** `tree` without symlinks, one line per entry (file bytes in base64), for a readable comparison. */
function comparable(tree: MemFSTree): string {
  const rows: string[] = [];
  for (const [k, v] of Object.entries(tree).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (typeof v === "string") rows.push(`${k}: ${toB64(new TextEncoder().encode(v))}`);
    else if (v instanceof Uint8Array) rows.push(`${k}: ${toB64(v)}`);
    else if (!("symlink" in v)) rows.push(`${k}/`);
  }
  return rows.join("\n");
}

/** A tree whose directories that only held symlinks become empty directories, as in OPFS. */
function withoutSymlinks(tree: MemFSTree): MemFSTree {
  const out: MemFSTree = {};
  const dirs = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "object" && !(v instanceof Uint8Array) && "symlink" in v) {
      const parent = k.split("/").slice(0, -1).join("/");
      if (parent !== "") dirs.add(parent);
    } else {
      out[k] = v;
    }
  }
  for (const d of dirs) if (!Object.keys(out).some((k) => k.startsWith(`${d}/`))) out[d] = {};
  return out;
}

let opfsRuns = 0;
let generator: Promise<unknown> | null = null;

/**
 * Compiles jco-transpile's generator module (3.5 MB) on the page and keeps it for the page's
 * life. A component test's Worker loads jco-transpile and compiles that module again: ~2 s of CPU
 * per test. V8 shares compiled wasm code between the isolates of a renderer process (its native
 * module cache, keyed by the bytes) while one of them holds the module, so each Worker finds the
 * machine code already made (by the Workers before it: compilation is lazy, per function). The
 * Worker still fetches, compiles (a cache hit), instantiates and runs its own copy.
 */
function warmGenerator(): Promise<unknown> {
  generator ??= WebAssembly.compileStreaming(fetch(generatorCore)).catch(() => null);
  return generator;
}

/** Run a spec in a worker (spawn), interactive stdin never written; kill on timeout. */
export async function runSpec(spec: ConformanceSpec): Promise<ConformanceResult> {
  if (spec.component === true) await warmGenerator();
  const source = fromB64(spec.wasm);
  const trees = spec.preopens.map(([p, t]) => [p, decodeTree(t)] as const);
  const files = trees.find(([p]) => p === "/")?.[1];
  const dirs = Object.fromEntries(trees.filter(([p]) => p !== "/"));
  let opfs: Record<string, string> | undefined;
  let base = "";
  if (spec.fs === "opfs") {
    base = `conformance-${Date.now()}-${opfsRuns++}-${Math.random().toString(36).slice(2)}`;
    opfs = {};
    for (const [i, [guest, tree]] of trees.entries()) {
      await seedOpfs(await opfsDirectory(`${base}/${i}`), tree);
      opfs[guest] = `${base}/${i}`;
    }
  }
  const p = spawn(source, {
    args: spec.args, env: spec.env, stdin: "interactive", stdinMode: spec.stdinMode,
    ...(opfs !== undefined ? { opfs } : { ...(files !== undefined ? { files } : {}), dirs }),
  });
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; p.kill(); }, spec.timeoutMs);
  const [stdout, stderr, exit] = await Promise.all([
    drain(p.stdout), drain(p.stderr),
    p.exit.then((exitCode) => ({ exitCode }), (e: Error) => ({ error: `${e.name}: ${e.message}` })),
  ]);
  clearTimeout(timer);
  const result: ConformanceResult = { ...exit, stdout: toB64(stdout), stderr: toB64(stderr) };
  if (timedOut) return { ...result, timedOut: true };
  if (opfs !== undefined && "exitCode" in exit) {
    const mismatch = await compareWithMemory(spec, trees, base);
    if (mismatch !== null) return { ...result, error: mismatch };
  }
  if (base !== "") await (await navigator.storage.getDirectory()).removeEntry(base, { recursive: true }).catch(() => {});
  return result;
}

/**
 * The OPFS contract: run the same spec on in-memory preopens and check that the OPFS directory
 * behind `/` now holds what the in-memory run left in its `/` (symlinks aside: OPFS cannot hold
 * them). Only `/` is compared, because `files()` returns only that tree.
 */
async function compareWithMemory(spec: ConformanceSpec, trees: (readonly [string, MemFSTree])[], base: string): Promise<string | null> {
  const i = trees.findIndex(([g]) => g === "/");
  if (i < 0) return null;
  const p = spawn(fromB64(spec.wasm), {
    args: spec.args, env: spec.env, stdin: "interactive", stdinMode: spec.stdinMode,
    files: trees[i]![1], dirs: Object.fromEntries(trees.filter(([g]) => g !== "/")),
  });
  const timer = setTimeout(() => p.kill(), spec.timeoutMs);
  void drain(p.stdout);
  void drain(p.stderr);
  await p.exit.catch(() => {});
  clearTimeout(timer);
  const memory = comparable(withoutSymlinks(await p.files()));
  const stored = comparable(await readOpfsTree(await opfsDirectory(`${base}/${i}`)));
  if (memory !== stored) return `the OPFS preopen / differs from the in-memory run:\n--- memory\n${memory}\n--- opfs\n${stored}`;
  return null;
}

/** Run a spec on this page's main thread (runOnMainThread) with a stdin that never delivers. */
export async function runSpecOnMainThread(spec: ConformanceSpec): Promise<ConformanceResult> {
  const trees = spec.preopens.map(([p, t]) => [p, decodeTree(t)] as const);
  const files = trees.find(([p]) => p === "/")?.[1];
  // Waits forever under JSPI; a read that does not suspend first is a host bug, reported as such.
  const never = {
    read: (): number => { throw new Error("stdin was read without suspending first"); },
    poll: () => false,
    waitAsync: () => new Promise<void>(() => {}),
  };
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  const join = (parts: Uint8Array[]) => {
    const o = new Uint8Array(parts.reduce((n, q) => n + q.length, 0));
    let at = 0;
    for (const q of parts) { o.set(q, at); at += q.length; }
    return o;
  };
  let exit: { exitCode: number } | { error: string };
  try {
    const r = await runOnMainThread(fromB64(spec.wasm), {
      args: spec.args, env: spec.env, stdin: never,
      ...(files !== undefined ? { files } : {}),
      dirs: Object.fromEntries(trees.filter(([p]) => p !== "/")),
      stdout: (c) => out.push(c.slice()), stderr: (c) => err.push(c.slice()),
    });
    exit = { exitCode: r.exitCode };
  } catch (e) {
    exit = { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
  return { ...exit, stdout: toB64(join(out)), stderr: toB64(join(err)) };
}
