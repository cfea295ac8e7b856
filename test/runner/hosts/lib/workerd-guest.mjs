// The Worker of host `workerd` (bundled by workerd.mjs with esbuild; "anywasi:fixtures" is the
// generated module that imports every fixture .wasm as a precompiled WebAssembly.Module, as
// Workers require). POST / with a JSON spec runs one test on @anywasi/worker:
//   { module, args, env, preopens: [[guestPath, tree]], jspi, frozen }
// tree: { "a/b.txt": { f: base64 } | { l: symlinkTarget } | { d: 1 } }.
// Answers { exitCode }, { error } or { timedOut } (a read that would block forever), with
// stdout/stderr in base64.
import { MemFS, inThreadRunner, workerClock } from "@anywasi/worker";
import { modules } from "anywasi:fixtures";

const b64decode = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
function b64encode(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function toTree(wire) {
  const tree = {};
  for (const [path, e] of Object.entries(wire)) tree[path] = e.f !== undefined ? b64decode(e.f) : e.l !== undefined ? { symlink: e.l } : {};
  return tree;
}

/** A clock that never moves by itself: what a Worker sees in production while code runs. */
function frozenClock() {
  const real = BigInt(Date.now()) * 1_000_000n;
  const mono = BigInt(Math.round(performance.now() * 1e6));
  return { now: (id) => (id === 0 ? real : mono), resolution: () => 1_000_000n };
}

/** Thrown by a synchronous read of `neverStdin`: the guest would block forever (a hang). */
class WouldHang extends Error {}

/** stdin: an open pipe that never delivers data nor end-of-file. */
function neverStdin(clock) {
  return {
    read() {
      throw new WouldHang("read from a stdin that never delivers: it would block forever");
    },
    poll(timeoutNs) {
      if (timeoutNs !== null && timeoutNs > 0n) clock.sleep(timeoutNs);
      return false;
    },
    waitAsync: () => new Promise(() => {}),
  };
}

class Sink {
  chunks = [];
  length = 0;
  push(c) {
    this.chunks.push(c.slice());
    this.length += c.length;
  }
  bytes() {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) { out.set(c, at); at += c.length; }
    return out;
  }
}

export default {
  async fetch(request) {
    const spec = await request.json();
    const module = modules[spec.module];
    if (module === undefined) return Response.json({ error: `no precompiled module ${spec.module}` });
    const clock = workerClock(spec.frozen ? frozenClock() : undefined);
    const stdout = new Sink();
    const stderr = new Sink();
    let result;
    try {
      const runner = inThreadRunner({ clock: () => clock, jspi: spec.jspi });
      const exitCode = await runner.run({
        module,
        args: spec.args,
        env: spec.env,
        files: Object.fromEntries(spec.preopens.map(([path, wire]) => [path, toTree(wire)])),
        stdin: neverStdin(clock),
        stdout: (c) => stdout.push(c),
        stderr: (c) => stderr.push(c),
        timeoutMs: null,
        signal: new AbortController().signal,
      });
      result = { exitCode };
    } catch (e) {
      result = e instanceof WouldHang ? { timedOut: true } : { error: `${e?.name ?? "Error"}: ${e?.message ?? e}` };
    }
    return Response.json({ ...result, stdout: b64encode(stdout.bytes()), stderr: b64encode(stderr.bytes()) });
  },
};
