// fetchHttpClient (the same-thread HttpClient of guests on the JSPI glue: Workers, Service
// Workers, Deno) driven through its HttpClient API against a local node:http server: what a
// guest's poll and reads see. The wasi:http table's "outgoing" profile runs it end to end on
// workerd and in Chromium; here the parts that table does not reach: request bodies, the
// response body's backpressure, error codes, timeouts and abort.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchHttpClient, HttpRequestError, type HttpClient, type HttpExchange } from "@anywasi/core/component";

const enc = new TextEncoder();
let server: Server;
let origin = "";
const seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: Buffer }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === "/echo") { res.writeHead(201, { "x-got": String(body.length) }); res.end(body); return; }
      if (req.url === "/big") { res.writeHead(200); res.end(Buffer.alloc(1 << 20, 7)); return; }
      if (req.url === "/slow") { setTimeout(() => { res.writeHead(200); res.end("late"); }, 2000); return; }
      if (req.url === "/redirect") { res.writeHead(302, { location: "/echo" }); res.end(); return; }
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("hello");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  origin = `http://127.0.0.1:${typeof a === "object" && a !== null ? a.port : 0}`;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

/** What a suspended guest does: wait for the epoch to move until `done()` holds. */
async function until(client: HttpClient, done: () => boolean): Promise<void> {
  for (;;) {
    const e = client.epoch();
    if (done()) return;
    await client.waitAsync!(e);
  }
}

/** The head, then the whole body read in `max`-byte reads (as a guest's blocking-read would). */
async function whole(client: HttpClient, ex: HttpExchange, max = 65536): Promise<{ status: number; headers: Record<string, string>; body: Buffer; reads: number }> {
  await until(client, () => { try { return ex.response() !== null; } catch { return true; } });
  const head = ex.response()!;
  const parts: Uint8Array[] = [];
  let reads = 0;
  for (;;) {
    await until(client, () => ex.readable());
    const got = ex.read(max);
    if (got === null) break;
    expect(got.length).toBeLessThanOrEqual(max);
    parts.push(got.slice());
    reads++;
  }
  const headers = Object.fromEntries(head.headers.map(([n, v]) => [n, Buffer.from(v).toString("latin1")]));
  return { status: head.status, headers, body: Buffer.concat(parts), reads };
}

describe("fetchHttpClient (fetch on the guest's own thread)", () => {
  it("a GET: the head and body arrive; headers go out as the guest gave them", async () => {
    const client = fetchHttpClient();
    const ex = client.start({ method: "GET", url: `${origin}/hi`, headers: [["x-one", enc.encode("1")]], hasBody: false });
    const r = await whole(client, ex);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("text/plain");
    expect(r.body.toString()).toBe("hello");
    expect(seen.at(-1)).toMatchObject({ method: "GET", url: "/hi" });
    expect(seen.at(-1)!.headers["x-one"]).toBe("1");
  });

  it("a POST body written in parts is sent whole when the guest ends it, and echoed", async () => {
    const client = fetchHttpClient();
    const ex = client.start({ method: "POST", url: `${origin}/echo`, headers: [], hasBody: true });
    const body = Buffer.alloc(300_000);
    for (let i = 0; i < body.length; i++) body[i] = (i * 13) & 255;
    // Nothing is sent before the end: the head cannot come.
    ex.write(body.subarray(0, 100_000));
    await new Promise((r) => setTimeout(r, 100));
    expect(ex.response()).toBeNull();
    ex.write(body.subarray(100_000));
    ex.end();
    const r = await whole(client, ex, 4096);
    expect(r.status).toBe(201);
    expect(r.headers["x-got"]).toBe("300000");
    expect(r.body.equals(body)).toBe(true);
    expect(seen.at(-1)!.headers["content-length"]).toBe("300000");
  });

  it("a 1 MiB response is read in small reads, one network chunk ahead of the guest", async () => {
    const client = fetchHttpClient();
    const ex = client.start({ method: "GET", url: `${origin}/big`, headers: [], hasBody: false });
    const r = await whole(client, ex, 1000);
    expect(r.body.length).toBe(1 << 20);
    expect(r.body.every((b) => b === 7)).toBe(true);
    expect(r.reads).toBeGreaterThanOrEqual((1 << 20) / 1000);
  });

  it("a 3xx is not followed (Node's fetch shows it)", async () => {
    const client = fetchHttpClient();
    const ex = client.start({ method: "GET", url: `${origin}/redirect`, headers: [], hasBody: false });
    const r = await whole(client, ex);
    expect(r.status).toBe(302);
    expect(r.headers["location"]).toBe("/echo");
  });

  it("errors: connection refused, first-byte timeout, a dropped request body", async () => {
    const client = fetchHttpClient();
    const code = async (ex: HttpExchange) => {
      await until(client, () => { try { return ex.response() !== null; } catch { return true; } });
      try { ex.response(); return "no error"; } catch (e) { return (e as HttpRequestError).code.tag; }
    };
    // A port just freed (port 9 would be refused by fetch itself, a "bad port": HTTP-request-denied).
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await code(client.start({ method: "GET", url: `http://127.0.0.1:${port}/`, headers: [], hasBody: false }))).toBe("connection-refused");
    expect(await code(client.start({ method: "GET", url: "http://127.0.0.1:9/", headers: [], hasBody: false }))).toBe("HTTP-request-denied");
    expect(await code(client.start({ method: "GET", url: `${origin}/slow`, headers: [], hasBody: false, firstByteTimeoutNs: 200_000_000n }))).toBe("connection-read-timeout");
    const dropped = client.start({ method: "POST", url: `${origin}/echo`, headers: [], hasBody: true });
    dropped.write(enc.encode("part"));
    dropped.end(true);
    expect(await code(dropped)).toBe("internal-error");
  });

  it("abort cancels a request in flight: nothing more arrives", async () => {
    const client = fetchHttpClient();
    const ex = client.start({ method: "GET", url: `${origin}/slow`, headers: [], hasBody: false });
    ex.abort();
    ex.abort();
    await new Promise((r) => setTimeout(r, 2300));
    expect(ex.response()).toBeNull();
    expect(ex.readable()).toBe(false);
  });

  it("wait() throws: nothing can arrive while this thread blocks", () => {
    expect(() => fetchHttpClient().wait(0, 1000n)).toThrow(/can only be awaited/);
  });
});
