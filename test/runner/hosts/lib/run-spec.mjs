// The guest side shared by hosts `node` (in a Worker: node-guest.mjs) and `deno` (in a
// Web Worker of one `deno run` process: deno-worker.mjs): runs one test on @anywasi/core and returns
// { exitCode, stdout, stderr } or { error, stdout, stderr } (stdout/stderr: Uint8Array).
//
// spec: { wasm, args, env, preopens: { guestPath: hostDir }, fs: "memory" | "disk",
//         scratchDir? (where --fs disk copies the fixtures; default: os.tmpdir()),
//         component? (true: the .wasm is a WASI 0.2 command component, run through
//         @anywasi/core/component over the same WASI object) }
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ByteSink } from "./bytes.mjs";
import { copyTree, readTree } from "./fixtures.mjs";

/** stdin: an open pipe that never delivers data nor end-of-file. */
function neverStdin() {
  const cell = new Int32Array(new SharedArrayBuffer(4)); // nobody ever notifies it
  return {
    read(_into) {
      for (;;) Atomics.wait(cell, 0, 0);
    },
    poll(timeoutNs) {
      if (timeoutNs === null || timeoutNs === undefined) for (;;) Atomics.wait(cell, 0, 0);
      const ms = Number(timeoutNs) / 1e6;
      if (ms > 0) Atomics.wait(cell, 0, 0, ms);
      return false;
    },
  };
}

/** An output sink usable both as a `(chunk) => void` callback and as an `OutputStream`. */
function sink(bytes) {
  const write = (chunk) => bytes.push(chunk);
  write.write = write;
  return write;
}

export async function runSpec(spec) {
  const stdout = new ByteSink();
  const stderr = new ByteSink();
  let result;
  const scratch = [];
  try {
    const { WASI, MemFS } = await import("@anywasi/core");
    const { NodeFS } = spec.fs === "disk" ? await import("@anywasi/node") : {};
    const preopens = {};
    for (const [guestPath, hostDir] of Object.entries(spec.preopens)) {
      if (spec.fs === "disk") {
        // --fs disk: a fresh copy of the fixture directory on the real disk, behind NodeFS.
        const copy = mkdtempSync(join(spec.scratchDir ?? tmpdir(), "anywasi-conformance-"));
        scratch.push(copy);
        copyTree(hostDir, copy);
        preopens[guestPath] = new NodeFS(copy).root;
      } else {
        preopens[guestPath] = MemFS.from(readTree(hostDir)).root;
      }
    }
    const wasi = new WASI({
      args: spec.args,
      env: spec.env,
      preopens,
      stdin: neverStdin(),
      stdout: sink(stdout),
      stderr: sink(stderr),
    });
    if (spec.component) {
      const { loadComponent, startComponent } = await import("@anywasi/core/component");
      result = { exitCode: await startComponent(await loadComponent(readFileSync(spec.wasm)), wasi) };
    } else {
      const module = await WebAssembly.compile(readFileSync(spec.wasm));
      const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
      result = { exitCode: wasi.start(instance) };
    }
  } catch (e) {
    result = { error: e?.stack ?? String(e) };
  }
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  result.stdout = stdout.bytes();
  result.stderr = stderr.bytes();
  return result;
}
