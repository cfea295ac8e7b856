import type { LimitKind } from "@anywasi/core";
/**
 * The control plane between the page and the guest's worker, carried by comlink: start (whose
 * result is the end of the run), stdin chunks (JSPI mode) and end of stdin. Syscalls never cross
 * it: the guest, its filesystems and its descriptors all live in the worker. `kill` is
 * `worker.terminate()` on the page.
 *
 * Output chunks are the one high-volume, one-way flow, so they go as plain messages on their own
 * `MessagePort` rather than as comlink calls: a comlink call keeps a pending reply in the worker
 * until its event loop runs, which a synchronous guest never lets happen before it ends.
 */
import type { MemFSTree } from "@anywasi/core";
import type { WaitMode } from "./types.js";

/** The module, as something that can be posted to a worker. */
export type WireSource =
  | { kind: "url"; url: string }
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "module"; module: WebAssembly.Module };

/** How the worker gets stdin. */
export type WireStdin =
  | { kind: "bytes"; bytes: Uint8Array }
  /** Chunks arrive through `GuestControl.stdin` while the guest is suspended (JSPI). */
  | { kind: "queue" }
  /** The page writes into this ring buffer (see sab-ring.ts); the worker blocks on it. */
  | { kind: "ring"; buffer: SharedArrayBuffer };

/** Everything the worker needs to run one guest. */
export interface StartRequest {
  source: WireSource;
  args: string[];
  env: string[];
  /** In-memory preopens, in descriptor order. */
  dirs: [guestPath: string, tree: MemFSTree][];
  /** OPFS preopens (after `dirs`): guest path → OPFS directory path. */
  opfs: [guestPath: string, opfsPath: string][];
  mode: WaitMode;
  stdin: WireStdin;
  /** Send back the tree of the `/` in-memory preopen when the guest ends. */
  collectRoot: boolean;
  /** Report the stdio streams as a terminal (`SpawnOptions.tty`). */
  tty: boolean;
  /** Send a trace line after every syscall (`SpawnOptions.trace`). */
  trace: boolean;
  /** `SpawnOptions` limits the worker enforces (the time limit is the page's). */
  limits: { maxOutputBytes?: number; maxMemoryPages?: number; maxOpenFiles?: number };
}

/** An error as it crosses the worker boundary. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  /** For a `LimitError`: which limit. */
  kind?: LimitKind;
}

/** How a run ended. `files` is the `/` tree when `collectRoot` was asked (null otherwise). */
export type RunEnd = ({ exitCode: number } | { error: WireError }) & { files: MemFSTree | null };

/**
 * `RunEnd` as sent to the page, with `chunks`, how many output messages were posted, so that the
 * page can wait for the last ones (messages on two ports have no order between them).
 */
export type Outcome = RunEnd & { chunks: number };

/**
 * One output message: bytes written to stdout (1) or stderr (2), owned by the receiver, or one
 * trace line (`event.text()` of a syscall), or word that the guest is compiled and starts (the
 * page's `timeoutMs` counts from there).
 */
export type OutputMessage = [fd: 1 | 2, chunk: Uint8Array] | [kind: "trace", line: string] | [kind: "running"];

/** What the worker exposes. */
export interface GuestControl {
  /**
   * Run the guest, posting its output to `output`; resolves when the run is over (and OPFS
   * preopens were written back).
   */
  start(request: StartRequest, output: MessagePort): Promise<Outcome>;
  /** Queue stdin bytes (mode `queue`); resolves once fewer than 64 KiB wait unread. */
  stdin(chunk: Uint8Array): Promise<void>;
  /** End of stdin (mode `queue`). */
  closeStdin(): void;
}
