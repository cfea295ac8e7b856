// @anywasi/node loads node:worker_threads only when it starts a thread (and node:os only for a
// gateway's pool or the transpile cache's default directory): a run that needs none
// (output redirected, no stdin read, no worker mode) must not load it; one that does still works.
// It loads node:tty only for a descriptor that can be a terminal; what the guest sees of its
// standard descriptors (libc's isatty) must be what node:wasi shows the same guest, with and
// without a terminal (a pseudo-terminal from util-linux's `script`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const STARTUP = fileURLToPath(new URL("../../bench/programs/1-startup.wasm", import.meta.url));

describe("@anywasi/node's imports", () => {
  it("on Node, the core's clocks and sleeps do not load perf_hooks (the first use of globalThis.performance does)", () => {
    const poll = fileURLToPath(new URL("../../bench/programs/7-poll-sleep.wasm", import.meta.url));
    const code = `import { readFileSync } from "node:fs"; const { run } = await import("@anywasi/node");` +
      ` const r = await run(readFileSync(${JSON.stringify(poll)}), { args: ["7-poll-sleep", "50"], stdout: () => {}, stderr: (b) => process.stderr.write(b) });` +
      ` const loaded = process.moduleLoadList.filter((m) => / perf_hooks$/.test(m));` +
      ` process.stderr.write("\\n" + JSON.stringify({ exitCode: r.exitCode, loaded }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    // The guest checks that no sleep ended early (not_early=ok), on the clock the sleeps now read.
    expect(r.stderr).toContain("sleeps=20 not_early=ok");
    const report = JSON.parse(r.stderr.slice(r.stderr.lastIndexOf("{")));
    expect(report).toEqual({ exitCode: 0, loaded: [] });
  });

  it("a run with its output on /dev/null and a pipe loads neither node:worker_threads nor node:os", () => {
    const code = `import { readFileSync } from "node:fs"; const { run } = await import("@anywasi/node");` +
      ` const r = await run(readFileSync(${JSON.stringify(STARTUP)}), { args: ["1-startup", "1"] });` +
      ` const loaded = process.moduleLoadList.filter((m) => /^NativeModule (worker_threads|os)$/.test(m));` +
      ` process.stderr.write("\\n" + JSON.stringify({ exitCode: r.exitCode, loaded }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    const report = JSON.parse(r.stderr.slice(r.stderr.lastIndexOf("{")));
    expect(report).toEqual({ exitCode: 0, loaded: [] });
  });

  it("a run in worker mode loads it, and runs", () => {
    const code = `import { readFileSync } from "node:fs"; const { run } = await import("@anywasi/node");` +
      ` const r = await run(readFileSync(${JSON.stringify(STARTUP)}), { args: ["1-startup", "1"], worker: true });` +
      ` const loaded = process.moduleLoadList.filter((m) => / worker_threads$/.test(m));` +
      ` process.stderr.write("\\n" + JSON.stringify({ exitCode: r.exitCode, loaded }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    const report = JSON.parse(r.stderr.slice(r.stderr.lastIndexOf("{")));
    expect(report).toEqual({ exitCode: 0, loaded: ["NativeModule worker_threads"] });
  });
});

const ISATTY = fileURLToPath(new URL("./fixtures/isatty.wasm", import.meta.url));
// The package's own entry, by URL: the scripts live outside the repository.
const HOST_NODE = new URL("../../packages/host-node/dist/bundle.js", import.meta.url).href;
const work = mkdtempSync(join(tmpdir(), "anywasi-tty-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A script that runs the isatty guest with @anywasi/node or node:wasi and writes a report to `out`. */
function ttyScript(runtime: "anywasi" | "node:wasi", out: string): string {
  const file = join(work, `${runtime === "anywasi" ? "any" : "nodewasi"}.mjs`);
  const runGuest = runtime === "anywasi"
    ? `const { run } = await import(${JSON.stringify(HOST_NODE)}); await run(bytes, { args: ["isatty"] });`
    : `const { WASI } = await import("node:wasi"); const wasi = new WASI({ version: "preview1", args: ["isatty"], returnOnExit: true });` +
      ` wasi.start(await WebAssembly.instantiate(await WebAssembly.compile(bytes), wasi.getImportObject()));`;
  // The guest's line goes to fd 2 (a terminal or not); the report goes to a file, past `script`.
  writeFileSync(file, `import { readFileSync, writeFileSync } from "node:fs";\n` +
    `const bytes = readFileSync(${JSON.stringify(ISATTY)});\n${runGuest}\n` +
    `writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList.filter((m) => / tty$/.test(m))));\n`);
  return file;
}

/** Run `script` (its stdio: /dev/null, a pipe, a file) and return the guest's line and whether node:tty was loaded. */
function runWithStdio(runtime: "anywasi" | "node:wasi", terminal: boolean): { line: string; tty: boolean } {
  const out = join(work, `${runtime === "anywasi" ? "any" : "nodewasi"}-${terminal}.json`);
  const file = ttyScript(runtime, out);
  const errFile = join(work, "stderr.txt");
  let line: string;
  if (terminal) {
    // `script` gives the command a pseudo-terminal as its stdin, stdout and stderr.
    const r = spawnSync("script", ["-qec", `${JSON.stringify(process.execPath)} --no-warnings ${JSON.stringify(file)}`, "/dev/null"], { encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], timeout: 30_000 });
    line = (r.stdout.match(/0:\d 1:\d 2:\d/) ?? [r.stdout + r.stderr])[0];
  } else {
    writeFileSync(errFile, "");
    const errFd = spawnSync(process.execPath, ["--no-warnings", file], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 30_000 });
    line = errFd.stderr.trim();
  }
  return { line, tty: (JSON.parse(readFileSync(out, "utf8")) as string[]).length > 0 };
}

describe("@anywasi/node and terminals", () => {
  it("with stdin on /dev/null and stdout and stderr on pipes: no terminal, as node:wasi says, and node:tty is not loaded", () => {
    const any = runWithStdio("anywasi", false);
    expect(any.line).toBe(runWithStdio("node:wasi", false).line);
    expect(any).toEqual({ line: "0:0 1:0 2:0", tty: false });
  });

  it.skipIf(!existsSync("/usr/bin/script"))("on a pseudo-terminal: every standard descriptor is a terminal, as node:wasi says", () => {
    const any = runWithStdio("anywasi", true);
    expect(any.line).toBe(runWithStdio("node:wasi", true).line);
    expect(any).toEqual({ line: "0:1 1:1 2:1", tty: true });
  });
});
