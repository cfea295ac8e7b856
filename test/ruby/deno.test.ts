/** Runs test/ruby/deno.mjs (ruby.wasm on @anywasi/core) in a `deno run` child process. */
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runDenoScript } from "../unit/deno-script.js";

it("runs ruby.wasm on @anywasi/core under Deno", async () => {
  const script = fileURLToPath(new URL("./deno.mjs", import.meta.url));
  const stdout = await runDenoScript(script, 110_000);
  expect(stdout).toMatch(/^7 passed, 0 failed$/m);
}, 120_000);
