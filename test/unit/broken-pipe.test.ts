/**
 * A write to a closed pipe fails with PIPE (wasmtime's behaviour, SIGPIPE ignored), so a guest
 * that writes forever into `| head -c 10` ends instead of spinning while the host drops its
 * output. Each pipeline runs in bash; the test asserts that it ends by itself, that `head` got its
 * 10 bytes, and that the guest saw EPIPE: fixtures/yes.c exits with the failing write's errno
 * (wasi-libc's EPIPE is 64). Liveness: the host process must exit on its own within the bound.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../packages/host-node/dist/cli.js", import.meta.url));
const HOST = fileURLToPath(new URL("../../packages/host-node/dist/index.js", import.meta.url));
const YES = fileURLToPath(new URL("./fixtures/yes.wasm", import.meta.url));
const EPIPE = 64;

const dir = mkdtempSync(join(tmpdir(), "anywasi-pipe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `left | head -c 10` in bash; resolves with head's output and the left side's exit status. */
function pipeline(left: string): Promise<{ out: string; status: string; timedOut: boolean }> {
  const script = `${left} | head -c 10; echo " status=\${PIPESTATUS[0]}"`;
  return new Promise((resolve) => {
    // Its own process group, so that a hung pipeline is killed whole, node included.
    const child = spawn("bash", ["-c", script], { detached: true, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; process.kill(-child.pid!, "SIGKILL"); }, 20_000);
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.on("close", () => {
      clearTimeout(timer);
      const m = / status=(\d+)\n$/.exec(stdout);
      resolve({ out: m === null ? stdout : stdout.slice(0, m.index), status: m?.[1] ?? "", timedOut });
    });
  });
}

const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

describe("a guest writing into a closed pipe", () => {
  it("anywasi run yes.wasm | head -c 10 ends, and the guest saw EPIPE", async () => {
    const r = await pipeline(`${q(process.execPath)} ${q(CLI)} run ${q(YES)}`);
    expect(r.timedOut).toBe(false);
    expect(r.out).toBe("y\ny\ny\ny\ny\n");
    expect(r.status).toBe(String(EPIPE));
  }, 30_000);

  it("the same through run({ worker: true }) with inherited stdout", async () => {
    const file = join(dir, "worker.mjs");
    writeFileSync(file, `
      import { readFileSync } from "node:fs";
      import { run } from ${JSON.stringify(HOST)};
      const r = await run(readFileSync(${JSON.stringify(YES)}), { worker: true, timeoutMs: 15000, stdin: "" });
      process.exitCode = r.exitCode;
    `);
    const r = await pipeline(`${q(process.execPath)} ${q(file)}`);
    expect(r.timedOut).toBe(false);
    expect(r.out).toBe("y\ny\ny\ny\ny\n");
    expect(r.status).toBe(String(EPIPE));
  }, 30_000);

  it("the same through the in-thread API (createNodeWASI, stdout inherited)", async () => {
    const file = join(dir, "inthread.mjs");
    writeFileSync(file, `
      import { readFileSync } from "node:fs";
      import { run } from ${JSON.stringify(HOST)};
      const r = await run(readFileSync(${JSON.stringify(YES)}), { stdin: "" });
      process.exitCode = r.exitCode;
    `);
    const r = await pipeline(`${q(process.execPath)} ${q(file)}`);
    expect(r.timedOut).toBe(false);
    expect(r.out).toBe("y\ny\ny\ny\ny\n");
    expect(r.status).toBe(String(EPIPE));
  }, 30_000);
});
