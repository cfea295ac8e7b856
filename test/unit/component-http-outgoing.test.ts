/**
 * wasi:http/outgoing-handler on Node: test/components/http_outgoing.component.wasm (C calling
 * WASI 0.2.12 directly, test/components-native/http_outgoing.c) sends one request described by its
 * arguments and prints what came back. Run with run() of @anywasi/node, `anywasi run
 * --allow-http`, and (with the StarlingMonkey handler's /fetch route) the gateway's serve().
 * The upstream server runs on a worker thread: the guest blocks this one while it waits.
 * Uses the built packages (`npm run build`).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, run } from "@anywasi/node";
import { allowList, checkOutgoingHttpOptions, DEFAULT_MAX_REQUEST_BODY_BYTES, fetchHttpClient, type HttpClient } from "@anywasi/core/component";
import { serve } from "@anywasi/gateway";
import { startCli } from "../gateway/http-component-run.mjs";

const WASM_PATH = fileURLToPath(new URL("../components/http_outgoing.component.wasm", import.meta.url));
const WASM = readFileSync(WASM_PATH);
const HANDLER_URL = new URL("../gateway/http-component/handler.component.wasm", import.meta.url);
const HANDLER = readFileSync(HANDLER_URL);
const CLI = new URL("../../packages/host-node/dist/cli.js", import.meta.url).pathname;
const SLOW = 180_000;

// The upstream: /hello (headers echoed back), /echo (the request body), /big (1 MiB, byte i is
// i % 251), /slow (answers after 3 s), /redirect (a 302 that must not be followed).
const SERVER = `
const { createServer } = require("node:http");
const { parentPort } = require("node:worker_threads");
const big = Buffer.alloc(1 << 20);
for (let i = 0; i < big.length; i++) big[i] = i % 251;
const s = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (req.url === "/hello") {
      res.setHeader("x-echo-guest", req.headers["x-guest"] ?? "");
      res.setHeader("x-method", req.method);
      res.end("hello from upstream");
    } else if (req.url === "/echo") {
      res.setHeader("x-received", String(body.length));
      res.setHeader("x-method", req.method);
      res.end(body);
    } else if (req.url === "/big") res.end(big);
    else if (req.url === "/slow") setTimeout(() => res.end("late"), 3000);
    else if (req.url === "/redirect") { res.statusCode = 302; res.setHeader("location", "/hello"); res.setHeader("x-redirect", "yes"); res.end(); }
    else { res.statusCode = 404; res.end("nope"); }
  });
});
s.listen(0, "127.0.0.1", () => parentPort.postMessage(s.address().port));
`;

let upstream: Worker;
let port = 0;
let closedPort = 0;
beforeAll(async () => {
  upstream = new Worker(SERVER, { eval: true });
  port = await new Promise<number>((resolve) => upstream.once("message", resolve));
  // A port nothing listens on: bound once, then closed.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
});
afterAll(() => upstream.terminate());

/** FNV-1a 32 of `b`, as the guest prints it. */
function fnv(b: Uint8Array): string {
  let h = 2166136261;
  for (const x of b) h = Math.imul(h ^ x, 16777619) >>> 0;
  return h.toString(16).padStart(8, "0");
}
const pattern = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i % 251);

async function guest(args: string[], allow?: string[]): Promise<string> {
  let out = "";
  const r = await run(WASM, {
    args: ["http_outgoing", ...args],
    stdout: (c) => { out += new TextDecoder().decode(c); },
    ...(allow === undefined ? {} : { outgoingHttp: { allow } }),
  });
  expect(r.exitCode).toBe(0);
  return out;
}

describe("wasi:http/outgoing-handler through run() of @anywasi/node", () => {
  const here = () => `127.0.0.1:${port}`;
  const allow = () => ["http://127.0.0.1:*"];

  it("GET: status, the response's headers (and the guest's request header), the body", async () => {
    const body = new TextEncoder().encode("hello from upstream");
    expect(await guest(["GET", "http", here(), "/hello"], allow())).toBe(
      "status 200\nheader x-echo-guest: anywasi fixture\nheader x-method: GET\n"
      + `body-length ${body.length}\nbody-fnv ${fnv(body)}\nbody: hello from upstream\n`,
    );
  }, SLOW);

  it("POST: a body written after handle() arrives whole (1 MiB, echoed back)", async () => {
    const n = 1 << 20;
    expect(await guest(["POST", "http", here(), "/echo", String(n)], [`http://127.0.0.1:${port}`])).toBe(
      `status 200\nheader x-method: POST\nheader x-received: ${n}\nbody-length ${n}\nbody-fnv ${fnv(pattern(n))}\n`,
    );
  }, SLOW);

  it("a 1 MiB response body streams through in chunks", async () => {
    const n = 1 << 20;
    expect(await guest(["GET", "http", here(), "/big"], allow())).toBe(`status 200\nbody-length ${n}\nbody-fnv ${fnv(pattern(n))}\n`);
  }, SLOW);

  it("redirects are not followed: the guest sees the 302", async () => {
    expect(await guest(["GET", "http", here(), "/redirect"], allow())).toMatch(/^status 302\nheader x-redirect: yes\nbody-length 0\n/);
  }, SLOW);

  it("denied by default, and for an origin not in the list: HTTP-request-denied from handle", async () => {
    expect(await guest(["GET", "http", here(), "/hello"])).toBe("handle error HTTP-request-denied\n");
    expect(await guest(["GET", "http", here(), "/hello"], [])).toBe("handle error HTTP-request-denied\n");
    expect(await guest(["GET", "https", here(), "/hello"], ["http://127.0.0.1:*"])).toBe("handle error HTTP-request-denied\n");
    expect(await guest(["GET", "http", here(), "/hello"], [`http://127.0.0.1:${port + 1 === 65536 ? 1 : port + 1}`])).toBe("handle error HTTP-request-denied\n");
    expect(await guest(["GET", "http", here(), "/hello"], ["http://localhost:*"])).toBe("handle error HTTP-request-denied\n");
  }, SLOW);

  it("nothing listening: connection-refused from the future", async () => {
    expect(await guest(["GET", "http", `127.0.0.1:${closedPort}`, "/"], allow())).toBe("response error connection-refused\n");
  }, SLOW);

  it("first-byte-timeout: connection-read-timeout, without waiting for the slow server", async () => {
    const t0 = Date.now();
    expect(await guest(["GET", "http", here(), "/slow", "-", "300"], allow())).toBe("response error connection-read-timeout\n");
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, SLOW);

  it("two requests in flight: one poll over both futures and a timer answers the fast one only", async () => {
    expect(await guest(["TWO", here()], allow())).toBe("first ready: 1\nhello status 200\nslow status 200\n");
  }, SLOW);

  it("without the option, a slow server is waited for", async () => {
    expect(await guest(["GET", "http", here(), "/slow"], allow())).toMatch(/^status 200\n[^]*body: late\n$/);
  }, SLOW);

  it("maxRequestBodyBytes: a body at the cap is sent; one byte over fails the write, finish and the response (every client, in-thread and worker)", async () => {
    const cap = 100_000;
    const over = "request body write failed\nfinish error HTTP-request-body-size\nresponse error HTTP-request-body-size\n";
    const post = async (n: number, extra: { worker?: boolean; client?: HttpClient }) => {
      let out = "";
      const r = await run(WASM, {
        args: ["http_outgoing", "POST", "http", here(), "/echo", String(n)],
        stdout: (c) => { out += new TextDecoder().decode(c); },
        ...(extra.worker ? { worker: true, timeoutMs: 120_000 } : {}),
        outgoingHttp: { allow: allow(), maxRequestBodyBytes: cap, ...(extra.client ? { client: extra.client } : {}) },
      });
      expect(r.exitCode).toBe(0);
      return out;
    };
    const atCap = `status 200\nheader x-method: POST\nheader x-received: ${cap}\nbody-length ${cap}\nbody-fnv ${fnv(pattern(cap))}\n`;
    // The fetch-thread client (it streams the body), in this thread and in a worker.
    expect(await post(cap, {})).toBe(atCap);
    expect(await post(cap + 1, {})).toBe(over);
    expect(await post(cap + 1, { worker: true })).toBe(over);
    // fetchHttpClient (Workers, Service Workers: it holds the body until the guest ends it). The
    // failed body never needs a wait, so this runs here without JSPI.
    expect(await post(10 * cap, { client: fetchHttpClient() })).toBe(over);
  }, SLOW);

  it("a malformed allow entry is refused before the guest runs (in-thread and worker)", async () => {
    await expect(run(WASM, { args: ["h"], outgoingHttp: { allow: ["127.0.0.1"] } })).rejects.toThrow(/allow entry "127.0.0.1"/);
    await expect(run(WASM, { args: ["h"], worker: true, outgoingHttp: { allow: ["127.0.0.1"] } })).rejects.toThrow(/allow entry "127.0.0.1"/);
  }, SLOW);

  it("a maxRequestBodyBytes that is not a whole number of bytes is a RangeError before the guest runs (in-thread, worker, core)", async () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
      const outgoingHttp = { allow: allow(), maxRequestBodyBytes: bad };
      await expect(run(WASM, { args: ["h"], outgoingHttp })).rejects.toThrow(RangeError);
      await expect(run(WASM, { args: ["h"], worker: true, outgoingHttp })).rejects.toThrow(/maxRequestBodyBytes must be a whole number of bytes/);
      expect(() => checkOutgoingHttpOptions(outgoingHttp)).toThrow(RangeError);
    }
    expect(checkOutgoingHttpOptions({ allow: [] })).toBe(DEFAULT_MAX_REQUEST_BODY_BYTES);
    expect(checkOutgoingHttpOptions({ allow: [], maxRequestBodyBytes: 0 })).toBe(0);
  }, SLOW);

  it("worker: true: the guest's worker makes its own client (a given client cannot cross: TypeError)", async () => {
    let out = "";
    const r = await run(WASM, {
      args: ["http_outgoing", "GET", "http", here(), "/big"], worker: true, timeoutMs: 120_000,
      stdout: (c) => { out += new TextDecoder().decode(c); }, outgoingHttp: { allow: allow() },
    });
    expect(r.exitCode).toBe(0);
    expect(out).toBe(`status 200\nbody-length ${1 << 20}\nbody-fnv ${fnv(pattern(1 << 20))}\n`);
    const client = await createHttpClient();
    try {
      await expect(run(WASM, { args: ["h"], worker: true, outgoingHttp: { allow: allow(), client } })).rejects.toThrow(TypeError);
    } finally {
      client.close();
    }
  }, SLOW);
});

describe("on Deno (the fetch thread is a node:worker_threads worker there)", () => {
  it("GET, POST and denial, and the process exits", async () => {
    const require = createRequire(import.meta.url);
    let deno = process.env["DENO_BIN"] ?? "deno";
    try { deno = (require("deno/install_api.cjs") as { runInstall(): string }).runInstall(); } catch { /* on PATH */ }
    const { stdout } = await promisify(execFile)(deno, ["run", "-A", "--quiet", "test/components/deno-http-outgoing.mjs", String(port)], {
      cwd: fileURLToPath(new URL("../../", import.meta.url)),
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" }, timeout: 170_000,
    });
    const runs = stdout.trim().split("\n").map((l) => JSON.parse(l) as { exitCode: number; stdout: string });
    const hello = new TextEncoder().encode("hello from upstream");
    expect(runs).toEqual([
      { args: expect.anything(), exitCode: 0, stdout: `status 200\nheader x-echo-guest: anywasi fixture\nheader x-method: GET\nbody-length ${hello.length}\nbody-fnv ${fnv(hello)}\nbody: hello from upstream\n` },
      { args: expect.anything(), exitCode: 0, stdout: `status 200\nheader x-method: POST\nheader x-received: 70000\nbody-length 70000\nbody-fnv ${fnv(pattern(70000))}\n` },
      { args: expect.anything(), exitCode: 0, stdout: "handle error HTTP-request-denied\n" },
    ]);
  }, SLOW);
});

// The oracle: jco's own runtime (`jco run`, @bytecodealliance/preview2-shim) runs the same component
// against the same upstream. Header lines are compared as a set: fetch's Headers hands them over
// sorted by name, the shim in the server's order, and the order of fields with different names
// carries no meaning (RFC 9110, 5.3). Left out: denial (the shim has no allow-list) and
// first-byte-timeout (the shim ignores request-options: it waits for the slow server).
describe("the same component on jco's preview2-shim (jco run) prints the same", () => {
  const JCO = fileURLToPath(new URL("../../node_modules/@bytecodealliance/jco/dist/jco.js", import.meta.url));
  const normal = (out: string) => {
    const lines = out.split("\n");
    const headers = lines.filter((l) => l.startsWith("header ")).sort();
    return [...lines.filter((l) => !l.startsWith("header ")), "--", ...headers].join("\n");
  };
  const scenarios = (): string[][] => [
    ["GET", "http", `127.0.0.1:${port}`, "/hello"],
    ["POST", "http", `127.0.0.1:${port}`, "/echo", "70000"],
    ["POST", "http", `127.0.0.1:${port}`, "/echo", "0"],
    ["GET", "http", `127.0.0.1:${port}`, "/big"],
    ["GET", "http", `127.0.0.1:${port}`, "/redirect"],
    ["GET", "http", `127.0.0.1:${port}`, "/missing"],
    ["GET", "http", `127.0.0.1:${closedPort}`, "/"],
    ["TWO", `127.0.0.1:${port}`],
  ];

  it("GET, POST with and without a body, a 1 MiB body, a 302, a 404, connection refused, two requests in flight", async () => {
    const cases = scenarios();
    // Transpiled once (--jco-dir keeps jco run's output), then its runner is run per case.
    const dir = mkdtempSync(join(tmpdir(), "anywasi-jco-run-"));
    const oracle: string[] = [];
    try {
      const run1 = (cmd: string[]) => promisify(execFile)(process.execPath, cmd, { maxBuffer: 1 << 22 }).then((r) => r.stdout);
      oracle.push(await run1([JCO, "run", "--jco-dir", dir, WASM_PATH, ...cases[0]!]));
      oracle.push(...(await Promise.all(cases.slice(1).map((args) => run1([join(dir, "_run.js"), ...args])))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const [i, args] of cases.entries()) {
      const ours = await guest(args, ["*"]);
      expect(normal(ours), args.join(" ")).toBe(normal(oracle[i]!));
    }
  }, SLOW);
});

describe("allowList", () => {
  const ok = (entries: string[], url: string) => allowList(entries)(new URL(url));
  it("matches scheme, host and port (default port when none is given)", () => {
    expect(ok(["https://api.example.com"], "https://api.example.com/x")).toBe(true);
    expect(ok(["https://api.example.com"], "https://api.example.com:443/x")).toBe(true);
    expect(ok(["https://api.example.com"], "https://api.example.com:8443/x")).toBe(false);
    expect(ok(["https://api.example.com"], "http://api.example.com/x")).toBe(false);
    expect(ok(["https://API.example.com"], "https://api.example.com/")).toBe(true);
    expect(ok(["http://127.0.0.1:*"], "http://127.0.0.1:9999/")).toBe(true);
    expect(ok(["http://127.0.0.1:*"], "http://127.0.0.2:9999/")).toBe(false);
    expect(ok(["https://*.example.com"], "https://a.b.example.com/")).toBe(true);
    expect(ok(["https://*.example.com"], "https://example.com/")).toBe(false);
    expect(ok(["https://*.example.com"], "https://evilexample.com/")).toBe(false);
    expect(ok(["http://[::1]:8080"], "http://[0:0::1]:8080/")).toBe(true);
    expect(ok(["*"], "https://anything.test:1/")).toBe(true);
    expect(ok([], "https://anything.test/")).toBe(false);
  });
  it("refuses entries with a path, another scheme or no scheme", () => {
    for (const bad of ["example.com", "ftp://example.com", "https://example.com/path", "https://ex*ample.com", "https://example.com:99999x"]) {
      expect(() => allowList([bad])).toThrow(TypeError);
    }
  });
});

describe("anywasi run --allow-http", () => {
  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { timeout: 170_000 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  }
  const file = new URL("../components/http_outgoing.component.wasm", import.meta.url).pathname;

  it("allows the origin given, denies without it, refuses a malformed one (64)", async () => {
    const allowed = await cli(["run", "--allow-http", `http://127.0.0.1:${port}`, file, "GET", "http", `127.0.0.1:${port}`, "/hello"]);
    expect(allowed).toMatchObject({ code: 0 });
    expect(allowed.stdout).toMatch(/^status 200\n[^]*body: hello from upstream\n$/);
    const denied = await cli(["run", file, "GET", "http", `127.0.0.1:${port}`, "/hello"]);
    expect(denied).toMatchObject({ code: 0, stdout: "handle error HTTP-request-denied\n" });
    const bad = await cli(["run", "--allow-http", "localhost", file]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/--allow-http: .*"localhost"/);
  }, SLOW);

  it("with --timeout (the guest in a killable worker)", async () => {
    const r = await cli(["run", "--timeout", "120000", "--allow-http", "http://127.0.0.1:*", file, "POST", "http", `127.0.0.1:${port}`, "/echo", "5000"]);
    expect(r).toMatchObject({ code: 0, stdout: `status 200\nheader x-method: POST\nheader x-received: 5000\nbody-length 5000\nbody-fnv ${fnv(pattern(5000))}\n` });
    const bad = await cli(["run", "--timeout", "1000", "--allow-http", "ftp://x", file]);
    expect(bad.code).toBe(64);
  }, SLOW);
});

describe("the gateway's serve() of a wasi:http handler (StarlingMonkey's fetch, wasi:http@0.2.10)", () => {
  it("anywasi serve --allow-http", async () => {
    const server = await startCli(process.execPath, [
      new URL("../../packages/host-node/dist/cli.bundle.js", import.meta.url).pathname,
      "serve", "--port", "0", "--allow-http", `http://127.0.0.1:${port}`, fileURLToPath(HANDLER_URL),
    ]);
    try {
      const r = await fetch(`${server.base}/fetch?url=http://127.0.0.1:${port}/hello`);
      expect(r.status).toBe(200);
      expect(await r.text()).toBe("upstream 200: hello from upstream");
    } finally {
      server.stop();
    }
  }, SLOW);

  it("sends the handler's request to an allowed origin; denied without outgoingHttp", async () => {
    const client = await createHttpClient();
    try {
      const open = serve(HANDLER, { outgoingHttp: { allow: [`http://127.0.0.1:${port}`], client }, log: () => {} });
      const r = await open.fetch(new Request(`http://gateway.test/fetch?url=http://127.0.0.1:${port}/hello`));
      expect(r.status).toBe(200);
      expect(await r.text()).toBe("upstream 200: hello from upstream");
      const closed = serve(HANDLER, { log: () => {} });
      const d = await closed.fetch(new Request(`http://gateway.test/fetch?url=http://127.0.0.1:${port}/hello`));
      expect(d.status).toBe(502);
    } finally {
      client.close();
    }
  }, SLOW);
});
