// A dedicated Web Worker running ruby.wasm's RubyVM on @anywasi/core: the module is compiled from
// its URL (compileStreaming, or compile() of the bytes when the server's MIME type is not
// application/wasm), `/` is a MemFS preopen that the page refreshes from its file panel before
// each evaluation, and stdout/stderr go to the page as text chunks as they are written.
//
// ruby.wasm is a reactor with a JS API, not a `_start` command, so @anywasi/browser's spawn()
// does not apply: RubyVM.instantiateModule({ module, wasip1 }) takes the anywasi WASI directly,
// exactly as it takes node:wasi in ruby.wasm's own Node entry.
import { FileType, MemFS, WASI, type DirectoryHandle, type MemFSTree } from "@anywasi/core";
import { RubyVM } from "@ruby/wasm-wasi";
import type { BootReply, EvalReply, RubyRequest, RubyResponse } from "./protocol.js";

const post = (message: RubyResponse): void => { self.postMessage(message); };

const fs = new MemFS();
let vm: RubyVM | null = null;
let captured = { stdout: "", stderr: "" };

function sink(stream: "stdout" | "stderr"): (chunk: Uint8Array) => void {
  const decoder = new TextDecoder();
  return (chunk) => {
    const text = decoder.decode(chunk, { stream: true });
    if (text === "") return;
    captured[stream] += text;
    post({ type: "output", stream, text });
  };
}

async function compile(url: string): Promise<{ module: WebAssembly.Module; how: BootReply["compile"] }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot fetch ${url}: HTTP ${response.status}`);
  const type = response.headers.get("content-type") ?? "";
  if (typeof WebAssembly.compileStreaming === "function" && type.split(";")[0]!.trim() === "application/wasm") {
    return { module: await WebAssembly.compileStreaming(response), how: "streaming" };
  }
  return { module: await WebAssembly.compile(await response.arrayBuffer()), how: "buffer" };
}

async function boot(url: string, env: Record<string, string>): Promise<BootReply> {
  if (vm !== null) throw new Error("the Ruby VM is already booted");
  const t0 = performance.now();
  const { module, how } = await compile(url);
  const t1 = performance.now();
  const wasi = new WASI({ env, preopens: { "/": fs.root }, stdout: sink("stdout"), stderr: sink("stderr") });
  ({ vm } = await RubyVM.instantiateModule({ module, wasip1: wasi }));
  // Unbuffered: puts reaches the page while the code runs, not at the next flush.
  vm.eval("$stdout.sync = true; $stderr.sync = true");
  return {
    version: vm.eval(`"ruby #{RUBY_VERSION} (#{RUBY_RELEASE_DATE}) [#{RUBY_PLATFORM}]"`).toString(),
    compile: how,
    fetchCompileMs: t1 - t0,
    instantiateMs: performance.now() - t1,
  };
}

// ---- the page's files → the MemFS (in place: the preopen stays the same directory) ----

type Kind = "file" | "symlink" | "dir";

function kindOf(filetype: number): Kind {
  return filetype === FileType.DIRECTORY ? "dir" : filetype === FileType.SYMBOLIC_LINK ? "symlink" : "file";
}

function removeTree(dir: DirectoryHandle, name: string, kind: Kind): void {
  if (kind !== "dir") {
    dir.unlinkFileAt(name);
    return;
  }
  const sub = dir.openDirectory(name);
  for (const entry of sub.readDirectory()) removeTree(sub, entry.name, kindOf(entry.filetype));
  dir.removeDirectoryAt(name);
}

/** Make the MemFS hold exactly `tree`; files whose bytes did not change are not rewritten. */
function sync(tree: MemFSTree): void {
  const want = new Map<string, Kind>();
  const files: [string, Uint8Array][] = [];
  const links: [string, string][] = [];
  for (const [raw, entry] of Object.entries(tree)) {
    const parts = raw.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.length === 0) continue;
    for (let i = 1; i < parts.length; i++) want.set(parts.slice(0, i).join("/"), "dir");
    const path = parts.join("/");
    if (typeof entry === "string" || entry instanceof Uint8Array) {
      want.set(path, "file");
      files.push([path, typeof entry === "string" ? new TextEncoder().encode(entry) : entry]);
    } else if (typeof entry.symlink === "string") {
      // The page sends flat paths: an object is a symlink or an empty directory, never a subtree.
      want.set(path, "symlink");
      links.push([path, entry.symlink]);
    } else {
      want.set(path, "dir");
    }
  }
  // Remove what the page no longer has (or has as another kind of entry).
  const walk = (dir: DirectoryHandle, prefix: string): void => {
    for (const entry of dir.readDirectory()) {
      const path = prefix + entry.name;
      const kind = kindOf(entry.filetype);
      if (want.get(path) !== kind) removeTree(dir, entry.name, kind);
      else if (kind === "dir") walk(dir.openDirectory(entry.name), `${path}/`);
    }
  };
  walk(fs.root, "");
  for (const [path, kind] of want) if (kind === "dir" && !fs.exists(path)) fs.mkdir(path);
  for (const [path, bytes] of files) {
    if (fs.exists(path) && same(fs.readFile(path), bytes)) continue;
    fs.writeFile(path, bytes);
  }
  for (const [path, target] of links) if (!fs.exists(path)) fs.symlink(target, path);
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function evaluate(code: string, files: MemFSTree | null): EvalReply {
  if (vm === null) throw new Error("the Ruby VM is not booted");
  if (files !== null) sync(files);
  captured = { stdout: "", stderr: "" };
  const t0 = performance.now();
  let result = "";
  let inspect = "";
  let error: string | null = null;
  try {
    const value = vm.eval(code);
    result = value.toString();
    inspect = value.call("inspect").toString();
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const ms = performance.now() - t0;
  return { result, inspect, error, stdout: captured.stdout, stderr: captured.stderr, files: fs.toObject(), ms };
}

self.addEventListener("message", (event: MessageEvent<RubyRequest>) => {
  const request = event.data;
  const reply = (work: () => Promise<BootReply | EvalReply> | EvalReply): void => {
    Promise.resolve().then(work).then(
      (value) => post({ id: request.id, type: "done", ok: true, value }),
      (e: unknown) => post({ id: request.id, type: "done", ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  };
  if (request.type === "boot") reply(() => boot(request.url, request.env));
  else reply(() => evaluate(request.code, request.files));
});
