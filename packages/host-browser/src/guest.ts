import {
  LimitError, MemFS, WASI, instantiate, toInputStream,
  type DirectoryHandle, type InputStream, type MemFSTree, type OutputStream, type TraceEvent,
} from "@anywasi/core";
import { getSuspendingImportObject, hasJSPI, startAsync } from "@anywasi/core/jspi";
import { AsyncOps, DIRECTORY_CALLS, replayed, replaying } from "./opfs-async.js";
import { OpfsMount } from "./opfs-live.js";
import { opfsDirectory, readOpfsTree } from "./opfs-load.js";
import { storeOpfsTree } from "./opfs-store.js";
import type { RunEnd, StartRequest, WireError } from "./protocol.js";
import { QueueInput } from "./queue-input.js";
import { RingInput } from "./ring-input.js";
import { loadGuest } from "./load-guest.js";

/** Where guest output goes: `send(fd, chunk)` owns `chunk`. */
export type OutputSender = (fd: 1 | 2, chunk: Uint8Array) => void;

/** Where trace lines go (`StartRequest.trace`). */
export type TraceSender = (line: string) => void;

/**
 * A guest output stream that sends every write at once, as a copy. Not batched: a synchronous
 * guest gives this thread no later moment to send held-back bytes (a guest that prints and then
 * computes would show nothing), and C's stdio already batches stdout when it is not a terminal.
 */
function sender(send: OutputSender, fd: 1 | 2, isTTY: boolean): OutputStream {
  return { write: (bytes) => send(fd, bytes.slice()), isTTY };
}

/**
 * An OPFS preopen run on a snapshot (only where the engine has no JSPI): the MemFS the guest uses
 * and what it was loaded from.
 */
interface OpfsSnapshot {
  dir: FileSystemDirectoryHandle;
  fs: MemFS;
  before: MemFSTree;
}

/** An exception as it can cross to the page (name, message and stack kept). */
export function wireError(e: unknown): WireError {
  if (e instanceof Error) {
    return {
      name: e.name, message: e.message,
      ...(e.stack === undefined ? {} : { stack: e.stack }),
      ...(e instanceof LimitError ? { kind: e.kind } : {}),
    };
  }
  return { name: "Error", message: String(e) };
}

function stdinFor(req: StartRequest, queue: QueueInput): InputStream {
  const input = stdinSource(req, queue);
  if (!req.tty) return input;
  // The same stream, reported as a terminal; the core checks which optional methods exist.
  return {
    isTTY: true,
    read: (into) => input.read(into),
    ...(input.poll === undefined ? {} : { poll: (timeoutNs: bigint | null) => input.poll!(timeoutNs) }),
    ...(input.waitAsync === undefined ? {} : { waitAsync: () => input.waitAsync!() }),
  };
}

function stdinSource(req: StartRequest, queue: QueueInput): InputStream {
  switch (req.stdin.kind) {
    case "bytes": return toInputStream(req.stdin.bytes);
    case "queue": return queue;
    case "ring": return new RingInput(req.stdin.buffer);
  }
}

/**
 * Run one guest in this worker to the end (suspending under JSPI, blocking otherwise). OPFS
 * preopens are live where the engine has JSPI (see opfs-live.ts): the guest is suspended while a
 * directory operation completes, whatever the stdin mode (a component through its JSPI glue).
 * Otherwise they are read into MemFS first and written back at the end, even after a trap, refusing to overwrite what another
 * context changed meanwhile (opfs-store.ts). `running` is called once the guest is loaded and
 * compiled, as it starts. Never throws: failures are reported in the outcome.
 */
export async function runGuest(req: StartRequest, queue: QueueInput, send: OutputSender, sendTrace: TraceSender = () => {}, running: () => void = () => {}): Promise<RunEnd> {
  const mems: MemFS[] = [];
  const mounts: OpfsSnapshot[] = [];
  const live: OpfsMount[] = [];
  const ops = new AsyncOps();
  const liveOpfs = hasJSPI();
  let outcome: RunEnd;
  try {
    const { maxMemoryPages, maxOutputBytes, maxOpenFiles } = req.limits;
    const guest = await loadGuest(req.source, maxMemoryPages === undefined ? {} : { maxMemoryPages });
    // A component (component-guest.ts) runs through JSPI glue in JSPI mode, and in SAB mode when it
    // has live OPFS preopens (only its directory operations suspend then), synchronously otherwise.
    const component = guest.kind === "component" ? await import("./component-guest.js") : null;
    const preopens: Record<string, DirectoryHandle> = {};
    for (const [guestPath, tree] of req.dirs) {
      const fs = MemFS.from(tree);
      mems.push(fs);
      preopens[guestPath] = fs.root;
    }
    for (const [guestPath, opfsPath] of req.opfs) {
      const dir = await opfsDirectory(opfsPath);
      if (liveOpfs) {
        // Device numbers after the MemFS ones; one per preopen, as for separate mounts.
        const mount = new OpfsMount(ops, 0x0f5_0000n + BigInt(live.length));
        live.push(mount);
        preopens[guestPath] = mount.root(dir);
        continue;
      }
      const before = await readOpfsTree(dir);
      const fs = MemFS.from(before);
      mounts.push({ dir, fs, before });
      preopens[guestPath] = fs.root;
    }
    const wasi = new WASI({
      args: req.args, env: req.env, preopens, stdin: stdinFor(req, queue), stdout: sender(send, 1, req.tty), stderr: sender(send, 2, req.tty),
      // Deferred like the OPFS state changes: a live-OPFS call that suspends is replayed, and only
      // the attempt that returns is traced (the suspended one would read "guest ended").
      ...(req.trace ? { trace: (event: TraceEvent) => { const line = event.text(); ops.defer(() => sendTrace(line)); } } : {}),
      ...(maxOutputBytes === undefined ? {} : { maxOutputBytes }),
      ...(maxOpenFiles === undefined ? {} : { maxOpenFiles }),
    });
    let exitCode: number;
    // A component is compiled later, in runComponentGuest, which says when it starts.
    if (component === null) running();
    if (guest.kind === "component") {
      // Its wasi:filesystem directory operations are replayed on live OPFS as preview1's DIRECTORY_CALLS
      // are; stdin keeps its own bridge, as below.
      const directoryCall = live.length === 0 ? null : <T>(call: () => T): T | Promise<T> => replayed(ops, call);
      exitCode = await component!.runComponentGuest(guest.bytes, wasi, maxMemoryPages, running, req.mode === "jspi", directoryCall);
    } else if (live.length > 0) {
      // Every call that may reach an OPFS directory suspends while OPFS answers; stdin keeps its
      // own bridge (suspending under JSPI, Atomics.wait under SAB).
      const base = req.mode === "jspi" ? getSuspendingImportObject(wasi).wasi_snapshot_preview1 : wasi.wasiImport;
      const ns = { ...base };
      for (const name of DIRECTORY_CALLS) ns[name] = replaying(wasi.wasiImport[name], ops);
      const imports = { wasi_snapshot_preview1: ns } as unknown as WebAssembly.Imports;
      exitCode = await startAsync(wasi, await instantiate(guest.module, imports));
    } else if (req.mode === "jspi") {
      // The core types the suspending imports for its own globals; DOM's WebAssembly.Imports has no Suspending.
      const imports = getSuspendingImportObject(wasi) as unknown as WebAssembly.Imports;
      exitCode = await startAsync(wasi, await instantiate(guest.module, imports));
    } else {
      exitCode = wasi.start(await instantiate(guest.module, wasi.getImportObject()));
    }
    outcome = { exitCode, files: null };
  } catch (e) {
    outcome = { error: wireError(e), files: null };
  }
  // Let go of the files the guest left open, so that other workers and tabs can take them now.
  for (const m of live) m.closeAll();
  try {
    // OPFS has no hard links: those the guest made are stored as copies.
    for (const m of live) await m.storeLinks();
    for (const m of mounts) await storeOpfsTree(m.dir, m.before, m.fs.toObject());
  } catch (e) {
    const err = wireError(e);
    outcome = { error: { ...err, message: `writing the OPFS preopens back failed: ${err.message}` }, files: null };
  }
  if (req.collectRoot && mems[0] !== undefined) outcome.files = mems[0].toObject();
  return outcome;
}
