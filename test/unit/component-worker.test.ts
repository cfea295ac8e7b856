/**
 * WASI 0.2 components under the same limits as preview1 modules on Node: `run({ worker: true })`
 * with `timeoutMs` and `signal`, and `anywasi run --timeout`. Checked: a spinning component is
 * killed with `TimeLimitError` and what it wrote before (stdout without a newline, stderr, a file
 * it synced) arrives; the process then exits by itself; an abort kills it with the signal's
 * reason; a worker run gives the same stdout, exit code and files as a run on the caller's thread;
 * the transpile goes through the caller's cache once, and the worker never loads jco-transpile
 * (a module-resolution hook says so); it works on Deno; the CLI's `--timeout` exits 124.
 *
 * Guests: test/components/write_then_spin.component.wasm (`jco new` of
 * test/unit/fixtures/write-then-spin.wasm), hello.component.wasm, exit_with_code.component.wasm,
 * write_then_trap.wasm wrapped at run time. Time limits are 2 s, long enough for a worker to start
 * and write on a loaded machine (the limit counts from when the guest starts in its worker).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  LimitError, ModuleError, OutputCollector, TimeLimitError, diskTranspileCache, run, type TranspileCache,
} from "../../packages/host-node/dist/index.js";
import { wrap } from "./component-helpers.js";
import { DENO_ENV, ROOT, findDeno } from "./deno-script.js";

const path = (name: string) => fileURLToPath(new URL(`../components/${name}`, import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(path(name)));
const spin = fixture("write_then_spin.component.wasm");
const hello = fixture("hello.component.wasm");
const hostNode = fileURLToPath(new URL("../../packages/host-node/dist/index.js", import.meta.url));
const CLI = fileURLToPath(new URL("../../packages/host-node/dist/cli.js", import.meta.url));
const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString();
const T = 120_000;

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "anywasi-component-worker-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Run `file` with node (or the script text, written to a file first) with piped stdio; `code` null: it had to be killed. */
function node(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 100_000, env }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === "number" ? err.code : null, stdout, stderr });
    });
  });
}
function script(source: string): string {
  const file = join(tmp(), "script.mjs");
  writeFileSync(file, source);
  return file;
}

describe("a spinning component in a worker", () => {
  it("is killed at timeoutMs with TimeLimitError; its stdout, stderr and synced file arrive", async () => {
    const dir = tmp();
    const out: Uint8Array[] = [];
    const err: Uint8Array[] = [];
    const started = Date.now();
    const e = await run(spin, {
      worker: true, timeoutMs: 2000, dirs: { "/": dir }, stdin: "",
      stdout: (c) => out.push(c.slice()), stderr: (c) => err.push(c.slice()),
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TimeLimitError);
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).kind).toBe("time");
    // The first run transpiles (seconds on a loaded machine); the guest itself spins forever.
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(text(out)).toBe("partial line");
    expect(text(err)).toBe("to stderr\n");
    expect(readFileSync(join(dir, "before-kill.txt"), "utf8")).toBe("written before the kill\n");
  }, T);

  it("delivers to an OutputStream sink too", async () => {
    const out = new OutputCollector();
    await expect(run(spin, { worker: true, timeoutMs: 2000, stdin: "", stdout: out, stderr: () => {} }))
      .rejects.toBeInstanceOf(TimeLimitError);
    expect(out.text()).toBe("partial line");
  }, T);

  it("leaves nothing alive: with inherited stdio into pipes, the output arrives and the process exits", async () => {
    const r = await node([script(`
      import { readFileSync } from "node:fs";
      import { run, TimeLimitError } from ${JSON.stringify(hostNode)};
      try {
        await run(readFileSync(${JSON.stringify(path("write_then_spin.component.wasm"))}), { worker: true, timeoutMs: 2000, stdin: "" });
        process.exitCode = 10;
      } catch (e) {
        process.exitCode = e instanceof TimeLimitError ? 0 : 11;
      }
    `)]);
    // code null would mean execFile had to kill it: something kept the process alive.
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("partial line");
    expect(r.stderr).toBe("to stderr\n");
  }, T);

  it("is killed when the signal aborts, with the signal's reason, after writing", async () => {
    const controller = new AbortController();
    const reason = new Error("stop it");
    const out: Uint8Array[] = [];
    const started = Date.now();
    const p = run(spin, {
      worker: true, signal: controller.signal, stdin: "", stderr: () => {},
      // Abort once the guest is surely running: it has written its first line.
      stdout: (c) => { out.push(c); controller.abort(reason); },
    });
    await expect(p).rejects.toBe(reason);
    expect(text(out)).toBe("partial line");
    expect(Date.now() - started).toBeLessThan(90_000);
  }, T);

  it("does not start when the signal is already aborted", async () => {
    const out: Uint8Array[] = [];
    const reason = new Error("already");
    await expect(run(spin, { worker: true, signal: AbortSignal.abort(reason), stdin: "", stdout: (c) => out.push(c) }))
      .rejects.toBe(reason);
    expect(out).toEqual([]);
  }, T);

  it("timeoutMs and signal without worker: true are refused, as for modules", async () => {
    await expect(run(spin, { timeoutMs: 100 })).rejects.toThrow(/need worker: true/);
    await expect(run(spin, { signal: new AbortController().signal })).rejects.toThrow(/need worker: true/);
  });
});

describe("worker: true gives what a run on the caller's thread gives", () => {
  const runBoth = async (bytes: Uint8Array, options: { args?: string[]; env?: Record<string, string> } = {}) => {
    const results = [];
    for (const worker of [false, true]) {
      const dir = tmp();
      writeFileSync(join(dir, "note.txt"), "from the host");
      const out: Uint8Array[] = [];
      const err: Uint8Array[] = [];
      const { exitCode } = await run(bytes, {
        ...options, worker, dirs: { "/": dir }, stdin: "", stdout: (c) => out.push(c.slice()), stderr: (c) => err.push(c.slice()),
      });
      const files = Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
      results.push({ exitCode, stdout: text(out), stderr: text(err), files });
    }
    return results;
  };

  it("hello: stdout, exit code and the files written", async () => {
    const [inThread, inWorker] = await runBoth(hello, { args: ["hello", "worker"] });
    expect(inWorker!.stdout).toBe("hello, worker, from WASI\nfiles in /:\n  note.txt\nnote.txt says: from the hostwrote /greeting.txt\n");
    // greeting.txt holds the time it was written: equal up to the digits.
    const strip = (r: typeof inThread) => ({ ...r, files: { ...r!.files, "greeting.txt": r!.files["greeting.txt"]?.replace(/\d+/, "T") } });
    expect(strip(inWorker)).toEqual(strip(inThread));
    expect(inWorker!.files["greeting.txt"]).toMatch(/^greeted worker at \d+\n$/);
  }, T);

  it("exit-with-code: the same code", async () => {
    const [inThread, inWorker] = await runBoth(fixture("exit_with_code.component.wasm"));
    expect(inThread!.exitCode).toBe(42);
    expect(inWorker).toEqual(inThread);
  }, T);

  it("a trap: WebAssembly.RuntimeError in both, output and file before it delivered", async () => {
    const component = await wrap(new URL("../components/write_then_trap.wasm", import.meta.url));
    for (const worker of [false, true]) {
      const dir = tmp();
      const out: Uint8Array[] = [];
      await expect(run(component, { worker, dirs: { "/": dir }, stdin: "", stdout: (c) => out.push(c.slice()), stderr: () => {} }))
        .rejects.toBeInstanceOf(WebAssembly.RuntimeError);
      expect(text(out)).toBe("line one\npartial");
      expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe("file content\n");
    }
  }, T);

  it("a component that cannot run is a ModuleError on the caller's thread, before any worker", async () => {
    await expect(run(fixture("unknown_import.component.wasm"), { worker: true, timeoutMs: 1000 }))
      .rejects.toThrow(ModuleError);
    await expect(run(hello, { worker: true, maxMemoryPages: 1 })).rejects.toThrow(/memory limit/);
  }, T);

  it("maxOutputBytes: the output up to the limit, then LimitError of kind output", async () => {
    const out: Uint8Array[] = [];
    const e = await run(hello, { worker: true, maxOutputBytes: 10, stdin: "", stdout: (c) => out.push(c), memfs: { "/": {} } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).kind).toBe("output");
    expect(text(out)).toBe("hello, wor");
  }, T);

  it("transpiles through the caller's transpileCache, once: later runs reuse it", async () => {
    // Different bytes (a custom section appended) so that no earlier test's in-memory entry answers.
    const name = new TextEncoder().encode(`anywasi-test-${process.pid}-${Date.now()}`);
    const section = new Uint8Array([0, name.length + 1, name.length, ...name]);
    const bytes = new Uint8Array([...hello, ...section]);
    const disk = diskTranspileCache(tmp());
    const calls: string[] = [];
    const cache: TranspileCache = {
      get: (k) => { calls.push("get"); return disk.get(k); },
      set: (k, v) => { calls.push("set"); return disk.set(k, v); },
    };
    for (let i = 0; i < 3; i++) {
      const out: Uint8Array[] = [];
      const r = await run(bytes, { worker: true, transpileCache: cache, args: ["hello", `run${i}`], memfs: { "/": {} }, stdin: "", stdout: (c) => out.push(c) });
      expect(r.exitCode).toBe(0);
      expect(text(out)).toMatch(new RegExp(`^hello, run${i}, from WASI\n`));
    }
    expect(calls).toEqual(["get", "set"]);
  }, T);
});


it("on Deno: killed at timeoutMs with its output kept, run to its end, and the process exits", async () => {
  const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(findDeno(), ["run", "-A", "--quiet", "test/components/deno-worker.mjs"], {
      cwd: ROOT, timeout: 170_000, env: DENO_ENV,
    }, (err, stdout, stderr) => resolve({ code: err === null ? 0 : typeof err.code === "number" ? err.code : null, stdout, stderr }));
  });
  expect(r).toMatchObject({ code: 0, stderr: "" });
  expect(r.stdout.trim().split("\n").map((l) => JSON.parse(l) as unknown)).toEqual([
    { run: "spin", error: "TimeLimitError", stdout: "partial line" },
    { run: "hello", exitCode: 0, stdout: "hello, deno, from WASI\nfiles in /:\n  note.txt\nnote.txt says: from memfswrote /greeting.txt\n" },
  ]);
}, 180_000);

it("the worker neither transpiles nor loads jco-transpile: only the caller's thread does, once", async () => {
  // A module-resolution hook, registered by --import in the process and in every worker (workers
  // inherit execArgv), logs each resolution of jco-transpile.
  const hook = join(tmp(), "hook.mjs");
  writeFileSync(hook, `
    import { register } from "node:module";
    import { isMainThread } from "node:worker_threads";
    import { writeSync } from "node:fs";
    writeSync(2, "hook in " + (isMainThread ? "main" : "worker") + "\\n");
    register("data:text/javascript," + encodeURIComponent(
      "import { writeSync } from 'node:fs';" +
      "export async function resolve(s, c, next) { if (s.includes('jco-transpile')) writeSync(2, 'jco resolved\\\\n'); return next(s, c); }"));
  `);
  const r = await node(["--import", hook, script(`
    import { readFileSync } from "node:fs";
    import { run } from ${JSON.stringify(hostNode)};
    const bytes = readFileSync(${JSON.stringify(path("hello.component.wasm"))});
    for (const who of ["a", "b"]) {
      const { exitCode } = await run(bytes, { worker: true, args: ["hello", who], memfs: { "/": {} }, stdin: "", stdout: () => {} });
      console.log(who, exitCode);
    }
  `)]);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("a 0\nb 0\n");
  expect(r.stderr.split("\n").filter((l) => l !== "")).toEqual(["hook in main", "jco resolved", "hook in worker", "hook in worker"]);
}, T);

describe("anywasi run --timeout", () => {
  const cache = tmp();
  const cli = (args: string[]) => node([CLI, "run", ...args], { ...process.env, XDG_CACHE_HOME: cache });

  it("kills a spinning component at the limit: exit 124, its output kept, the process gone", async () => {
    const dir = tmp();
    const r = await cli(["--timeout", "2000", "--dir", `${dir}::/`, path("write_then_spin.component.wasm")]);
    expect(r.code).toBe(124);
    expect(r.stdout).toBe("partial line");
    expect(r.stderr).toBe("to stderr\nanywasi: the guest ran past its time limit of 2000 ms and was killed\n");
    expect(readFileSync(join(dir, "before-kill.txt"), "utf8")).toBe("written before the kill\n");
  }, T);

  it("a component that ends in time: the same output and exit code as without --timeout", async () => {
    const [a, b] = [tmp(), tmp()];
    for (const d of [a, b]) writeFileSync(join(d, "note.txt"), "n");
    const timed = await cli(["--timeout=60000", "--dir", `${a}::/`, path("hello.component.wasm"), "cli"]);
    const plain = await cli(["--dir", `${b}::/`, path("hello.component.wasm"), "cli"]);
    expect(timed).toEqual(plain);
    expect(timed.code).toBe(0);
    expect(timed.stdout).toMatch(/^hello, cli, from WASI\n/);
    expect((await cli(["--timeout", "60000", path("exit_with_code.component.wasm")])).code).toBe(42);
  }, T);

  it("with --trace: the same stderr (trace lines and the guest's, in order) and stdout as without --timeout", async () => {
    for (const file of [path("hello.component.wasm"), fileURLToPath(new URL("../../examples/hello/hello.wasm", import.meta.url))]) {
      const [a, b] = [tmp(), tmp()];
      for (const d of [a, b]) writeFileSync(join(d, "note.txt"), "n");
      const timed = await cli(["--timeout", "60000", "--trace", "--dir", `${a}::/`, file, "cli"]);
      const plain = await cli(["--trace", "--dir", `${b}::/`, file, "cli"]);
      expect(timed).toEqual(plain);
      expect(timed.code).toBe(0);
      // Path arguments are read from guest memory on the guest's thread.
      expect(timed.stderr).toMatch(/^\[wasi\] path_open\(3, 1, "note.txt", /m);
    }
  }, T);

  it("refuses bad values (exit 64); a missing --dir is 74; a bad component 65", async () => {
    for (const bad of [["--timeout", "0"], ["--timeout", "-5"], ["--timeout", "1.5"], ["--timeout", "x"]]) {
      expect((await cli([...bad, path("hello.component.wasm")])).code).toBe(64);
    }
    expect((await cli(["--timeout", "1000", "--dir", join(tmp(), "missing"), path("hello.component.wasm")])).code).toBe(74);
    const bad = await cli(["--timeout", "1000", path("unknown_import.component.wasm")]);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/acme:db\/query/);
  }, T);
});

describe("trace with worker: true", () => {
  const module = new Uint8Array(readFileSync(fileURLToPath(new URL("../../examples/hello/hello.wasm", import.meta.url))));
  /** Every trace event (all its fields) and stdout chunk of a run, in the order they reached this thread. */
  async function seen(bytes: Uint8Array, worker: boolean): Promise<string[]> {
    const log: string[] = [];
    await run(bytes, {
      worker, args: ["hello", "cli"], stdin: "",
      stdout: (c) => log.push(`stdout ${Buffer.from(c).toString()}`),
      trace: (e) => log.push(`${e.name} [${e.args.join(", ")}] ${e.errno} ${e.text()}`),
    });
    return log;
  }

  it("a component and a module: the same events as on the calling thread, in order with the output", async () => {
    for (const bytes of [hello, module]) {
      const inThread = await seen(bytes, false);
      expect(inThread.some((l) => l.startsWith("fd_write [1, "))).toBe(true);
      expect(await seen(bytes, true)).toEqual(inThread);
    }
  }, T);

  it("a trace hook that throws stops the worker and run() rejects with its error", async () => {
    const e = await run(spin, {
      worker: true, timeoutMs: 60_000, dirs: { "/": tmp() }, stdin: "", stdout: () => {}, stderr: () => {},
      trace: () => { throw new Error("enough"); },
    }).catch((x: unknown) => x);
    expect((e as Error).message).toBe("enough");
  }, T);
});
