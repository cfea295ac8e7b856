/**
 * Why the gateway gave up on a guest. Each becomes a short 5xx (or 413) response; none of them
 * carries host details to the client.
 */
import { LimitError } from "@anywasi/core";

/** The guest ran past its time limit (a core `LimitError` of kind "time"). The gateway answers 504. */
export class TimeLimitError extends LimitError {
  /** @param ms the limit, in milliseconds. */
  constructor(readonly ms: number) {
    super("time", `the program ran past its time limit of ${ms} ms`);
    this.name = "TimeLimitError";
  }
}

/** The guest wrote more than the output limit to stdout (a `LimitError` of kind "output"). The gateway answers 502. */
export class OutputLimitError extends LimitError {
  /** @param bytes the limit, in bytes. */
  constructor(readonly bytes: number) {
    super("output", `the program's output exceeded ${bytes} bytes`);
    this.name = "OutputLimitError";
  }
}

/** The request body is larger than allowed. The gateway answers 413. */
export class BodyTooLargeError extends Error {
  /** @param bytes the limit, in bytes. */
  constructor(readonly bytes: number) {
    super(`the request body is larger than ${bytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** The guest's stdout does not start with a valid CGI header block. The gateway answers 502. */
export class MalformedResponseError extends Error {
  constructor(reason: string) {
    super(`malformed CGI response: ${reason}`);
    this.name = "MalformedResponseError";
  }
}

/** The client went away (or stopped reading the response) before the guest ended. */
export class ClientGoneError extends Error {
  constructor() {
    super("the client went away");
    this.name = "ClientGoneError";
  }
}
