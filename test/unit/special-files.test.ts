/**
 * Opening a FIFO in a preopen never blocks: NodeFS opens with O_NONBLOCK and refuses FIFOs (and
 * sockets) with NOTSUP (wasi-libc's ENOTSUP is 58), whichever end is opened. Before, the open
 * blocked in open(2): a worker with a time limit rejected on time but its thread stayed stuck and
 * the Node process never exited. Each case runs in a child process that must exit by itself.
 * Oracle for the control file: Node's fs opens it both ways, and so does the guest.
 * Meeting a FIFO (opening it, listing its directory) must also leave Node's module resolution as
 * it was (stat-mode.ts): the oracle is the real path of the file the import names.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../packages/host-node/dist/cli.js", import.meta.url));
const HOST = fileURLToPath(new URL("../../packages/host-node/dist/index.js", import.meta.url));
const GUEST = fileURLToPath(new URL("./fixtures/open_paths.wasm", import.meta.url));
const ENOTSUP = 58;

const dir = mkdtempSync(join(tmpdir(), "anywasi-fifo-"));
const root = join(dir, "root");
beforeAll(() => {
  execFileSync("mkdir", [root]);
  execFileSync("mkfifo", [join(root, "fifo")]);
  writeFileSync(join(root, "file"), "x");
  execFileSync("mkdir", [join(dir, "fifo-only")]);
  execFileSync("mkfifo", [join(dir, "fifo-only", "p")]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expected = `/fifo r=${ENOTSUP} w=${ENOTSUP}\n/file r=OK w=OK\n`;

/** Run `args` under node; resolves when the process exits, or reports that it had to be killed. */
function exec(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 15_000, killSignal: "SIGKILL" }, (err, stdout, stderr) => {
      resolve({
        code: err === null ? 0 : typeof err.code === "number" ? err.code : null,
        stdout, stderr, killed: err?.killed === true, ms: Date.now() - started,
      });
    });
  });
}

function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `import { readFileSync } from "node:fs";\nimport { run } from ${JSON.stringify(HOST)};\n${body}`);
  return file;
}

describe("a FIFO in a preopen", () => {
  it("is refused with ENOTSUP in a worker with a time limit, and the process exits by itself", async () => {
    const file = script("worker.mjs", `
      let out = "";
      const r = await run(readFileSync(${JSON.stringify(GUEST)}), {
        worker: true, timeoutMs: 5000, stdin: "", dirs: { "/": ${JSON.stringify(root)} },
        args: ["open_paths", "/fifo", "/file"], stdout: (c) => { out += Buffer.from(c).toString(); },
      });
      process.stdout.write(out);
      process.exitCode = r.exitCode;
    `);
    const r = await exec([file]);
    expect(r.killed).toBe(false);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(expected);
    expect(r.code).toBe(0);
  }, 30_000);

  it("is refused in-thread (run without a worker)", async () => {
    const file = script("inthread.mjs", `
      const r = await run(readFileSync(${JSON.stringify(GUEST)}), {
        stdin: "", dirs: { "/": ${JSON.stringify(root)} }, args: ["open_paths", "/fifo", "/file"],
      });
      process.exitCode = r.exitCode;
    `);
    const r = await exec([file]);
    expect(r.killed).toBe(false);
    expect(r.stdout).toBe(expected);
    expect(r.code).toBe(0);
  }, 30_000);

  it("is refused by the anywasi command", async () => {
    const r = await exec([CLI, "run", "--dir", `${root}::/`, GUEST, "/fifo", "/file"]);
    expect(r.killed).toBe(false);
    expect(r.stdout).toBe(expected);
    expect(r.code).toBe(0);
  }, 30_000);
});

describe("a FIFO met in a preopen", () => {
  // Node 20 resolves a module path through a symlink wrongly right after a number stat of a FIFO
  // (stat-mode.ts): the next package imported through node_modules (a symlink here, as in npm
  // workspaces and pnpm) must still resolve to its real file, or the process loads a second core.
  const REPO = fileURLToPath(new URL("../..", import.meta.url));
  const COMPONENT = pathToFileURL(realpathSync(join(REPO, "packages/core/dist/component.bundle.js"))).href;
  const cases: [string, string][] = [
    ["a guest's open of it", `await run(readFileSync(${JSON.stringify(GUEST)}), { stdin: "", dirs: { "/": ${JSON.stringify(root)} }, args: ["open_paths", "/fifo"], stdout: () => {} });`],
    ["a listing of its directory", `const fs = new NodeFS(${JSON.stringify(join(dir, "fifo-only"))}); fs.root.readDirectory(); fs.close();`],
  ];
  it.each(cases)("after %s, a package imported through a symlink resolves to its real file", (_, body) => {
    const code = `import { readFileSync } from "node:fs"; const { run, NodeFS } = await import("@anywasi/node"); ${body}` +
      ` process.stdout.write(import.meta.resolve("@anywasi/core/component"));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: REPO, input: "" }).toString();
    expect(out).toBe(COMPONENT);
  });
});
