/**
 * Nothing the guest wrote is lost when it ends abnormally. Covered elsewhere: output written just
 * before `proc_exit` (conformance fixture test/suite/proc_exit_partial), before a trap (cli.test.ts,
 * node-run.test.ts), before the output limit cuts it (limits.test.ts). Here:
 *
 * - a worker-mode guest killed at its time limit: its stdout (a line without its newline), its
 *   stderr and a file it wrote and fd_synced all arrive — through function sinks, and through the
 *   process's own stdout when that is a pipe;
 * - data fd_synced on a real disk (NodeFS) is there after the guest traps, in-process and in a
 *   worker.
 *
 * Guests: fixtures/write-then-spin.wat, fixtures/sync-then-trap.wat. Time limits are 2 s, long
 * enough for a worker to start and write on a loaded machine.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { OutputCollector, TimeLimitError, createNodeWASI, instantiate, loadModule, run } from "../../packages/host-node/dist/index.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const spin = fixture("write-then-spin.wasm");
const trap = fixture("sync-then-trap.wasm");
const hostNode = fileURLToPath(new URL("../../packages/host-node/dist/index.js", import.meta.url));
const spinPath = fileURLToPath(new URL("./fixtures/write-then-spin.wasm", import.meta.url));

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "anywasi-lost-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * Run a Node module in a child process with piped stdio; resolves with what it printed. (A file,
 * not `--input-type=module -e`: worker threads inherit that flag and then refuse their own file.)
 */
function node(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = join(tmp(), "script.mjs");
  writeFileSync(file, script);
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === "number" ? err.code : null, stdout, stderr });
    });
  });
}

describe("a guest killed at its time limit (worker mode)", () => {
  it("delivers stdout without a final newline, stderr, and the file it synced, to function sinks", async () => {
    const dir = tmp();
    const out: Uint8Array[] = [];
    const err: Uint8Array[] = [];
    const started = Date.now();
    await expect(run(spin, {
      worker: true, timeoutMs: 2000, dirs: { "/": dir }, stdin: "",
      stdout: (c) => out.push(c), stderr: (c) => err.push(c),
    })).rejects.toBeInstanceOf(TimeLimitError);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(Buffer.concat(out).toString()).toBe("partial line");
    expect(Buffer.concat(err).toString()).toBe("to stderr\n");
    expect(readFileSync(join(dir, "before-kill.txt"), "utf8")).toBe("written before the kill\n");
  });

  it("delivers to an OutputStream sink too", async () => {
    const out = new OutputCollector();
    await expect(run(spin, { worker: true, timeoutMs: 2000, stdin: "", stdout: out, stderr: () => {} }))
      .rejects.toBeInstanceOf(TimeLimitError);
    expect(out.text()).toBe("partial line");
  });

  // The guest's output is inherited: in the worker it goes to a block buffer in front of the
  // process's stdout when that is a pipe. Killing the worker must not throw that buffer away.
  it("delivers stdout and stderr inherited from a process whose stdout is a pipe", async () => {
    const r = await node(`
      import { readFileSync } from "node:fs";
      import { run, TimeLimitError } from ${JSON.stringify(hostNode)};
      try {
        await run(readFileSync(${JSON.stringify(spinPath)}), { worker: true, timeoutMs: 2000, stdin: "" });
        process.exitCode = 10;
      } catch (e) {
        process.exitCode = e instanceof TimeLimitError ? 0 : 11;
      }
    `);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("to stderr\n");
    expect(r.stdout).toBe("partial line");
  });
});

describe("fd_sync'ed data on a real disk survives a trap", () => {
  it("in-process (createNodeWASI over a temp dir): the file is there and the output too", async () => {
    const dir = tmp();
    const out = new OutputCollector();
    const { wasi, close } = createNodeWASI({ dirs: { "/": dir }, stdin: "", stdout: out, stderr: () => {} });
    const instance = await instantiate(await loadModule(trap), wasi.getImportObject());
    try {
      expect(() => wasi.start(instance)).toThrow(WebAssembly.RuntimeError);
    } finally {
      close();
    }
    expect(out.text()).toBe("synced");
    expect(readFileSync(join(dir, "synced.txt"), "utf8")).toBe("durable data\n");
  });

  it("in a worker: the trap is reported, the file is there", async () => {
    const dir = tmp();
    const out: Uint8Array[] = [];
    await expect(run(trap, { worker: true, dirs: { "/": dir }, stdin: "", stdout: (c) => out.push(c), stderr: () => {} }))
      .rejects.toThrow(/unreachable/);
    expect(Buffer.concat(out).toString()).toBe("synced");
    expect(readFileSync(join(dir, "synced.txt"), "utf8")).toBe("durable data\n");
  });

  it("in-process through run(): the trap rejects, the file is there", async () => {
    const dir = tmp();
    await expect(run(trap, { dirs: { "/": dir }, stdin: "", stdout: () => {}, stderr: () => {} })).rejects.toThrow(WebAssembly.RuntimeError);
    expect(readFileSync(join(dir, "synced.txt"), "utf8")).toBe("durable data\n");
  });
});
