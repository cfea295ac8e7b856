/** Runs test/ruby/deno.mjs (ruby.wasm on @anywasi/core) in a `deno run` child process. */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

function findDeno(): string {
  if (process.env["DENO_BIN"]) return process.env["DENO_BIN"];
  try {
    // The `deno` devDependency's binary (linked now if its postinstall did not run).
    return (createRequire(import.meta.url)("deno/install_api.cjs") as { runInstall(): string }).runInstall();
  } catch {
    return "deno";
  }
}

it("runs ruby.wasm on @anywasi/core under Deno", async () => {
  const script = fileURLToPath(new URL("./deno.mjs", import.meta.url));
  const cwd = fileURLToPath(new URL("../../", import.meta.url));
  const { stdout } = await promisify(execFile)(findDeno(), ["run", "-A", "--quiet", script], {
    cwd, env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" }, timeout: 110_000,
  }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`deno failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  });
  expect(stdout).toMatch(/^7 passed, 0 failed$/m);
}, 120_000);
