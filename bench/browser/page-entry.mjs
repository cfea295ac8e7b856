// Bundled by esbuild into the benchmark page: runs one guest on anywasi (core + MemFS), on
// browser_wasi_shim (in-memory PreopenDirectory), on uwasi (stdio only), on @runno/wasi (its
// in-memory fs) or on @tybys/wasm-util (with memfs-browser, the in-memory fs its README pairs it
// with in browsers); stdout dropped by a sink function in all, stderr collected. Exposed as
// globalThis.benchRun.
import { MemFS, WASI as AnyWASI, instantiate, loadModule } from "@anywasi/core";
import { ConsoleStdout, File, OpenFile, PreopenDirectory, WASI as ShimWASI } from "@bjorn3/browser_wasi_shim";
import { WASI as RunnoWASI } from "@runno/wasi";
import { WASI as UWASI, useAll } from "uwasi";
import { WASI as TybysWASI } from "@tybys/wasm-util";
import { Volume, createFsFromVolume } from "memfs-browser";
import { Buffer } from "buffer";

// memfs-browser uses Node's Buffer, which a page lacks: the `buffer` package stands in, as the
// memfs-browser README says.
globalThis.Buffer ??= Buffer;

globalThis.benchRun = async (runtime, url, args) => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const err = [];
  const keep = (chunk) => { err.push(chunk.slice()); };
  const t0 = performance.now();
  let start;
  if (runtime === "anywasi-memfs") {
    const module = await loadModule(bytes);
    const fs = MemFS.from({});
    const wasi = new AnyWASI({ args, env: {}, preopens: { "/": fs.root }, stdout: () => {}, stderr: keep });
    const instance = await instantiate(module, wasi.getImportObject());
    start = () => wasi.start(instance);
  } else if (runtime === "browser-wasi-shim") {
    const module = await WebAssembly.compile(bytes);
    const fds = [new OpenFile(new File([])), new ConsoleStdout(() => {}), new ConsoleStdout(keep), new PreopenDirectory("/", new Map())];
    const wasi = new ShimWASI(args, [], fds);
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    start = () => wasi.start(instance);
  } else if (runtime === "uwasi") {
    const module = await WebAssembly.compile(bytes);
    const enc = new TextEncoder();
    const wasi = new UWASI({ args, env: {}, features: [useAll({ stdout: () => {}, stderr: (s) => keep(enc.encode(s)) })] });
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    start = () => wasi.start(instance);
  } else if (runtime === "runno-wasi") {
    const module = await WebAssembly.compile(bytes);
    const enc = new TextEncoder();
    const wasi = new RunnoWASI({ args, env: {}, fs: {}, stdout: () => {}, stderr: (s) => keep(enc.encode(s)) });
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    start = () => wasi.start({ instance, module }).exitCode;
  } else if (runtime === "tybys-wasm-util") {
    const module = await WebAssembly.compile(bytes);
    const enc = new TextEncoder();
    const vol = Volume.fromJSON({ "/.keep": "" });
    const wasi = new TybysWASI({
      version: "preview1", args, env: {}, preopens: { "/": "/" }, fs: createFsFromVolume(vol), returnOnExit: true,
      print: () => {}, printErr: (line) => keep(enc.encode(`${line}\n`)),
    });
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    start = () => wasi.start(instance);
  } else {
    throw new Error(`unknown runtime ${runtime}`);
  }
  const t1 = performance.now();
  let exitCode;
  let error = null;
  try {
    exitCode = start();
  } catch (e) {
    exitCode = 134;
    error = String(e);
  }
  const t2 = performance.now();
  let n = 0;
  for (const c of err) n += c.length;
  const all = new Uint8Array(n);
  n = 0;
  for (const c of err) { all.set(c, n); n += c.length; }
  const stderr = new TextDecoder().decode(all) + (error ? `\n${error}` : "");
  return { exitCode, stderr, setupMs: t1 - t0, runMs: t2 - t1 };
};
