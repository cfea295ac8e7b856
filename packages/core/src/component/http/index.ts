/**
 * `wasi:http` incoming handlers: a component exporting `wasi:http/incoming-handler`, answered one
 * request per fresh instance. Plain data in and out (no DOM types): the gateway maps it to Web
 * `Request`/`Response`. See docs/components.md, "HTTP handlers".
 * @module
 */
export {
  HttpComponent, loadHttpComponent, handleHttpRequest, exportsIncomingHandler, HTTP_INTERFACES,
  type HttpComponentLoadOptions,
} from "./incoming-component.js";
export { type HttpRequestHead, type HttpResponseSink, type HttpErrorCode } from "./types.js";
export { Fields, FORBIDDEN_HEADERS, type HeaderError } from "./fields.js";
export { bytesSource, type BodySource } from "./body.js";
