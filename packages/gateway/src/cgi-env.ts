/** What the gateway knows about a request beyond the `Request` object itself. */
export interface CgiRequestInfo {
  /** The mount point of the program (`SCRIPT_NAME`), "" or a path like "/hook" (no trailing slash). */
  scriptName: string;
  /** The client's address (`REMOTE_ADDR`), when the platform tells it. */
  remoteAddress: string | null;
  /** `SERVER_PROTOCOL`, e.g. "HTTP/1.1" (a `Request` does not say which version was spoken). */
  serverProtocol: string;
}

/**
 * Request headers that never become `HTTP_*` variables: the two CGI gives their own names, and
 * `Proxy`, whose `HTTP_PROXY` would be taken for a proxy setting by many programs ("httpoxy").
 */
const SKIPPED = new Set(["content-type", "content-length", "proxy"]);

/** Percent-decode a path as RFC 3875 wants `PATH_INFO`; keep it raw if it is not valid UTF-8 or decodes to a NUL. */
function decodePath(path: string): string {
  try {
    const decoded = decodeURIComponent(path);
    return decoded.includes("\0") ? path : decoded;
  } catch {
    return path;
  }
}

/**
 * The CGI/1.1 meta-variables (RFC 3875) for `request`: `GATEWAY_INTERFACE`, `SERVER_*`,
 * `REQUEST_METHOD`, `SCRIPT_NAME`, `PATH_INFO` (decoded, relative to `SCRIPT_NAME`),
 * `QUERY_STRING` (raw), `CONTENT_TYPE`/`CONTENT_LENGTH` (when the request has them),
 * `REMOTE_ADDR`, `REQUEST_URI`, `HTTPS` and one `HTTP_*` per request header (values of repeated
 * headers joined with ", "). Headers whose names contain `_` are dropped: they would be
 * indistinguishable from the same name with `-`.
 */
export function cgiEnvironment(request: Request, info: CgiRequestInfo): Record<string, string> {
  const url = new URL(request.url);
  const path = url.pathname;
  const rest = info.scriptName !== "" && (path === info.scriptName || path.startsWith(`${info.scriptName}/`))
    ? path.slice(info.scriptName.length)
    : path;
  const env: Record<string, string> = {
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_SOFTWARE: "anywasi",
    SERVER_PROTOCOL: info.serverProtocol,
    SERVER_NAME: url.hostname,
    SERVER_PORT: url.port !== "" ? url.port : url.protocol === "https:" ? "443" : "80",
    REQUEST_METHOD: request.method,
    SCRIPT_NAME: info.scriptName,
    PATH_INFO: decodePath(rest),
    QUERY_STRING: url.search.slice(1),
    REQUEST_URI: path + url.search,
    REMOTE_ADDR: info.remoteAddress ?? "",
  };
  if (url.protocol === "https:") env["HTTPS"] = "on";
  const type = request.headers.get("content-type");
  if (type !== null) env["CONTENT_TYPE"] = type;
  const length = request.headers.get("content-length");
  if (length !== null) env["CONTENT_LENGTH"] = length;
  for (const [name, value] of request.headers) {
    // `X-User_Id` and `X-User-Id` would both become HTTP_X_USER_ID, letting a client spoof a
    // header that a proxy in front set: drop names with underscores, as nginx and Apache do.
    if (SKIPPED.has(name) || name.includes("_")) continue;
    const key = `HTTP_${name.toUpperCase().replaceAll("-", "_")}`;
    const prev = env[key];
    env[key] = prev === undefined ? value : `${prev}, ${value}`;
  }
  return env;
}
