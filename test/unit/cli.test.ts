// The `anywasi` command as users run it: exit codes, one-line errors, stdio passed through.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = new URL("../../packages/host-node/dist/cli.js", import.meta.url).pathname;
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const example = (name: string) => new URL(`../../examples/${name}`, import.meta.url).pathname;

interface Result { code: number | null; stdout: string; stderr: string }

type Feed = (write: (s: string) => void, end: () => void, onStderr: (listener: (text: string) => void) => void) => void;

function cli(args: string[], options: { input?: string; feed?: Feed; cwd?: string } = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? process.cwd(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (options.feed) options.feed((s) => child.stdin.write(s), () => child.stdin.end(), (l) => child.stderr.on("data", l));
    else child.stdin.end(options.input ?? "");
  });
}

/**
 * Runs the command with stdin a pipe that stays open and idle (as in `sleep 60 | anywasi run`: a
 * named pipe that this side holds open), and measures how long the process lives after the guest's
 * last output arrived.
 */
function cliIdleStdin(args: string[], input = ""): Promise<{ code: number | null; stdout: string; lingerMs: number }> {
  const fifo = join(mkdtempSync(join(tmpdir(), "anywasi-fifo-")), "stdin");
  execFileSync("mkfifo", [fifo]);
  // O_RDWR: opening a FIFO this way does not wait for a writer, and the pipe never reaches EOF.
  const fd = openSync(fifo, "r+");
  if (input !== "") writeSync(fd, input);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: [fd, "pipe", "inherit"] });
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

/**
 * The 100 ms budget is for the stdin reader; on a loaded machine Node's own teardown takes longer,
 * so it is measured as well (a guest that never touches stdin) and added. A process kept alive by
 * stdin lives until the 10 s kill and fails every try.
 */
async function exitBudgetMs(): Promise<number> {
  const base = await cliIdleStdin([example("hello/hello.wasm")]);
  return 100 + base.lingerMs;
}

describe("anywasi run", () => {
  it("exits with its guest while stdin is an idle open pipe, after the guest polled it", { retry: 3, timeout: 30_000 }, async () => {
    const budget = await exitBudgetMs();
    const r = await cliIdleStdin([fixture("poll_then_exit.wasm")]);
    expect(r.stdout).toBe("timeout\n");
    expect(r.code).toBe(3);
    expect(r.lingerMs, `lived ${r.lingerMs} ms after the guest's output`).toBeLessThan(budget);
  });

  it("exits with its guest while stdin is an idle open pipe, after the guest read a line", { retry: 3, timeout: 30_000 }, async () => {
    const budget = await exitBudgetMs();
    const r = await cliIdleStdin([fixture("stdin_poll.wasm")], "hi\n");
    expect(r.stdout).toMatch(/^ready after (no )?timeouts?: hi\n$/);
    expect(r.code).toBe(0);
    expect(r.lingerMs, `lived ${r.lingerMs} ms after the guest's output`).toBeLessThan(budget);
  });

  it("passes the guest's exit code, args, env and stdout through", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anywasi-cli-"));
    writeFileSync(join(dir, "note.txt"), "from the host\n");
    const r = await cli(["run", "--dir", `${dir}::/`, "--env", "X=1", "--", example("hello/hello.wasm"), "tester"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("hello, tester, from WASI");
    expect(r.stdout).toContain("note.txt says: from the host");
    expect(readFileSync(join(dir, "greeting.txt"), "utf8")).toMatch(/^greeted tester at \d+\n$/);
  });

  it("passes binary stdin and stdout through byte for byte", async () => {
    const input = Buffer.alloc(3 * 256 * 1024);
    for (let i = 0; i < input.length; i++) input[i] = (i * 7 + (i >> 8)) & 0xff;
    const out = await new Promise<Buffer>((resolve) => {
      const child = spawn(process.execPath, [CLI, fixture("cat.wasm")], { stdio: ["pipe", "pipe", "inherit"] });
      const chunks: Buffer[] = [];
      child.stdout.on("data", (c: Buffer) => chunks.push(c));
      child.on("close", () => resolve(Buffer.concat(chunks)));
      child.stdin.end(input);
    });
    expect(out.equals(input)).toBe(true);
  });

  it("runs an interactive program through a pipe", async () => {
    const r = await cli([example("calc/calc.wasm")], { input: "1 + 2\n6 * 7\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("calc> 3\ncalc> 42\ncalc> \nbye\n");
  });

  it("reports stdin readiness honestly in poll_oneoff", async () => {
    // The line is written once the trace shows a poll_oneoff returned (a trace line follows its
    // call): that poll ran with stdin empty, so it can only have timed out. A fixed delay raced a
    // slow start-up on a loaded machine.
    let fed = false;
    const r = await cli(["--trace", fixture("stdin_poll.wasm")], {
      feed: (write, end, onStderr) => onStderr((text) => {
        if (fed || !text.includes("poll_oneoff(")) return;
        fed = true;
        write("hi\n");
        end();
      }),
    });
    expect(r.stdout).toBe("ready after timeouts: hi\n");
    expect(r.code).toBe(0);
  });

  it("delivers output written before a trap and exits 134 with one line", async () => {
    const r = await cli([fixture("trap.wasm")]);
    expect(r.stdout).toBe("before the trap");
    expect(r.code).toBe(134);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^anywasi: the guest trapped/);
  });

  it("names an import it does not provide, exit 65", async () => {
    const r = await cli([fixture("env-import.wasm")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('"env"."host_magic"');
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses a file that is not wasm (65) and a missing file (66)", async () => {
    const notWasm = await cli([fixture("stdin_poll.c")]);
    expect(notWasm.code).toBe(65);
    expect(notWasm.stderr).toContain("not a WebAssembly module");
    const missing = await cli(["/nonexistent/x.wasm"]);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toMatch(/^anywasi: cannot read/);
  });

  it("names a --dir directory it cannot open, in one line, exit 74", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "anywasi-cli-")), "no-such-dir");
    const r = await cli(["run", "--dir", `${missing}::/data`, example("hello/hello.wasm")]);
    expect(r.code).toBe(74);
    expect(r.stderr).toBe(`anywasi: cannot preopen ${JSON.stringify(missing)} as "/data": no such directory (ENOENT)\n`);
    expect(r.stdout).toBe("");
  });

  it("rejects bad usage with 64 and documents every flag in --help", async () => {
    expect((await cli(["run", "--bogus", "x.wasm"])).code).toBe(64);
    expect((await cli(["run", "--env", "novalue", "x.wasm"])).code).toBe(64);
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const flag of ["--dir", "--dir-ro", "--env", "--inherit-env", "--trace", "--verbose"]) expect(help.stdout).toContain(flag);
  });

  it("traces WASI calls with --trace", async () => {
    const r = await cli(["--trace", fixture("trap.wasm")]);
    expect(r.stderr).toContain("[wasi] fd_write(1, 0, 1, 8) = 0");
  });
});

describe("the anywasi bin (what npx runs)", () => {
  const BIN = new URL("../../packages/host-node/bin/anywasi.js", import.meta.url).pathname;

  it("is a committed file that runs the built command", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anywasi-bin-"));
    const r = await new Promise<Result>((resolve) => {
      const child = spawn(process.execPath, [BIN, "run", "--dir", `${dir}::/`, example("hello/hello.wasm"), "bin"], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
      child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("hello, bin, from WASI");
    expect(r.code).toBe(0);
  });

  it("says in one line that the build is missing, exit 70", () => {
    const copy = join(mkdtempSync(join(tmpdir(), "anywasi-bin-")), "bin");
    mkdirSync(copy);
    copyFileSync(BIN, join(copy, "anywasi.js"));
    const r = spawnSync(process.execPath, [join(copy, "anywasi.js"), "--help"], { encoding: "utf8" });
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/^anywasi: the command is not built yet \(.*cli\.bundle\.js is missing\): run `npm run build`.*\n$/);
  });
});
