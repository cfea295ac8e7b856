// `anywasi serve`: the CGI gateway of @anywasi/gateway over HTTP, with node:http on Node and
// Deno.serve on Deno. Guests run in killable worker_threads workers (or, with --in-thread, on
// the server's own thread).
import { ModuleError, loadModule, type MemFSTree } from "@anywasi/core";
import { inThreadRunner, serve, type Gateway, type ServeOptions } from "@anywasi/gateway";
import { readFileSync, statSync } from "node:fs";
import { settleStatMode } from "./stat-mode.js";
import { diskTranspileCache, isComponentBytes } from "./component.js";
import { workerRunner } from "./gateway-runner.js";
import { listen } from "./http-adapter.js";
import { createHttpClient } from "./outgoing-http.js";
import { readTree } from "./tree.js";

/** Exit codes, the same as `anywasi run`'s. */
const USAGE = 64;
const NOT_WASM = 65;
const NO_INPUT = 66;

export const SERVE_HELP = `usage: anywasi serve [OPTIONS] [--] FILE.wasm [ARGS...]

Serve a WASI preview1 program over HTTP as a CGI program: every request runs a fresh instance
with the request as CGI variables (REQUEST_METHOD, PATH_INFO, QUERY_STRING, HTTP_*, ...) and
its body as stdin; the program's stdout (headers, a blank line, the body) is the response.
A component exporting wasi:http/incoming-handler (a Spin or \`wasmtime serve\` handler) is served
as such: a fresh instance per request, in a worker thread (bodies stream both ways, requests
run concurrently), with the same limits (docs/components.md).

options:
  --port N              TCP port (default 8080; 0 picks a free one).
  --host ADDR           address to bind (default 127.0.0.1).
  --dir HOST[::GUEST]   give every request a fresh in-memory copy of the host directory HOST,
                        read once at start, as GUEST; changes a request makes are dropped.
  --env KEY=VALUE       add a variable to the guest's environment. Repeatable.
  --script-name PATH    SCRIPT_NAME: the path the program is mounted at (default "").
  --timeout MS          time limit of one request (default 30000; 0: none). Past it: 504.
  --max-output BYTES    largest response (default 64 MiB). Past it: 502.
  --max-body BYTES      largest request body (default 16 MiB). Past it: 413.
  --in-thread           run guests on the server's thread: faster to start; the program is
                        instrumented with interruption checks so the time limit still holds.
                        A wasi:http component then reads the request body whole and answers
                        requests one after another.
  --workers N           most worker threads of a wasi:http component at once (default: twice
                        the machine's parallelism, at least 4); a request beyond them waits for
                        one, its time limit running. Not with --in-thread.
  --allow-http ORIGIN   let a component send HTTP requests to ORIGIN (as anywasi run --allow-http;
                        with --in-thread not to this server itself: it waits while the handler
                        runs). Repeatable.
  --trace               log every WASI call of every request to stderr, prefixed like the
                        request's stderr lines ([anywasi #3] GET /info: [wasi] ...), in the
                        order of its calls and output (in a worker thread as on --in-thread).
  -h, --help            show this help.
`;

class UsageError extends Error {}

interface ServeArgs {
  file: string;
  args: string[];
  port: number;
  host: string;
  dirs: Record<string, string>;
  env: Record<string, string>;
  scriptName: string;
  timeoutMs: number | null;
  maxOutputBytes: number | undefined;
  maxBodyBytes: number | undefined;
  inThread: boolean;
  workers: number | undefined;
  allowHttp: string[];
  trace: boolean;
}

function count(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} wants a whole number, got ${JSON.stringify(v)}`);
  return n;
}

function parse(argv: string[]): ServeArgs | null {
  const out: ServeArgs = {
    file: "", args: [], port: 8080, host: "127.0.0.1", dirs: {}, env: {}, scriptName: "",
    timeoutMs: 30_000, maxOutputBytes: undefined, maxBodyBytes: undefined, inThread: false,
    workers: undefined, allowHttp: [], trace: false,
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") { i++; break; }
    if (!a.startsWith("-")) break;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq === -1 ? a : a.slice(0, eq);
    const take = (): string => {
      if (eq !== -1) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "-h": case "--help": return null;
      case "--port": out.port = count(flag, take()); break;
      case "--host": out.host = take(); break;
      case "--dir": {
        const spec = take();
        const sep = spec.indexOf("::");
        out.dirs[sep === -1 ? spec : spec.slice(sep + 2)] = sep === -1 ? spec : spec.slice(0, sep);
        break;
      }
      case "--env": {
        const kv = take();
        const at = kv.indexOf("=");
        if (at <= 0) throw new UsageError(`--env wants KEY=VALUE, got ${JSON.stringify(kv)}`);
        out.env[kv.slice(0, at)] = kv.slice(at + 1);
        break;
      }
      case "--script-name": out.scriptName = take(); break;
      case "--timeout": { const n = count(flag, take()); out.timeoutMs = n === 0 ? null : n; break; }
      case "--max-output": out.maxOutputBytes = count(flag, take()); break;
      case "--max-body": out.maxBodyBytes = count(flag, take()); break;
      case "--in-thread": out.inThread = true; break;
      case "--workers": {
        const n = count(flag, take());
        if (n === 0) throw new UsageError("--workers wants at least 1");
        out.workers = n;
        break;
      }
      case "--allow-http": out.allowHttp.push(take()); break;
      case "--trace": out.trace = true; break;
      default: throw new UsageError(`unknown option ${flag} (see anywasi serve --help)`);
    }
  }
  const file = argv[i];
  if (file === undefined) throw new UsageError("no FILE.wasm given (see anywasi serve --help)");
  out.file = file;
  out.args = argv.slice(i + 1);
  return out;
}

/** Deno's HTTP server, when running on Deno. */
interface DenoServe {
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Promise<Response>,
  ): { finished: Promise<void>; shutdown(): Promise<void> };
}

function fail(code: number, message: string): number {
  process.stderr.write(`anywasi: ${message}\n`);
  return code;
}

/** Serve on Deno.serve (on Deno) or node:http; resolves when the server is closed (SIGINT/SIGTERM). */
async function start(gateway: Gateway, p: ServeArgs): Promise<void> {
  const announce = (port: number) => process.stderr.write(`anywasi: serving ${p.file} on http://${p.host}:${port}/\n`);
  const deno = (globalThis as { Deno?: DenoServe }).Deno;
  if (deno !== undefined && typeof deno.serve === "function") {
    const server = deno.serve(
      { port: p.port, hostname: p.host, onListen: ({ port }) => announce(port) },
      (request, info) => gateway.fetch(request, undefined, { remoteAddress: info.remoteAddr.hostname }),
    );
    const stop = () => { void server.shutdown(); };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    await server.finished;
    return;
  }
  const { server, port } = await listen(gateway, { port: p.port, host: p.host });
  announce(port);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** Run `anywasi serve ARGV...`; resolves to the exit code when the server stops. */
export async function serveMain(argv: string[]): Promise<number> {
  let p: ServeArgs | null;
  try {
    p = parse(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(USAGE, e.message);
    throw e;
  }
  if (p === null) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  let module: Uint8Array;
  try {
    const st = statSync(p.file);
    if (st.isDirectory()) return fail(NO_INPUT, `${p.file} is a directory, not a .wasm file`);
    module = readFileSync(p.file);
    // The module may come through a pipe (`<(...)`, /dev/stdin): stat-mode.ts says why that matters.
    settleStatMode(st);
    // Checked here to exit with a clear error; serve() compiles the bytes with its memory cap
    // (and, in-thread, with interruption checks). A component (a wasi:http handler) is checked
    // and transpiled at the first request: serve() answers 500 and logs why if it cannot run.
    if (!isComponentBytes(module)) await loadModule(module);
  } catch (e) {
    if (e instanceof ModuleError) return fail(NOT_WASM, `${p.file}: ${e.message}`);
    return fail(NO_INPUT, `cannot read ${p.file}: ${(e as { code?: string }).code ?? String(e)}`);
  }
  const files: Record<string, MemFSTree> = {};
  for (const [guest, host] of Object.entries(p.dirs)) {
    try {
      if (!statSync(host).isDirectory()) return fail(USAGE, `--dir ${host}: not a directory`);
      files[guest] = readTree(host);
    } catch (e) {
      return fail(USAGE, `--dir ${host}: ${(e as { code?: string }).code ?? String(e)}`);
    }
  }
  let outgoingHttp: ServeOptions["outgoingHttp"];
  if (p.allowHttp.length > 0 && isComponentBytes(module)) {
    try {
      (await import("@anywasi/core/component")).allowList(p.allowHttp);
    } catch (e) {
      return fail(USAGE, `--allow-http: ${(e as Error).message}`);
    }
    // One fetch thread for the server's life (it does not keep the process alive).
    outgoingHttp = { allow: p.allowHttp, client: await createHttpClient() };
  }
  const options: ServeOptions = {
    runner: p.inThread ? inThreadRunner() : workerRunner(p.workers === undefined ? {} : { httpWorkers: p.workers }),
    args: [p.file, ...p.args],
    env: p.env,
    files,
    scriptName: p.scriptName,
    timeoutMs: p.timeoutMs,
    ...(p.maxOutputBytes !== undefined ? { maxOutputBytes: p.maxOutputBytes } : {}),
    ...(p.maxBodyBytes !== undefined ? { maxBodyBytes: p.maxBodyBytes } : {}),
    ...(isComponentBytes(module) ? { transpileCache: diskTranspileCache() } : {}),
    ...(outgoingHttp !== undefined ? { outgoingHttp } : {}),
    ...(p.trace ? { trace: true } : {}),
  };
  try {
    await start(serve(module, options), p);
  } catch (e) {
    return fail(USAGE, `cannot listen on ${p.host}:${p.port}: ${(e as { code?: string }).code ?? (e as Error).message}`);
  }
  return 0;
}
