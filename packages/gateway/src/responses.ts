import { LimitError, ModuleError } from "@anywasi/core";
import {
  BodyTooLargeError, ClientGoneError, MalformedResponseError, OutputLimitError, TimeLimitError,
} from "./errors.js";

/** A failure the client sees: status and a one-line reason, nothing more. */
export interface Failure {
  /** The HTTP status: 413, 499 (client gone), 500, 502 or 504. */
  status: number;
  /** One line, safe to show the client. */
  reason: string;
}

/**
 * What the client is told when a run failed with `error`: 504 for the time limit (any core
 * `LimitError` of kind "time"), 413 for a too large body, 500 when the program cannot be run at all (a deployment problem), 502 for
 * everything the program did wrong (a trap, its output). Messages are ours, never the error's,
 * except for the limits and header problems, whose messages we wrote.
 */
export function failureFor(error: unknown): Failure {
  if (error instanceof TimeLimitError) return { status: 504, reason: error.message };
  if (error instanceof BodyTooLargeError) return { status: 413, reason: error.message };
  if (error instanceof OutputLimitError || error instanceof MalformedResponseError) return { status: 502, reason: error.message };
  if (error instanceof ModuleError) return { status: 500, reason: "the program cannot be run" };
  if (error instanceof ClientGoneError) return { status: 499, reason: error.message };
  if (error instanceof LimitError) {
    if (error.kind === "time") return { status: 504, reason: "the program ran past its time limit" };
    return { status: 502, reason: `the program exceeded its ${error.kind} limit` };
  }
  return { status: 502, reason: "the program crashed" };
}

const TEXT: Record<number, string> = {
  413: "Content Too Large", 499: "Client Closed Request", 500: "Internal Server Error", 502: "Bad Gateway", 504: "Gateway Timeout",
};

/** The plain-text response for `failure`: "502 Bad Gateway: the program crashed". */
export function failureResponse(failure: Failure): Response {
  const text = TEXT[failure.status] ?? "Error";
  return new Response(`${failure.status} ${text}: ${failure.reason}\n`, {
    status: failure.status,
    statusText: text,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
