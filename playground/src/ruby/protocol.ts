// Messages between the page (client.ts) and the Ruby worker (worker.ts), over plain postMessage.
// Requests carry an id; the worker answers each with a "done" message of the same id, and streams
// the guest's stdout and stderr as text chunks ("output") while an evaluation runs.
import type { MemFSTree } from "@anywasi/core";

export type RubyRequest =
  | { id: number; type: "boot"; url: string; env: Record<string, string> }
  | { id: number; type: "eval"; code: string; files: MemFSTree | null };

export interface BootReply {
  version: string;
  /** How the module was compiled: "streaming" (compileStreaming) or "buffer" (the fallback). */
  compile: "streaming" | "buffer";
  fetchCompileMs: number;
  instantiateMs: number;
}

export interface EvalReply {
  /** The value's `to_s` ("" after an exception). */
  result: string;
  /** The value's `inspect`, as irb shows it ("" after an exception). */
  inspect: string;
  /** The exception's message (class, message, backtrace), or null. */
  error: string | null;
  stdout: string;
  stderr: string;
  /** The virtual filesystem after the evaluation (as MemFS.toObject() gives it). */
  files: MemFSTree;
  ms: number;
}

export type RubyResponse =
  | { type: "output"; stream: "stdout" | "stderr"; text: string }
  | { id: number; type: "done"; ok: true; value: BootReply | EvalReply }
  | { id: number; type: "done"; ok: false; error: string };
