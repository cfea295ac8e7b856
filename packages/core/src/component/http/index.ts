/**
 * `wasi:http` incoming handlers: a component exporting `wasi:http/incoming-handler`, answered one
 * request per fresh instance. Plain data in and out (no DOM types): the gateway maps it to Web
 * `Request`/`Response`. See docs/components.md, "HTTP handlers". Outgoing requests
 * (`wasi:http/outgoing-handler`) go through an `HttpClient` capability, deny-by-default
 * (docs/components.md, "Outgoing HTTP").
 * @module
 */
export {
  HttpComponent, loadHttpComponent, handleHttpRequest, exportsIncomingHandler, HTTP_INTERFACES,
  type HttpComponentLoadOptions,
} from "./incoming-component.js";
export { type HttpRequestHead, type HttpResponseSink, type HttpErrorCode } from "./types.js";
export { Fields, FORBIDDEN_HEADERS, type HeaderError } from "./fields.js";
export { bytesSource, type BodySource } from "./body.js";
export {
  allowList, checkOutgoingHttpOptions, DEFAULT_MAX_REQUEST_BODY_BYTES, HttpRequestError, type HttpClient, type HttpExchange, type HttpResponseHead, type OutgoingHttpOptions,
  type OutgoingHttpRequest,
} from "./client.js";
export { sharedMemoryHttpClient, type FetchMessage } from "./shared-memory-client.js";
export { fetchService } from "./fetch-service.js";
export { fetchHttpClient } from "./fetch-client.js";
export { streamBodySource } from "./stream-body.js";
export { bodySlot, pipeBody, sharedBodySource, BODY_SLOT_DATA, type ChunkReader } from "./shared-body.js";
