// @anywasi/node loads node:worker_threads only when it starts a thread: a run that needs none
// (output redirected, no stdin read, no worker mode) must not load it; one that does still works.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const STARTUP = fileURLToPath(new URL("../../bench/programs/1-startup.wasm", import.meta.url));

describe("@anywasi/node's imports", () => {
  it("a run with its output on /dev/null and a pipe does not load node:worker_threads", () => {
    const code = `import { readFileSync } from "node:fs"; const { run } = await import("@anywasi/node");` +
      ` const r = await run(readFileSync(${JSON.stringify(STARTUP)}), { args: ["1-startup", "1"] });` +
      ` const loaded = process.moduleLoadList.filter((m) => / worker_threads$/.test(m));` +
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
