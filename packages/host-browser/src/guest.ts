import {
  LimitError, MemFS, WASI, instantiate, toInputStream,
  type DirectoryHandle, type InputStream, type MemFSTree, type OutputStream, type TraceEvent,
} from "@anywasi/core";
import { getSuspendingImportObject, startAsync } from "@anywasi/core/jspi";
import { opfsDirectory, readOpfsTree } from "./opfs-load.js";
import { storeOpfsTree } from "./opfs-store.js";
import type { RunEnd, StartRequest, WireError } from "./protocol.js";
import { QueueInput } from "./queue-input.js";
import { RingInput } from "./ring-input.js";
import { loadSource } from "./source.js";

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

/** An OPFS preopen during a run: the MemFS the guest uses and what it was loaded from. */
interface OpfsMount {
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
 * Run one guest in this worker: load its filesystems (OPFS directories are read into MemFS
 * first), run it to the end (suspending under JSPI, blocking otherwise), then write OPFS
 * preopens back, even after a trap. Never throws: failures are reported in the outcome.
 */
export async function runGuest(req: StartRequest, queue: QueueInput, send: OutputSender, sendTrace: TraceSender = () => {}): Promise<RunEnd> {
  const mems: MemFS[] = [];
  const mounts: OpfsMount[] = [];
  let outcome: RunEnd;
  try {
    const { maxMemoryPages, maxOutputBytes, maxOpenFiles } = req.limits;
    const module = await loadSource(req.source, maxMemoryPages === undefined ? {} : { maxMemoryPages });
    const preopens: Record<string, DirectoryHandle> = {};
    for (const [guestPath, tree] of req.dirs) {
      const fs = MemFS.from(tree);
      mems.push(fs);
      preopens[guestPath] = fs.root;
    }
    for (const [guestPath, opfsPath] of req.opfs) {
      const dir = await opfsDirectory(opfsPath);
      const before = await readOpfsTree(dir);
      const fs = MemFS.from(before);
      mounts.push({ dir, fs, before });
      preopens[guestPath] = fs.root;
    }
    const wasi = new WASI({
      args: req.args, env: req.env, preopens, stdin: stdinFor(req, queue), stdout: sender(send, 1, req.tty), stderr: sender(send, 2, req.tty),
      ...(req.trace ? { trace: (event: TraceEvent) => sendTrace(event.text()) } : {}),
      ...(maxOutputBytes === undefined ? {} : { maxOutputBytes }),
      ...(maxOpenFiles === undefined ? {} : { maxOpenFiles }),
    });
    let exitCode: number;
    if (req.mode === "jspi") {
      // The core types the suspending imports for its own globals; DOM's WebAssembly.Imports has no Suspending.
      const imports = getSuspendingImportObject(wasi) as unknown as WebAssembly.Imports;
      exitCode = await startAsync(wasi, await instantiate(module, imports));
    } else {
      exitCode = wasi.start(await instantiate(module, wasi.getImportObject()));
    }
    outcome = { exitCode, files: null };
  } catch (e) {
    outcome = { error: wireError(e), files: null };
  }
  try {
    for (const m of mounts) await storeOpfsTree(m.dir, m.before, m.fs.toObject());
  } catch (e) {
    const err = wireError(e);
    outcome = { error: { ...err, message: `writing the OPFS preopens back failed: ${err.message}` }, files: null };
  }
  if (req.collectRoot && mems[0] !== undefined) outcome.files = mems[0].toObject();
  return outcome;
}
