/**
 * @anywasi/gateway — run a WASI preview1 program per HTTP request, CGI-style, with only Web APIs
 * (Request, Response, ReadableStream): the same handler serves on Cloudflare Workers, Deno and
 * Node.
 * @module
 */
export { serve, type ServeOptions, type ServeContext, type Gateway } from "./serve.js";
export { serveHttpComponent, type HttpComponentSource } from "./component-serve.js";
export { cgiEnvironment, type CgiRequestInfo } from "./cgi-env.js";
export { CgiHeaderParser, MAX_HEADER_BYTES, type CgiHead } from "./cgi-response.js";
export type { GuestJob, GuestRunner, HttpGuestJob } from "./runner.js";
export { inThreadRunner, type InThreadRunnerOptions } from "./in-thread.js";
export { StreamInput, readAll, limitStream, emptyStream } from "./stdio.js";
export { failureFor, type Failure } from "./responses.js";
export {
  TimeLimitError, OutputLimitError, BodyTooLargeError, MalformedResponseError, ClientGoneError,
} from "./errors.js";
