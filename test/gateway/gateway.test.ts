// The CGI gateway on Node: the parser and CGI variables, serve() with guests on the calling
// thread and in killable workers behind node:http, the `anywasi serve` command, and the webhook
// example. Uses the built packages (`npm run build`).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "@anywasi/core";
import { CgiHeaderParser, StreamInput, cgiEnvironment, inThreadRunner, serve, type Gateway } from "@anywasi/gateway";
import { listen, workerRunner } from "@anywasi/node";
import { workerClock } from "@anywasi/worker";
import { signature } from "./sign.js";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const cgi = new WebAssembly.Module(readFileSync(here("./guests/cgi.wasm")));
const webhook = new WebAssembly.Module(readFileSync(here("../../examples/webhook/webhook.wasm")));
const CLI = here("../../packages/host-node/dist/cli.js");
const enc = new TextEncoder();
const quiet = { log: () => {} };

function post(path: string, body: string | Uint8Array | null = "", headers: Record<string, string> = {}): Request {
  return new Request(`http://gateway.test${path}`, { method: "POST", body, headers });
}

describe("CgiHeaderParser", () => {
  const parse = (...chunks: string[]) => {
    const p = new CgiHeaderParser(128);
    for (const c of chunks) {
      const r = p.push(enc.encode(c));
      if (r !== null) return { ...r.head, rest: new TextDecoder().decode(r.rest) };
    }
    return null;
  };

  it("reads LF and CRLF header blocks, split anywhere", () => {
    const h = parse("Content-Type: text/pl", "ain\r", "\n", "X-A:  1 \r\n\r", "\nbody");
    expect(h?.status).toBe(200);
    expect(h?.headers.get("content-type")).toBe("text/plain");
    expect(h?.headers.get("x-a")).toBe("1");
    expect(h?.rest).toBe("body");
    expect(parse("Status: 201 Made\n\n")).toMatchObject({ status: 201, statusText: "Made", rest: "" });
    expect(parse("Location: /x\n\n")?.status).toBe(302);
    expect(parse("X: 1\n")).toBeNull();
  });

  it("drops connection-level headers", () => {
    const h = parse("Content-Length: 5\nTransfer-Encoding: chunked\nConnection: close\nX: 1\n\n");
    expect([...h!.headers.keys()]).toEqual(["x"]);
  });

  it("rejects bad lines, bad statuses, empty and oversized blocks", () => {
    for (const bad of ["no colon\n\n", "Status: 99\n\n", "Status: abc\n\n", "\n\nbody", " folded: x\n\n", `X: ${"y".repeat(200)}`]) {
      expect(() => parse(bad), bad).toThrow(/malformed CGI response/);
    }
  });
});

describe("cgiEnvironment", () => {
  it("maps the request to CGI/1.1 variables", () => {
    const env = cgiEnvironment(new Request("https://h.example:8443/app/a%20b/c?q=1", {
      method: "PUT", headers: { "content-type": "x/y", "content-length": "0", "x-two": "2", proxy: "p" },
    }), { scriptName: "/app", remoteAddress: "192.0.2.1", serverProtocol: "HTTP/1.1" });
    expect(env).toMatchObject({
      GATEWAY_INTERFACE: "CGI/1.1", REQUEST_METHOD: "PUT", SCRIPT_NAME: "/app", PATH_INFO: "/a b/c",
      QUERY_STRING: "q=1", CONTENT_TYPE: "x/y", CONTENT_LENGTH: "0", HTTP_X_TWO: "2", REMOTE_ADDR: "192.0.2.1",
      SERVER_NAME: "h.example", SERVER_PORT: "8443", HTTPS: "on", REQUEST_URI: "/app/a%20b/c?q=1",
    });
    expect(env).not.toHaveProperty("HTTP_PROXY");
    expect(env).not.toHaveProperty("HTTP_CONTENT_TYPE");
  });
});

describe("StreamInput", () => {
  it("skips empty chunks: only bytes or the end make a read ready (Deno.serve gives an empty body as one empty chunk)", async () => {
    const input = new StreamInput(new ReadableStream<Uint8Array>({
      start: (c) => { c.enqueue(new Uint8Array(0)); c.enqueue(enc.encode("hi")); c.enqueue(new Uint8Array(0)); c.close(); },
    }));
    const buf = new Uint8Array(8);
    await input.waitAsync();
    expect(input.read(buf)).toBe(2);
    await input.waitAsync();
    expect(input.read(buf)).toBe(0);
  });
});

describe("serve() with guests on the calling thread", () => {
  const gateway = serve(cgi, { ...quiet, runner: inThreadRunner(), env: { APP_SETTING: "on" }, files: { "/data": { "seed.txt": "seed\n" } } });

  it("passes CGI variables, the body as stdin, and the guest's environment", async () => {
    const r = await gateway.fetch(post("/env?a=b", "xyz", { "content-type": "text/plain", "content-length": "3", "x-custom": "1" }), undefined, { remoteAddress: "10.1.2.3" });
    const vars = await r.text();
    for (const line of ["REQUEST_METHOD=POST", "PATH_INFO=/env", "QUERY_STRING=a=b", "CONTENT_LENGTH=3", "REMOTE_ADDR=10.1.2.3", "HTTP_X_CUSTOM=1", "APP_SETTING=on", "GATEWAY_INTERFACE=CGI/1.1"]) {
      expect(vars).toContain(`${line}\n`);
    }
  });

  it("round-trips binary bodies", async () => {
    const bytes = new Uint8Array(200_003).map((_, i) => (i * 131) & 255);
    const r = await gateway.fetch(post("/echo", bytes));
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(bytes);
  });

  it("answers 502 for failures, with a short reason and nothing of the host", async () => {
    const expected: Record<string, RegExp> = {
      "/exit": /exited with code 3/, "/silent-exit": /exited with code 2/, "/trap": /crashed/, "/malformed": /bad header line/,
      "/bad-status": /bad Status/, "/unterminated": /ended inside its header block/, "/nothing": /wrote no response/,
    };
    for (const [path, reason] of Object.entries(expected)) {
      const r = await gateway.fetch(post(path));
      expect(r.status, path).toBe(502);
      const body = await r.text();
      expect(body).toMatch(reason);
      expect(body.split("\n").length).toBe(2);
      expect(body).not.toMatch(/ at |node:|file:/);
    }
  });

  it("enforces the output limit (502), the time limit at syscalls (504) and the body limit (413)", async () => {
    const limited = serve(cgi, { ...quiet, runner: inThreadRunner(), maxOutputBytes: 10_000, timeoutMs: 300, maxBodyBytes: 100 });
    expect((await limited.fetch(post("/flood"))).status).toBe(502);
    expect((await limited.fetch(post("/sleep-loop"))).status).toBe(504);
    expect((await limited.fetch(post("/echo", "x".repeat(101), { "content-length": "101" }))).status).toBe(413);
    const chunked = new ReadableStream({ start: (c) => { c.enqueue(enc.encode("x".repeat(150))); c.close(); } });
    expect((await limited.fetch(new Request("http://g/echo", { method: "POST", body: chunked, duplex: "half" } as RequestInit))).status).toBe(413);
  });

  it("keeps requests apart", async () => {
    expect(await (await gateway.fetch(post("/write?f"))).text()).toBe("wrote /data/f\n");
    expect(await (await gateway.fetch(post("/read?f"))).text()).toBe("absent\n");
    expect(await (await gateway.fetch(post("/read?seed.txt"))).text()).toBe("present: seed\n");
  });

  it("logs stderr and failures", async () => {
    const lines: string[] = [];
    const logged = serve(cgi, { runner: inThreadRunner(), log: (l) => lines.push(l) });
    await (await logged.fetch(post("/stderr"))).text();
    await (await logged.fetch(post("/trap"))).text();
    expect(lines.some((l) => l.endsWith("POST /stderr: stderr: a line for the logs"))).toBe(true);
    expect(lines.some((l) => /POST \/trap: 502 the program crashed \(unreachable\)/.test(l))).toBe(true);
  });
});

describe("serve() over node:http with guests in killable workers", () => {
  let server: Server;
  let base: string;
  let gateway: Gateway;

  beforeAll(async () => {
    // 3 s: the streaming guest sleeps 600 ms between its parts, and a loaded 2-core machine can
    // take most of a second more (a 1.5 s limit cut its response in a CI run beside other work).
    gateway = serve(cgi, { ...quiet, runner: workerRunner(), timeoutMs: 3000, maxOutputBytes: 100_000, files: { "/data": {} } });
    const l = await listen(gateway, { port: 0 });
    server = l.server;
    base = `http://127.0.0.1:${l.port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("passes REMOTE_ADDR and round-trips a binary body over HTTP", async () => {
    expect(await (await fetch(`${base}/env`)).text()).toContain("REMOTE_ADDR=127.0.0.1\n");
    const bytes = new Uint8Array(70_000).map((_, i) => (i ^ (i >> 7)) & 255);
    const r = await fetch(`${base}/echo`, { method: "POST", body: bytes });
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(bytes);
  });

  it("streams the response while the guest runs", async () => {
    const started = performance.now();
    const r = await fetch(`${base}/stream?600`);
    const reader = r.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const firstAt = performance.now() - started;
    let rest = "";
    for (let c = await reader.read(); !c.done; c = await reader.read()) rest += new TextDecoder().decode(c.value);
    const endAt = performance.now() - started;
    expect(first + rest).toBe("first\nsecond\n");
    expect(first).toBe("first\n");
    expect(endAt - firstAt).toBeGreaterThan(400);
  });

  it("kills a guest that loops without syscalls at the time limit (504)", async () => {
    const started = performance.now();
    const r = await fetch(`${base}/loop`);
    expect(r.status).toBe(504);
    expect(await r.text()).toBe("504 Gateway Timeout: the program ran past its time limit of 3000 ms\n");
    // Not a timing claim: only that the kill came at the limit, not never.
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it("answers 502 for a non-zero exit and past the output limit", async () => {
    expect((await fetch(`${base}/exit?7`)).status).toBe(502);
    expect((await fetch(`${base}/flood`)).status).toBe(502);
  });

  it("keeps requests apart", async () => {
    await (await fetch(`${base}/write?x`)).text();
    expect(await (await fetch(`${base}/read?x`)).text()).toBe("absent\n");
  });
});

describe("listen(): a streamed body that fails", () => {
  // A gateway that commits to a 200 and then fails its body, before or after the first bytes.
  const failing = (bytesFirst: boolean): Pick<Gateway, "fetch"> => ({
    fetch: async () => new Response(new ReadableStream<Uint8Array>({
      async start(c) {
        if (bytesFirst) c.enqueue(new TextEncoder().encode("partial"));
        await new Promise((r) => setTimeout(r, 20));
        c.error(new Error("the program exited with code 3"));
      },
    }), { status: 200, headers: { "content-type": "text/plain" } }),
  });

  it("before any body byte: a 502 with the failure's reason, the connection kept", async () => {
    const l = await listen(failing(false), { port: 0 });
    try {
      const r = await fetch(`http://127.0.0.1:${l.port}/`);
      expect(r.status).toBe(502);
      expect(await r.text()).toBe("502 Bad Gateway: the program exited with code 3\n");
      expect((await fetch(`http://127.0.0.1:${l.port}/`)).status).toBe(502);
    } finally {
      l.server.closeAllConnections();
      l.server.close();
    }
  });

  it("after body bytes: the 200 went out, the body is cut short", async () => {
    const l = await listen(failing(true), { port: 0 });
    try {
      const r = await fetch(`http://127.0.0.1:${l.port}/`);
      expect(r.status).toBe(200);
      await expect(r.text()).rejects.toThrow();
    } finally {
      l.server.closeAllConnections();
      l.server.close();
    }
  });
});

describe("anywasi serve", () => {
  it("serves a program over HTTP and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--env", "APP_SETTING=cli", "--dir", here("../../examples/webhook/data") + "::/data", here("./guests/cgi.wasm")], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    const port = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding("utf8").on("data", (c: string) => {
        err += c;
        const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const vars = await (await fetch(`http://127.0.0.1:${port}/env`)).text();
    expect(vars).toContain("APP_SETTING=cli\n");
    expect(await (await fetch(`http://127.0.0.1:${port}/read?events.log`)).text()).toBe("present: id\tevent\n");
    const code = await new Promise<number | null>((resolve) => { child.once("exit", resolve); child.kill("SIGTERM"); });
    expect(code).toBe(0);
  });

  it("refuses bad usage with exit code 64", async () => {
    const code = await new Promise<number | null>((resolve) => spawn(process.execPath, [CLI, "serve", "--bogus"], { stdio: "ignore" }).once("exit", resolve));
    expect(code).toBe(64);
  });
});

describe("workerClock (Workers' frozen time)", () => {
  const frozen = { now: (id: number) => (id === 0 ? 1_000n : 5n), resolution: () => 1n };

  it("passes a sleep's time on the realtime and monotonic clocks at once", () => {
    const clock = workerClock(frozen);
    clock.sleep!(50n);
    expect([clock.now(0), clock.now(1), clock.now(2), clock.slept]).toEqual([1_050n, 55n, 5n, 50n]);
    expect(clock.resolution(1)).toBe(1_000_000n);
    expect(() => clock.resolution(9 as 0)).toThrow();
  });

  it("lets a sleeping guest finish although time never moves by itself", async () => {
    const out: Uint8Array[] = [];
    const code = await inThreadRunner({ clock: () => workerClock(frozen), jspi: false }).run({
      module: new WebAssembly.Module(readFileSync(here("../suite/poll_sleep.wasm"))), args: ["poll_sleep.wasm"], env: {}, files: {},
      stdin: new ReadableStream({ start: (c) => c.close() }), stdout: (c) => out.push(c.slice()), stderr: () => {},
      timeoutMs: null, signal: new AbortController().signal,
    });
    expect(code).toBe(0);
    expect(Buffer.concat(out).toString()).toBe("ok\n");
  });
});

describe("webhook example on Node", () => {
  const gateway = serve(webhook, {
    ...quiet, runner: inThreadRunner(), env: { WEBHOOK_SECRET: "s3cret" }, files: { "/data": { "events.log": "id\tevent\n" } },
  });
  const body = JSON.stringify({ id: "a-1", event: "deploy", nested: { list: [1, 2.5e3, true, null, "x\\\"y"] } });

  it("accepts a validly signed event and appends a line", async () => {
    const r = await gateway.fetch(post("/", body, { "x-signature": await signature("s3cret", body) }));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(await r.json()).toEqual({ ok: true, event: "deploy", id: "a-1", logged: 2 });
  });

  it("rejects bad or missing signatures (401), bad JSON (400), other methods (405)", async () => {
    expect((await gateway.fetch(post("/", body, { "x-signature": await signature("other", body) }))).status).toBe(401);
    expect((await gateway.fetch(post("/", body))).status).toBe(401);
    const bad = "{\"event\": \"x\",}";
    expect((await gateway.fetch(post("/", bad, { "x-signature": await signature("s3cret", bad) }))).status).toBe(400);
    const get = await gateway.fetch(new Request("http://gateway.test/"));
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ ok: false, error: "POST a JSON event" });
  });

  it("implements SHA-256 and HMAC-SHA256 correctly (FIPS 180-4, RFC 4231 vectors)", async () => {
    const r = await run(readFileSync(here("../../examples/webhook/crypto_test.wasm")));
    expect(new TextDecoder().decode(r.stdout)).toBe("ok\n");
    expect(r.exitCode).toBe(0);
  });
});
