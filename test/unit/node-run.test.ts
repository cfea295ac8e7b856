// @anywasi/node's run(): in-process and in a killable worker thread.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModuleError, OutputCollector, run, TimeLimitError } from "../../packages/host-node/dist/index.js";

const bytes = (path: string) => readFileSync(new URL(path, import.meta.url));
const hello = bytes("../../examples/hello/hello.wasm");

describe("@anywasi/node run()", () => {
  it("runs on a real directory and leaves the guest's file on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anywasi-run-"));
    writeFileSync(join(dir, "note.txt"), "disk note\n");
    const out = new OutputCollector();
    const r = await run(hello, { args: ["hello", "node"], dirs: { "/": dir }, stdout: out, stdin: "" });
    expect(r.exitCode).toBe(0);
    expect(out.text()).toContain("note.txt says: disk note");
    expect(readFileSync(join(dir, "greeting.txt"), "utf8")).toMatch(/^greeted node at/);
  });

  it("kills a spinning guest in worker mode at its time limit, keeping its output", async () => {
    const chunks: Uint8Array[] = [];
    const started = Date.now();
    await expect(run(bytes("./fixtures/spin.wasm"), { worker: true, timeoutMs: 500, stdout: (c) => chunks.push(c), stdin: "" }))
      .rejects.toBeInstanceOf(TimeLimitError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(Buffer.concat(chunks).toString()).toBe("spinning\n");
  });

  it("runs a guest to completion in worker mode with real files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anywasi-run-"));
    const chunks: Uint8Array[] = [];
    const r = await run(hello, { worker: true, args: ["hello", "worker"], dirs: { "/": dir }, stdout: (c) => chunks.push(c), stdin: "" });
    expect(r.exitCode).toBe(0);
    expect(Buffer.concat(chunks).toString()).toContain("hello, worker, from WASI");
    expect(readFileSync(join(dir, "greeting.txt"), "utf8")).toMatch(/^greeted worker at/);
  });

  it("reports a trap from the worker as an error, after the output", async () => {
    const chunks: Uint8Array[] = [];
    await expect(run(bytes("./fixtures/trap.wasm"), { worker: true, stdout: (c) => chunks.push(c), stdin: "" }))
      .rejects.toThrow(/unreachable/);
    expect(Buffer.concat(chunks).toString()).toBe("before the trap");
  });

  it("refuses a module with an unknown import before running it", async () => {
    await expect(run(bytes("./fixtures/env-import.wasm"), { stdin: "" })).rejects.toBeInstanceOf(ModuleError);
  });

  it("refuses timeoutMs without a worker, where it could not be enforced", async () => {
    await expect(run(hello, { timeoutMs: 10, stdin: "" })).rejects.toThrow(/worker: true/);
  });
});

/**
 * Runs `run()` in a child Node process whose stdin is a pipe that stays open and idle (a named
 * pipe this side holds open) and already holds a line; the guest reads that line and exits. The
 * child must then exit by itself: nothing `run()` started may keep its event loop alive.
 */
function runInChild(worker: boolean, guestFile = "./fixtures/stdin_poll.wasm", stdin = "undefined"): Promise<{ code: number | null; stdout: string; lingerMs: number }> {
  const fifo = join(mkdtempSync(join(tmpdir(), "anywasi-fifo-")), "stdin");
  execFileSync("mkfifo", [fifo]);
  const fd = openSync(fifo, "r+"); // O_RDWR: no wait for a writer, and no EOF ever
  writeSync(fd, "hi\n");
  const index = new URL("../../packages/host-node/dist/index.js", import.meta.url).href;
  const guest = new URL(guestFile, import.meta.url).pathname;
  const script = `import { run } from ${JSON.stringify(index)};
import { readFileSync } from "node:fs";
const r = await run(readFileSync(${JSON.stringify(guest)}), { worker: ${worker}, stdin: ${stdin} });
console.log("settled " + r.exitCode);`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: [fd, "pipe", "inherit"] });
    let stdout = "";
    let lastOutput = 0;
    child.stdout!.setEncoding("utf8").on("data", (c: string) => { stdout += c; lastOutput = performance.now(); });
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.on("exit", (code) => {
      clearTimeout(killer);
      closeSync(fd);
      resolve({ code, stdout, lingerMs: performance.now() - lastOutput });
    });
  });
}

describe("@anywasi/node run() and an idle stdin", () => {
  // The 100 ms budget is for what run() started; on a loaded machine Node's own teardown takes
  // longer, so it is measured too (a run that never touches stdin) and added. A process kept
  // alive lives until the 10 s kill and fails every try.
  for (const worker of [false, true]) {
    it(`lets the process exit by itself once the promise settled (worker: ${worker})`, { retry: 3, timeout: 30_000 }, async () => {
      const base = await runInChild(worker, "../../examples/hello/hello.wasm", '""');
      expect(base.stdout).toContain("settled 1");
      const r = await runInChild(worker);
      expect(r.stdout).toMatch(/^ready after (no )?timeouts?: hi\nsettled 0\n$/);
      expect(r.code).toBe(0);
      expect(r.lingerMs, `lived ${r.lingerMs} ms after run() settled`).toBeLessThan(100 + base.lingerMs);
    });
  }
});

describe("@anywasi/node WASI, the node:wasi drop-in", () => {
  it("takes node:wasi's options: host paths as preopens, version, returnOnExit", async () => {
    const { WASI } = await import("../../packages/host-node/dist/index.js");
    const dir = mkdtempSync(join(tmpdir(), "anywasi-dropin-"));
    writeFileSync(join(dir, "note.txt"), "drop-in\n");
    const out = new OutputCollector();
    const wasi = new WASI({ version: "preview1", args: ["hello", "dropin"], env: {}, preopens: { "/": dir }, returnOnExit: true, stdout: out, stdin: "" });
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(hello), wasi.getImportObject());
    expect(wasi.start(instance)).toBe(0);
    wasi.close();
    expect(out.text()).toContain("note.txt says: drop-in");
    expect(readFileSync(join(dir, "greeting.txt"), "utf8")).toMatch(/^greeted dropin/);
  });
});
