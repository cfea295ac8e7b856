#!/usr/bin/env node
// The `anywasi` command. Flags follow wasmtime's CLI so habits carry over.
import { LimitError, ModuleError, type TraceEvent } from "@anywasi/core";
import { readFileSync, statSync } from "node:fs";
import { settleStatMode } from "./stat-mode.js";
import { diskTranspileCache, loadGuest, type Guest } from "./component.js";
import { run } from "./run.js";
import { serveMain } from "./serve.js";
import { instrumentMain } from "./instrument-cli.js";
import { createNodeWASI, type HostDir } from "./wasi.js";
import { checkOutgoingHttp, outgoingForRun } from "./outgoing-http.js";

/** Exit codes of the command itself; anything else is the guest's own. */
export const EXIT = {
  USAGE: 64, // EX_USAGE
  NOT_WASM: 65, // EX_DATAERR: not wasm, malformed, or an import we do not provide
  NO_INPUT: 66, // EX_NOINPUT: the file is missing or unreadable
  NO_DIR: 74, // EX_IOERR: a --dir directory is missing, unreadable or not a directory
  TRAP: 134, // 128 + SIGABRT, as wasmtime reports a trap
  TIMEOUT: 124, // as timeout(1): the guest ran past --timeout and was killed
} as const;

const HELP = `usage: anywasi run [OPTIONS] [--] FILE.wasm [ARGS...]
       anywasi serve [OPTIONS] [--] FILE.wasm [ARGS...]   (see anywasi serve --help)
       anywasi instrument [--max-memory-pages N] IN.wasm OUT.wasm   (interruption checks, at build time)
       anywasi transpile COMPONENT.wasm -o OUTDIR   (a component precompiled for Workers, at build time)

Run a WASI preview1 command or a WASI 0.2 command component (transpile cached in
$XDG_CACHE_HOME/anywasi or ~/.cache/anywasi). The guest's stdin, stdout and stderr are the process's, and its exit
code becomes this command's.

options:
  --dir HOST[::GUEST]   preopen the host directory HOST as GUEST (default: the same path);
                        "--dir ." gives the guest the current directory. Repeatable.
  --dir-ro HOST[::GUEST]  like --dir, read-only: every change fails with EROFS.
  --env KEY=VALUE       set a variable in the guest's environment. Repeatable.
  --inherit-env         pass this process's whole environment to the guest.
  --allow-http ORIGIN   let a component send HTTP requests (wasi:http/outgoing-handler) to ORIGIN:
                        https://api.example.com, http://127.0.0.1:8080, http://localhost:* (any
                        port), https://*.example.com (subdomains) or * (anywhere). Repeatable.
                        Default: every request fails with HTTP-request-denied.
  --timeout MS          kill the guest after MS milliseconds of running (it runs in a worker
                        thread; output written before the kill is kept; with --trace, stderr
                        and the trace lines cross from the thread in order, and those not yet
                        here at the kill are lost).
  --trace               log every WASI call, its arguments and its errno to stderr.
  --verbose             on an error, print the stack trace too.
  -h, --help            show this help.

exit codes: the guest's own; ${EXIT.USAGE} bad usage; ${EXIT.NO_INPUT} FILE missing; ${EXIT.NOT_WASM} FILE is not a
runnable preview1 module; ${EXIT.NO_DIR} a --dir directory cannot be opened; ${EXIT.TRAP} the guest trapped;
${EXIT.TIMEOUT} the guest ran past --timeout.
`;

class UsageError extends Error {}

interface Parsed {
  file: string;
  args: string[];
  dirs: Record<string, HostDir>;
  env: Record<string, string>;
  /** --allow-http origins. */
  allowHttp: string[];
  trace: boolean;
  verbose: boolean;
  /** --timeout: milliseconds, or undefined for none. */
  timeoutMs: number | undefined;
}

function parse(argv: string[]): Parsed | null {
  if (argv[0] === "-h" || argv[0] === "--help" || argv.length === 0) return null;
  let i = 0;
  if (argv[0] === "run") i = 1;
  const out: Parsed = { file: "", args: [], dirs: {}, env: {}, allowHttp: [], trace: false, verbose: false, timeoutMs: undefined };
  const value = (flag: string): string => {
    const v = argv[++i];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") { i++; break; }
    if (!a.startsWith("-")) break;
    const [flag, inline] = a.includes("=") && a.startsWith("--") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const take = () => inline ?? value(flag);
    switch (flag) {
      case "-h": case "--help": return null;
      case "--dir": case "--dir-ro": {
        const spec = take();
        const sep = spec.indexOf("::");
        const host = sep === -1 ? spec : spec.slice(0, sep);
        const guest = sep === -1 ? spec : spec.slice(sep + 2);
        out.dirs[guest] = { path: host, readOnly: flag === "--dir-ro" };
        break;
      }
      case "--env": {
        const kv = take();
        const eq = kv.indexOf("=");
        if (eq <= 0) throw new UsageError(`--env wants KEY=VALUE, got ${JSON.stringify(kv)}`);
        out.env[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      case "--inherit-env":
        for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !(k in out.env)) out.env[k] = v;
        break;
      case "--timeout": {
        const v = take();
        const n = Number(v);
        if (v === "" || !Number.isInteger(n) || n <= 0) throw new UsageError(`--timeout wants a positive whole number of milliseconds, got ${JSON.stringify(v)}`);
        out.timeoutMs = n;
        break;
      }
      case "--allow-http": out.allowHttp.push(take()); break;
      case "--trace": out.trace = true; break;
      case "--verbose": out.verbose = true; break;
      default: throw new UsageError(`unknown option ${flag} (see --help)`);
    }
  }
  const file = argv[i];
  if (file === undefined) throw new UsageError("no FILE.wasm given (see --help)");
  out.file = file;
  out.args = argv.slice(i + 1);
  // The fetch thread's mailbox is not handed to a guest worker yet (run() refuses outgoingHttp there).
  return out;
}

function fail(code: number, message: string, e?: unknown, verbose = false): number {
  process.stderr.write(`anywasi: ${message}\n`);
  if (verbose && e instanceof Error && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
  return code;
}

function traceLine(event: TraceEvent): void {
  process.stderr.write(`[wasi] ${event.text()}\n`);
}

/** Run the command line `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === "serve") return serveMain(argv.slice(1));
  if (argv[0] === "instrument") return instrumentMain(argv.slice(1));
  if (argv[0] === "transpile") return (await import("./transpile-cli.js")).transpileMain(argv.slice(1));
  let p: Parsed | null;
  try {
    p = parse(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(EXIT.USAGE, e.message);
    throw e;
  }
  if (p === null) {
    process.stdout.write(HELP);
    return 0;
  }
  let bytes: Uint8Array;
  try {
    const st = statSync(p.file);
    if (st.isDirectory()) return fail(EXIT.NO_INPUT, `${p.file} is a directory, not a .wasm file`);
    bytes = readFileSync(p.file);
    // The module may come through a pipe (`<(...)`, /dev/stdin): stat-mode.ts says why that matters.
    settleStatMode(st);
  } catch (e) {
    return fail(EXIT.NO_INPUT, `cannot read ${p.file}: ${(e as { code?: string }).code ?? String(e)}`, e, p.verbose);
  }
  if (p.allowHttp.length > 0) {
    try {
      await checkOutgoingHttp({ allow: p.allowHttp });
    } catch (e) {
      return fail(EXIT.USAGE, `--allow-http: ${(e as Error).message}`);
    }
  }
  if (p.timeoutMs !== undefined) return runKillable(p, bytes, p.timeoutMs);
  let guest: Guest;
  try {
    guest = await loadGuest(bytes, { transpileCache: diskTranspileCache() });
  } catch (e) {
    if (e instanceof ModuleError) return fail(EXIT.NOT_WASM, `${p.file}: ${e.message}`, e, p.verbose);
    throw e;
  }
  let env: ReturnType<typeof createNodeWASI>;
  try {
    env = createNodeWASI({
      args: [p.file, ...p.args], env: p.env, dirs: p.dirs,
      ...(p.trace ? { trace: traceLine } : {}),
    });
  } catch (e) {
    return fail(EXIT.NO_DIR, (e as Error).message, e, p.verbose);
  }
  let http: Awaited<ReturnType<typeof outgoingForRun>>;
  try {
    http = await outgoingForRun(p.allowHttp.length > 0 ? { allow: p.allowHttp } : undefined);
  } catch (e) {
    env.close();
    return fail(EXIT.USAGE, `--allow-http: ${(e as Error).message}`);
  }
  try {
    return await guest.start(env.wasi, http.options);
  } catch (e) {
    return guestFailure(p, e);
  } finally {
    env.close();
    http.close();
  }
}

/** The exit code (and message) for what ended a guest abnormally. */
function guestFailure(p: Parsed, e: unknown): number {
  if (e instanceof ModuleError) return fail(EXIT.NOT_WASM, `${p.file}: ${e.message}`, e, p.verbose);
  if (e instanceof LimitError && e.kind === "time") return fail(EXIT.TIMEOUT, e.message, e, p.verbose);
  if (e instanceof WebAssembly.RuntimeError) return fail(EXIT.TRAP, `the guest trapped: ${e.message}`, e, p.verbose);
  if (e instanceof Error && e.name === "RangeError" && /call stack/i.test(e.message)) return fail(EXIT.TRAP, `the guest trapped: ${e.message}`, e, p.verbose);
  return fail(EXIT.TRAP, `the guest failed: ${(e as Error).message ?? String(e)}`, e, p.verbose);
}

/**
 * `--timeout`: the guest (module or component) runs in a worker thread that is terminated at the
 * limit; `run()` loads it here first (the component transpile through the disk cache), so a
 * file that cannot run still exits 65.
 */
async function runKillable(p: Parsed, bytes: Uint8Array, timeoutMs: number): Promise<number> {
  // The directories are opened in the worker; checked here too, for exit code 74 and its message.
  try {
    createNodeWASI({ dirs: p.dirs, stdin: "", stdout: () => {}, stderr: () => {} }).close();
  } catch (e) {
    return fail(EXIT.NO_DIR, (e as Error).message, e, p.verbose);
  }
  try {
    const { exitCode } = await run(bytes, {
      worker: true, timeoutMs, transpileCache: diskTranspileCache(), args: [p.file, ...p.args], env: p.env, dirs: p.dirs,
      ...(p.allowHttp.length > 0 ? { outgoingHttp: { allow: p.allowHttp } } : {}),
      // The trace lines are written here as the worker's events arrive: the guest's stderr comes
      // the same way, so that both keep the order they have without --timeout.
      ...(p.trace ? { trace: traceLine, stderr: (chunk: Uint8Array) => { process.stderr.write(chunk); } } : {}),
    });
    return exitCode;
  } catch (e) {
    return guestFailure(p, e);
  }
}

// Waiting for stdout to drain before exiting matters when it is a pipe: output is never cut.
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.exitCode = fail(1, `internal error: ${(e as Error).stack ?? String(e)}`); },
);
