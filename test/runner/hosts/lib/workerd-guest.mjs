// The Worker of host `workerd` (bundled by workerd.mjs with esbuild; "anywasi:fixtures" is the
// generated module that imports every fixture .wasm as a precompiled WebAssembly.Module, as
// Workers require). POST / with a JSON spec runs one test on @anywasi/worker:
//   { module, args, env, preopens: [[guestPath, tree]], jspi, frozen }
// tree: { "a/b.txt": { f: base64 } | { l: symlinkTarget } | { d: 1 } }.
// Answers { exitCode }, { error } or { timedOut } (a read that would block forever), with
// stdout/stderr in base64.
import { MemFS, inThreadRunner, run, workerClock } from "@anywasi/worker";
import { components, modules } from "anywasi:fixtures";

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

/**
 * `performance.now()` and `Date.now()` standing still while `fn` runs, as production Workers
 * freeze them while code runs (locally they move): for a component, whose clock run() makes
 * itself from them (`workerClock()`). `advance(ns)` moves the frozen time on (a stdin poll that
 * waited its timeout).
 */
async function frozenTime(fn) {
  const perf = performance.now();
  const date = Date.now();
  let extraMs = 0;
  const own = { now: Object.getOwnPropertyDescriptor(performance, "now"), date: Object.getOwnPropertyDescriptor(Date, "now") };
  Object.defineProperty(performance, "now", { value: () => perf + extraMs, configurable: true, writable: true });
  Object.defineProperty(Date, "now", { value: () => Math.floor(date + extraMs), configurable: true, writable: true });
  try {
    return await fn((ns) => { extraMs += Number(ns) / 1e6; });
  } finally {
    if (own.now) Object.defineProperty(performance, "now", own.now);
    else delete performance.now;
    if (own.date) Object.defineProperty(Date, "now", own.date);
    else delete Date.now;
  }
}

/**
 * Run a precompiled component with run() of @anywasi/worker, as a Worker would (through its JSPI
 * glue when `spec.jspi`). Its stdin never delivers: a poll with a timeout lets the (frozen) time
 * pass, a read would block forever (synchronously: WouldHang; under JSPI the guest stays
 * suspended, which workerd reports as a request that never answers).
 */
async function runComponent(spec, component, stdout, stderr) {
  const go = async (advance) => run(component, {
    args: spec.args,
    env: spec.env,
    jspi: spec.jspi,
    files: Object.fromEntries(spec.preopens.map(([path, wire]) => [path, toTree(wire)])),
    stdin: {
      read() { throw new WouldHang("read from a stdin that never delivers: it would block forever"); },
      poll(timeoutNs) {
        if (timeoutNs !== null && timeoutNs > 0n) advance(timeoutNs);
        return false;
      },
      waitAsync: () => new Promise(() => {}),
    },
    stdout: (c) => stdout.push(c),
    stderr: (c) => stderr.push(c),
  });
  return (await (spec.frozen ? frozenTime(go) : go(() => {}))).exitCode;
}

export default {
  async fetch(request) {
    const spec = await request.json();
    if (spec.component) {
      const component = components[spec.module];
      if (component === undefined) return Response.json({ error: `no precompiled component ${spec.module}` });
      const stdout = new Sink();
      const stderr = new Sink();
      let result;
      try {
        result = { exitCode: await runComponent(spec, component, stdout, stderr) };
      } catch (e) {
        result = e instanceof WouldHang ? { timedOut: true } : { error: `${e?.name ?? "Error"}: ${e?.message ?? e}` };
      }
      return Response.json({ ...result, stdout: b64encode(stdout.bytes()), stderr: b64encode(stderr.bytes()) });
    }
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
