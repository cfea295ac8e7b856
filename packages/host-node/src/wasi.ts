import {
  MemFS, WASI as CoreWASI, type Clock, type DirectoryHandle, type InputSource, type MemFSTree, type OutputSink, type WASIOptions,
} from "@anywasi/core";
import { nodeClock } from "./clock.js";
import { NodeFS } from "./node-fs.js";
import { ProcessStdin } from "./stdin.js";
import { processOutput } from "./stdout.js";

/** A host directory to preopen: its path, or its path and whether the guest may only read. */
export type HostDir = string | {
  /** The host directory. */
  path: string;
  /** The guest may only read: every change fails with `EROFS`. Default `false`. */
  readOnly?: boolean;
};

/** Options of `createNodeWASI()`: those of the core's `WASI`, plus Node's real files and stdio. */
export interface NodeWASIOptions extends Omit<WASIOptions, "stdin" | "stdout" | "stderr" | "clock"> {
  /** Host directories to preopen: guest path → host path (`{ "/data": "./data" }`). */
  dirs?: Readonly<Record<string, HostDir>>;
  /**
   * In-memory directories to preopen: guest path → tree (`MemFS.from`), a fresh filesystem per
   * environment. Plain data, so it also crosses into a `worker: true` run.
   */
  memfs?: Readonly<Record<string, MemFSTree>>;
  /** Standard input; `"inherit"` (the default) reads the process's stdin. */
  stdin?: InputSource | "inherit";
  /** Standard output; `"inherit"` (the default) writes to the process's stdout. */
  stdout?: OutputSink | "inherit";
  /** Standard error; `"inherit"` (the default) writes to the process's stderr. */
  stderr?: OutputSink | "inherit";
  /** Time source. Default: `process.hrtime` and `process.cpuUsage`. */
  clock?: Clock;
}

/** A WASI environment wired to Node, and what must be released after the run. */
export interface NodeWASI {
  /** The core's `WASI`, ready for `getImportObject()` and `start()`. */
  wasi: CoreWASI;
  /** Release host resources: preopened directory descriptors, the stdin reader thread. */
  close(): void;
}

/** One line naming the host path and why it cannot be preopened (not `lstat`'s raw ENOENT). */
function preopenError(guest: string, path: string, cause: unknown): Error {
  const code = (cause as { code?: unknown } | null)?.code;
  const why = code === "ENOENT" ? "no such directory"
    : code === "EACCES" || code === "EPERM" ? "permission denied"
    : code === "ENOTDIR" || (cause instanceof Error && cause.message.startsWith("not a directory")) ? "not a directory"
    : cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
  const suffix = typeof code === "string" ? ` (${code})` : "";
  return new Error(`cannot preopen ${JSON.stringify(path)} as ${JSON.stringify(guest)}: ${why}${suffix}`, { cause });
}

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/** Core options for a Node environment, and the release of what they hold. */
const nodeOptions = (function nodeOptions(options: NodeWASIOptions): { options: WASIOptions; close(): void } {
  const { dirs, memfs, stdin, stdout, stderr, preopens, clock, ...rest } = options;
  const filesystems: NodeFS[] = [];
  const all: Record<string, DirectoryHandle> = {};
  for (const [guest, host] of Object.entries(dirs ?? {})) {
    const spec = typeof host === "string" ? { path: host } : host;
    try {
      const nodeFs = new NodeFS(spec.path, { readOnly: spec.readOnly === true });
      filesystems.push(nodeFs);
      all[guest] = nodeFs.root;
    } catch (e) {
      for (const f of filesystems) f.close();
      throw preopenError(guest, spec.path, e);
    }
  }
  for (const [guest, tree] of Object.entries(memfs ?? {})) all[guest] = MemFS.from(tree).root;
  Object.assign(all, preopens ?? {});
  const processStdin = stdin === undefined || stdin === "inherit" ? new ProcessStdin(0) : null;
  return {
    options: {
      ...rest,
      preopens: all,
      clock: clock ?? nodeClock,
      stdin: processStdin ?? (stdin as InputSource),
      stdout: stdout === undefined || stdout === "inherit" ? processOutput(1, true) : stdout,
      stderr: stderr === undefined || stderr === "inherit" ? processOutput(2, false) : stderr,
    },
    close() {
      processStdin?.close();
      for (const f of filesystems) f.close();
    },
  };
});

/**
 * Build a `WASI` whose preopens are real directories (sandboxed by the core) and whose stdio are
 * the process's. Preopens from `dirs` come first, then those from `memfs`, then `preopens`.
 * @throws Error when a `dirs` path is missing, unreadable or not a directory: one line naming
 *   the path and the guest path (`cannot preopen "./data" as "/data": no such directory (ENOENT)`).
 */
export function createNodeWASI(options: NodeWASIOptions = {}): NodeWASI {
  const { options: core, close } = nodeOptions(options);
  return { wasi: new CoreWASI(core), close };
}

/** Options of `@anywasi/node`'s `WASI`: `node:wasi`'s, where a preopen may be a host directory path. */
export interface NodeCompatOptions extends Omit<NodeWASIOptions, "preopens"> {
  /** Guest path → host directory path (as `node:wasi`) or a `DirectoryHandle` such as `memfs.root`. */
  preopens?: Readonly<Record<string, string | DirectoryHandle>>;
}

/**
 * A drop-in for `node:wasi`'s `WASI`: change the import and existing code keeps working. As in
 * `node:wasi`, stdio default to the process's and `preopens` map guest paths to host directories
 * (sandboxed by the core); a preopen may also be any `DirectoryHandle`, e.g. a `MemFS` root.
 * Call `close()` after the run to release host descriptors and the stdin reader.
 * @throws Error when a preopened host path is missing, unreadable or not a directory (one line naming it).
 */
export class WASI extends CoreWASI {
  /** Release host resources (preopened directory descriptors, the stdin reader thread). */
  readonly close: () => void;

  constructor(options: NodeCompatOptions = {}) {
    const { preopens, dirs, ...rest } = options;
    const hostDirs: Record<string, HostDir> = { ...dirs };
    const handles: Record<string, DirectoryHandle> = {};
    for (const [guest, value] of Object.entries(preopens ?? {})) {
      if (typeof value === "string") hostDirs[guest] = value;
      else handles[guest] = value;
    }
    const resolved = nodeOptions({ ...rest, dirs: hostDirs, preopens: handles });
    super(resolved.options);
    this.close = resolved.close;
  }
}
