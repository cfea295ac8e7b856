/**
 * Output is not lost when a signal ends `anywasi run`. The guest (fixtures/write_spin.c) writes
 * 100,000 bytes in 1,000-byte writes (a short run: written through at once) or 20 MB in 100-byte
 * writes (a long run: batched, then written out by the drain thread of shared-output.ts), says
 * "ready" on stderr, then spins without a syscall; the test then sends SIGINT or SIGTERM. The main
 * thread is busy in the guest, so no handler could run. Before, what a 64 KiB block buffer still
 * held (34,464 bytes of the short run) was lost. The oracle is the pattern itself: byte i is
 * i % 251. Liveness: the process ends on the signal, and after a trap by itself.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../packages/host-node/dist/cli.js", import.meta.url));
const GUEST = fileURLToPath(new URL("./fixtures/write_spin.wasm", import.meta.url));
const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i % 251));
const TOTAL = 100_000;
const expected = pattern(TOTAL);
const LONG = 20_000_000;

const dir = mkdtempSync(join(tmpdir(), "anywasi-signal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ended { stdout: Buffer; code: number | null; signal: NodeJS.Signals | null; sawReady: boolean }

/**
 * Run the CLI on the guest; once it reported "ready", wait `settleMs` and send `signal` (if any).
 * `stdout` is a pipe, or the given file descriptor. Resolves when the process has ended; kills it
 * after 20 s (then `sawReady`/`signal` tell the test what went wrong).
 */
function runGuest(extra: string[], signal: NodeJS.Signals | null, stdoutFd?: number, size = [TOTAL, 1000]): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, "run", GUEST, ...size.map(String), ...extra], {
      stdio: ["ignore", stdoutFd ?? "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    let sawReady = false;
    const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stdout?.on("data", (c: Buffer) => out.push(c));
    child.stderr!.setEncoding("utf8").on("data", (c: string) => {
      err += c;
      if (!sawReady && err.includes("ready\n")) {
        sawReady = true;
        // The guest now spins; give the drain thread far more than its few ms.
        if (signal !== null) setTimeout(() => child.kill(signal), 300);
      }
    });
    child.on("close", (code, sig) => {
      clearTimeout(guard);
      resolve({ stdout: Buffer.concat(out), code, signal: sig, sawReady });
    });
  });
}

describe("stdout of a guest ended by a signal (anywasi run)", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal}: every byte written before it arrives through a pipe`, async () => {
      const r = await runGuest([], signal);
      expect(r.sawReady).toBe(true);
      expect(r.signal).toBe(signal);
      expect(r.stdout.length).toBe(TOTAL);
      expect(r.stdout.equals(expected)).toBe(true);
    }, 30_000);
  }

  it("SIGINT after a long run of small writes (batched, drained by the second thread): every byte arrives", async () => {
    const r = await runGuest([], "SIGINT", undefined, [LONG, 100]);
    expect(r.sawReady).toBe(true);
    expect(r.signal).toBe("SIGINT");
    expect(r.stdout.length).toBe(LONG);
    expect(r.stdout.equals(pattern(LONG))).toBe(true);
  }, 60_000);

  it("SIGTERM: every byte arrives in a file", async () => {
    const file = join(dir, "out.bin");
    const fd = openSync(file, "w");
    try {
      const r = await runGuest([], "SIGTERM", fd);
      expect(r.sawReady).toBe(true);
      expect(r.signal).toBe("SIGTERM");
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file).equals(expected)).toBe(true);
  }, 30_000);

  it("a trap after the writes: every byte arrives, exit 134, and the process exits by itself", async () => {
    const r = await runGuest(["trap"], null);
    expect(r.signal).toBe(null);
    expect(r.code).toBe(134);
    expect(r.stdout.equals(expected)).toBe(true);
  }, 30_000);
});
