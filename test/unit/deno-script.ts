// Deno for the tests that run a script under it: the binary of the `deno` npm package (or DENO_BIN,
// or `deno` on PATH), and one way to run a script and get its stdout.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The deno binary: DENO_BIN, else the npm package's (linked now if its postinstall did not run), else `deno`. */
export function findDeno(): string {
  if (process.env["DENO_BIN"]) return process.env["DENO_BIN"];
  try {
    return (createRequire(import.meta.url)("deno/install_api.cjs") as { runInstall(): string }).runInstall();
  } catch {
    return "deno";
  }
}

/** The environment a test's Deno runs with: no update check, no prompt, no colour. */
export const DENO_ENV = { ...process.env, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" };

/** The project's root, where every Deno script of the tests runs. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * `deno run -A --quiet script ...args` from the project's root; resolves to its stdout.
 * @throws Error with Deno's stdout and stderr when it fails or runs past `timeoutMs`.
 */
export async function runDenoScript(script: string, timeoutMs: number, args: readonly string[] = []): Promise<string> {
  const { stdout } = await promisify(execFile)(findDeno(), ["run", "-A", "--quiet", script, ...args], { cwd: ROOT, env: DENO_ENV, timeout: timeoutMs })
    .catch((e: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`deno failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
    });
  return stdout;
}
