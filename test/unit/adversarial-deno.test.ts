/**
 * Issue 16 on Deno: `anywasi run` (the built @anywasi/node CLI) in a `deno run -A` child, for the
 * items whose Node tests drive the CLI: EPIPE (broken-pipe.test.ts), huge offsets on a real
 * directory (boundaries.test.ts), a trap's output (signal-output.test.ts) and the idle-stdin
 * liveness of issue 12 (cli.test.ts). Each case also checks liveness: the deno process exits by
 * itself, well before stdin (held open by `sleep`) reaches EOF. Uses the built packages.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../packages/host-node/dist/cli.js", import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const DENO = (createRequire(import.meta.url)("deno/install_api.cjs") as { runInstall(): string }).runInstall();
const EPIPE = 64;
/** How long `sleep` keeps stdin open: the guest must be done long before. */
const HOLD_S = 8;

const dir = mkdtempSync(join(tmpdir(), "anywasi-adv-deno-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Result { out: string; status: string; ms: number; timedOut: boolean }

/**
 * Run `<stdin> | deno run -A cli.js run <args> [| head -c 10]` in bash; `ms` is the deno
 * process's own lifetime (it ends before `sleep` does if nothing keeps it alive). The pipeline is
 * killed once deno has ended.
 */
function denoRun(args: string[], opts: { stdin?: string; head?: boolean } = {}): Promise<Result> {
  const deno = `s=$(date +%s%N); ${DENO} run -A ${CLI} run ${args.map((a) => `'${a}'`).join(" ")}`;
  const tail = opts.head === true ? " | head -c 10" : "";
  const feed = `{ printf '${opts.stdin ?? ""}'; sleep ${HOLD_S}; }`;
  const script = `${feed} | { ${deno}; rc=$?; echo " status=$rc ms=$(( ($(date +%s%N)-s)/1000000 ))" >&2; }${tail}`;
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", script], {
      detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" },
    });
    let out = "";
    let err = "";
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; process.kill(-child.pid!, "SIGKILL"); }, 30_000);
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      err += c;
      // Deno has ended (its output is all in the pipes): the test has what it needs, and need not
      // wait for `sleep` to end the pipeline.
      if (/ status=\d+ ms=\d+\n/.test(err)) try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone already */ }
    });
    child.on("close", () => {
      clearTimeout(timer);
      const m = / status=(\d+) ms=(\d+)\n/.exec(err);
      resolve({ out, status: m?.[1] ?? `? ${err}`, ms: Number(m?.[2] ?? NaN), timedOut });
    });
  });
}

/** Well under HOLD_S, with room for deno's start-up on a loaded machine. */
const LIVE_MS = (HOLD_S - 3) * 1000;

describe("issue 16 under Deno (anywasi run)", () => {
  it("yes.wasm | head -c 10 ends, the guest saw EPIPE, and deno exits while stdin is still open", async () => {
    const r = await denoRun([fixture("yes.wasm")], { head: true });
    expect(r.timedOut).toBe(false);
    expect(r.out).toBe("y\ny\ny\ny\ny\n");
    expect(r.status).toBe(String(EPIPE));
    expect(r.ms).toBeLessThan(LIVE_MS);
  }, 40_000);

  it("ftruncate(2^63 - 1) and pwrite at 2^53 on a real file are FBIG; the file is intact", async () => {
    const pre = mkdtempSync(join(dir, "pre-"));
    writeFileSync(join(pre, "f"), "0123456789");
    const r = await denoRun(["--dir", `${pre}::/`, fixture("huge-offsets.wasm")]);
    expect(r.status).toBe("0");
    expect(readFileSync(join(pre, "f"), "utf8")).toBe("0123456789");
    expect(r.ms).toBeLessThan(LIVE_MS);
  }, 40_000);

  it("a trap ends with 134 and deno exits while stdin is still open", async () => {
    const r = await denoRun([fixture("trap.wasm")]);
    expect(r.status).toBe("134");
    expect(r.ms).toBeLessThan(LIVE_MS);
  }, 40_000);

  it("exits with its guest after the guest polled an idle stdin pipe", async () => {
    const r = await denoRun([fixture("poll_then_exit.wasm")]);
    expect(r.out).toBe("timeout\n");
    expect(r.status).toBe("3");
    expect(r.ms).toBeLessThan(LIVE_MS);
  }, 40_000);

  it("exits with its guest after the guest read a line from a pipe that stays open", async () => {
    const r = await denoRun([fixture("stdin_poll.wasm")], { stdin: "hi\\n" });
    expect(r.out).toMatch(/^ready after (no )?timeouts?: hi\n$/);
    expect(r.status).toBe("0");
    expect(r.ms).toBeLessThan(LIVE_MS);
  }, 40_000);
});
