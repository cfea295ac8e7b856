import type { Gateway } from "@anywasi/gateway";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Options of `listen()`. */
export interface ListenOptions {
  /** TCP port; 0 picks a free one. Default 8080. */
  port?: number;
  /** Address to bind. Default "127.0.0.1". */
  host?: string;
}

/**
 * The request body as a Web stream, one chunk held at a time (backpressure). `drain()` (also what
 * cancelling the stream does) reads the rest and drops it instead of destroying the request:
 * destroying it resets the connection while the client is still sending, and the client then
 * never reads the response (a 413 for a body past the limit, or the handler's answer when it
 * ignored the body) but ECONNRESET.
 */
function bodyOf(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; drain(): void } {
  let dropping = false;
  const drain = (): void => {
    dropping = true;
    req.resume();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      req.on("data", (chunk: Buffer) => {
        if (dropping) return;
        c.enqueue(new Uint8Array(chunk));
        if ((c.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once("end", () => { if (!dropping) c.close(); });
      req.once("error", (e) => { if (!dropping) c.error(e); });
    },
    pull() {
      req.resume();
    },
    cancel: drain,
  }, { highWaterMark: 1 });
  return { stream, drain };
}

function toRequest(req: IncomingMessage, signal: AbortSignal, body: ReadableStream<Uint8Array> | null): Request {
  const host = req.headers.host ?? "localhost";
  const url = new URL(req.url ?? "/", `http://${host}`);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return new Request(url, {
    method: req.method ?? "GET",
    headers,
    signal,
    ...(body !== null ? { body, duplex: "half" } : {}),
  } as RequestInit);
}

function writeHead(response: Response, res: ServerResponse): void {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  if (response.statusText !== "") res.writeHead(response.status, response.statusText, headers);
  else res.writeHead(response.status, headers);
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  if (response.body === null) {
    writeHead(response, res);
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // The head goes out with the first body bytes, not before: a body that fails before it has
  // any (a streamed guest that failed right after its header block, its exit seen a moment after
  // the gateway committed) still gets a status that says so, not a connection closed without one.
  let first: Awaited<ReturnType<typeof reader.read>>;
  try {
    first = await reader.read();
  } catch (e) {
    // The gateway's failure text (`${status} ${text}: ${reason}`), with the error's message as the reason.
    res.writeHead(502, "Bad Gateway", { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end(`502 Bad Gateway: ${(e as Error)?.message ?? String(e)}\n`);
    return;
  }
  writeHead(response, res);
  try {
    for (let r = first; !r.done; r = await reader.read()) {
      if (!res.write(r.value)) await new Promise<void>((resolve) => res.once("drain", resolve));
    }
    res.end();
  } catch {
    // The body failed after the status was sent (the guest failed while streaming): cut the
    // connection so the client sees an incomplete response, not a complete one.
    res.destroy();
  }
}

/**
 * A `node:http` request listener calling `gateway.fetch` with a Web `Request` (the body streams
 * in) and streaming the `Response` back with backpressure. The client's address is passed as
 * `ctx.remoteAddress`; a client that goes away aborts `request.signal`.
 */
export function toNodeListener(gateway: Pick<Gateway, "fetch">): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const gone = new AbortController();
    res.on("close", () => { if (!res.writableFinished) gone.abort(); });
    const remoteAddress = req.socket.remoteAddress;
    const body = req.method !== "GET" && req.method !== "HEAD" ? bodyOf(req) : null;
    void (async () => {
      try {
        const response = await gateway.fetch(toRequest(req, gone.signal, body?.stream ?? null), undefined, remoteAddress !== undefined ? { remoteAddress } : {});
        await send(response, res);
        // The response is out, the body not all read (a handler that ignored it): as node:http
        // does for a body nobody reads, let the client finish sending.
        if (!req.complete) body?.drain();
      } catch (e) {
        console.error(`[anywasi] internal error: ${(e as Error)?.message ?? String(e)}`);
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
          res.end("500 Internal Server Error\n");
        } else {
          res.destroy();
        }
      }
    })();
  };
}

/**
 * Serve `gateway` over HTTP/1.1 with `node:http`. Resolves once listening, with the server and
 * the port it got.
 */
export async function listen(gateway: Pick<Gateway, "fetch">, options: ListenOptions = {}): Promise<{
  /** The listening `node:http` server: `server.close()` stops it. */
  server: Server;
  /** The port it listens on (the one it got when asked for port 0). */
  port: number;
}> {
  // Imported here: node:http costs a preview1 run that never serves its memory (bench/analysis.md, RSS).
  const { createServer } = await import("node:http");
  const server = createServer(toNodeListener(gateway));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "127.0.0.1", () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
