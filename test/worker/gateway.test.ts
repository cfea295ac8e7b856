// The CGI gateway and the webhook example inside workerd, with precompiled modules.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { run, serve } from "@anywasi/worker";
import cgi from "../gateway/guests/cgi.wasm";
import { signature } from "../gateway/sign.js";

const quiet = { log: () => {} };
const text = (r: Response) => r.text();

function post(path: string, body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(`https://hooks.example${path}`, { method: "POST", body, headers });
}

describe("webhook example (examples/webhook) on workerd", () => {
  const body = JSON.stringify({ event: "push", id: 7 });

  it("accepts a validly signed event, appends it to the log and answers JSON", async () => {
    const r = await exports.default.fetch(post("/", body, { "x-signature": await signature("dev-secret", body) }));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(await r.json()).toEqual({ ok: true, event: "push", id: "7", logged: 2 });
  });

  it("rejects a bad signature with 401 JSON", async () => {
    const r = await exports.default.fetch(post("/", body, { "x-signature": await signature("wrong", body) }));
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ ok: false, error: "bad signature" });
  });

  it("gives every request a fresh log", async () => {
    const sig = await signature("dev-secret", body);
    for (let i = 0; i < 3; i++) {
      const r = await exports.default.fetch(post("/", body, { "x-signature": sig }));
      expect((await r.json()).logged).toBe(2);
    }
  });
});

describe("serve() on workerd", () => {
  const gateway = serve(cgi, { ...quiet, env: { APP_SETTING: "on" }, files: { "/data": { "seed.txt": "seed\n" } } });

  it("passes the request as CGI variables", async () => {
    const r = await gateway.fetch(post("/env?x=1&y=%20", "abc", {
      "content-type": "text/plain", "content-length": "3", "x-custom": "yes", "cf-connecting-ip": "203.0.113.9", proxy: "evil",
    }));
    expect(r.status).toBe(200);
    const vars = await text(r);
    for (const line of [
      "REQUEST_METHOD=POST", "PATH_INFO=/env", "QUERY_STRING=x=1&y=%20", "CONTENT_TYPE=text/plain", "CONTENT_LENGTH=3",
      "REMOTE_ADDR=203.0.113.9", "SERVER_PROTOCOL=HTTP/1.1", "GATEWAY_INTERFACE=CGI/1.1", "SCRIPT_NAME=",
      "HTTP_X_CUSTOM=yes", "HTTP_PROXY unset", "APP_SETTING=on",
    ]) expect(vars).toContain(`${line}\n`);
  });

  it("round-trips a binary body byte for byte", async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31 + (i >> 8)) & 255);
    const r = await gateway.fetch(post("/echo", bytes));
    expect(r.headers.get("content-type")).toBe("application/octet-stream");
    // Compared here, not with toEqual: its deep comparison of 300,000 elements took 2-4 s in
    // workerd, most of vitest's 5 s limit on a loaded machine.
    const got = new Uint8Array(await r.arrayBuffer());
    expect({ length: got.length, firstDifference: got.findIndex((b, i) => b !== bytes[i]) }).toEqual({ length: bytes.length, firstDifference: -1 });
  });

  it("streams: the response starts while the request body is still arriving (JSPI)", async () => {
    let send!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => { send = c; } });
    send.enqueue(new TextEncoder().encode("one "));
    const r = await gateway.fetch(post("/echo", body));
    const reader = r.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("one ");
    send.enqueue(new TextEncoder().encode("two"));
    send.close();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("two");
    expect((await reader.read()).done).toBe(true);
  });

  it("answers 502 for a non-zero exit, a trap, a malformed or missing header block", async () => {
    for (const path of ["/exit", "/silent-exit", "/trap", "/malformed", "/bad-status", "/unterminated", "/nothing"]) {
      const r = await gateway.fetch(post(path, ""));
      expect(r.status, path).toBe(502);
      const body = await text(r);
      expect(body).toMatch(/^502 Bad Gateway: /);
      expect(body).not.toMatch(/ at |\.js|\.ts/);
    }
  });

  it("answers 502 past the output limit and 504 past the time limit", async () => {
    // Each limit on a gateway of its own: /flood must reach the output limit, and under a 200 ms
    // time limit a slow start on a loaded machine could reach that one first (a 504, as seen on Deno).
    expect((await serve(cgi, { ...quiet, maxOutputBytes: 10_000 }).fetch(post("/flood", ""))).status).toBe(502);
    // A guest that sleeps forever: its sleeps pass virtual time, so the limit is reached.
    const r = await serve(cgi, { ...quiet, timeoutMs: 200 }).fetch(post("/sleep-loop", ""));
    expect(r.status).toBe(504);
    expect(await text(r)).toContain("time limit");
  });

  it("keeps requests apart: a file written by one is not seen by the next", async () => {
    expect(await text(await gateway.fetch(post("/write?note", "")))).toBe("wrote /data/note\n");
    expect(await text(await gateway.fetch(post("/read?note", "")))).toBe("absent\n");
    expect(await text(await gateway.fetch(post("/read?seed.txt", "")))).toBe("present: seed\n");
  });

  it("passes status, repeated headers and redirects through", async () => {
    const r = await gateway.fetch(post("/status", ""));
    expect(r.status).toBe(404);
    expect(r.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    const redirect = await gateway.fetch(post("/redirect", ""));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("https://example.com/elsewhere");
  });

  it("sends stderr to the log, not to the client", async () => {
    const lines: string[] = [];
    const r = await serve(cgi, { log: (l) => lines.push(l) }).fetch(post("/stderr", ""));
    expect(await text(r)).toBe("see the logs\n");
    expect(lines.some((l) => l.endsWith("stderr: a line for the logs"))).toBe(true);
  });
});

describe("run() on workerd", () => {
  it("runs a command with Web Streams stdio", async () => {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const text = new Response(readable).text();
    const result = await run(cgi, { env: { PATH_INFO: "/echo" }, stdin: "from stdin", stdout: writable });
    expect(result.exitCode).toBe(0);
    expect(await text).toContain("\r\n\r\nfrom stdin");
  });

  it("lets a sleeping guest see time pass without waiting for it (virtual sleeps)", async () => {
    const started = Date.now();
    // A 20 s sleep done in well under its 20 s (the margin is for a loaded machine).
    const result = await run(cgi, { env: { PATH_INFO: "/stream", QUERY_STRING: "20000" }, jspi: false });
    expect(new TextDecoder().decode(result.stdout)).toContain("first\nsecond\n");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
