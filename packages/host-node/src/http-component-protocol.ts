import type { LimitKind } from "@anywasi/core";
import type { FetchMessage, HttpErrorCode, HttpRequestHead, TransferableComponent } from "@anywasi/core/component";
import type { TraceMessage } from "./trace-message.js";

/** What a request's worker (http-component-worker.ts) is started with: the component it will instantiate. */
export interface HttpWorkerData {
  component: TransferableComponent;
}

/**
 * A request for a worker, posted once the pool gave it out (a worker answers requests one after
 * another, each with a fresh instance; a worker stopped mid-request is never reused).
 */
export interface HttpWorkerJob {
  request: HttpRequestHead;
  /** The request body's slot (`pipeBody` fills it from this side), or null for no body. */
  body: SharedArrayBuffer | null;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  /**
   * Outgoing HTTP: the allowed origins, the request body cap (bytes, absent: the default) and the
   * epoch of the `fetchService` this side runs for it.
   */
  outgoing: { allow: readonly string[]; maxRequestBodyBytes?: number; signal: SharedArrayBuffer } | null;
  /** Post a "trace" message after every WASI call. */
  trace: boolean;
  /** The memory cap checked after every WASI call and when the handler returns, or null. */
  maxMemoryPages: number | null;
}

/**
 * What the worker posts, in the order the guest did it: its response (head, body chunks, end, or
 * an error-code), its stdout and stderr, its WASI calls when traced, "pause" before it blocks (the
 * response so far may go out), its outgoing requests (for this side's `fetchService`), and how
 * the handler ended.
 */
export type HttpWorkerMessage =
  | { type: "respond"; status: number; headers: [string, Uint8Array][] }
  | { type: "body"; chunk: Uint8Array }
  | { type: "finish"; trailers: [string, Uint8Array][] | null }
  | { type: "fail"; code: HttpErrorCode }
  | { type: "stderr"; chunk: Uint8Array }
  | TraceMessage
  | { type: "pause" }
  | { type: "fetch"; message: FetchMessage }
  | { type: "done" }
  | { type: "error"; name: string; message: string; kind?: LimitKind };
