/**
 * The control plane between the page and the guest's worker, carried by comlink. Syscalls never
 * cross it: the guest, its filesystems and its descriptors all live in the worker. Only start,
 * stdin chunks (JSPI mode), output chunks and the end of the run do.
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
}

/** An error as it crosses the worker boundary. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
}

/** How a run ended. `files` is the `/` tree when `collectRoot` was asked (null otherwise). */
export type Outcome =
  | { exitCode: number; files: MemFSTree | null }
  | { error: WireError; files: MemFSTree | null };

/**
 * Callbacks from the worker to the page. They share one message port, so the page sees every
 * output chunk before `end`.
 */
export interface GuestEvents {
  /** The guest compiled and is about to start, with the mode the worker uses. */
  started(mode: WaitMode): void;
  /** A batch of bytes written to stdout (1) or stderr (2); the page owns `chunk`. */
  output(fd: 1 | 2, chunk: Uint8Array): void;
  /** The run is over (and OPFS preopens were written back). */
  end(outcome: Outcome): void;
}

/** What the worker exposes. */
export interface GuestControl {
  /** Run the guest; resolves when the run is over (after `events.end`). */
  start(request: StartRequest, events: GuestEvents): Promise<void>;
  /** Queue stdin bytes (mode `queue`); resolves once fewer than 64 KiB wait unread. */
  stdin(chunk: Uint8Array): Promise<void>;
  /** End of stdin (mode `queue`). */
  closeStdin(): void;
}
