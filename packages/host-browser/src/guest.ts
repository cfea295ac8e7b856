import { MemFS, WASI, instantiate, toInputStream, type DirectoryHandle, type InputStream, type MemFSTree } from "@anywasi/core";
import { BatchOutput } from "./batch-output.js";
import { opfsDirectory, readOpfsTree } from "./opfs-load.js";
import { storeOpfsTree } from "./opfs-store.js";
import type { Outcome, StartRequest, WireError } from "./protocol.js";
import { QueueInput } from "./queue-input.js";
import { RingInput } from "./ring-input.js";
import { loadSource } from "./source.js";

/** Where guest output goes: `send(fd, chunk)` owns `chunk`. */
export type OutputSender = (fd: 1 | 2, chunk: Uint8Array) => void;

/** An OPFS preopen during a run: the MemFS the guest uses and what it was loaded from. */
interface OpfsMount {
  dir: FileSystemDirectoryHandle;
  fs: MemFS;
  before: MemFSTree;
}

export function wireError(e: unknown): WireError {
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }) };
  return { name: "Error", message: String(e) };
}

function stdinFor(req: StartRequest, queue: QueueInput): InputStream {
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
 * @param onStarted called once the module compiled and the guest is about to run.
 */
export async function runGuest(req: StartRequest, queue: QueueInput, send: OutputSender, onStarted: () => void): Promise<Outcome> {
  const mems: MemFS[] = [];
  const mounts: OpfsMount[] = [];
  let outcome: Outcome;
  try {
    const module = await loadSource(req.source);
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
    const stdout = new BatchOutput((chunk) => send(1, chunk));
    const stderr = new BatchOutput((chunk) => send(2, chunk));
    const wasi = new WASI({ args: req.args, env: req.env, preopens, stdin: stdinFor(req, queue), stdout, stderr });
    onStarted();
    let exitCode: number;
    try {
      if (req.mode === "jspi") {
        exitCode = await wasi.startAsync(await instantiate(module, wasi.getSuspendingImportObject()));
      } else {
        exitCode = wasi.start(await instantiate(module, wasi.getImportObject()));
      }
    } finally {
      // The guest's writes are flushed by the core at exit and on a trap; send what the batcher holds.
      stdout.flush();
      stderr.flush();
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
