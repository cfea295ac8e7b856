/**
 * Components on Deno: test/components/deno-run.mjs runs examples/hello as a preview1 module and as
 * a component through @anywasi/node (the built packages) in a `deno run` child, on MemFS and on a
 * real directory. The component must match its preview1 twin run on Deno itself.
 */
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runDenoScript } from "./deno-script.js";


it("runs a component through @anywasi/node under Deno, as its preview1 twin", async () => {
  const script = fileURLToPath(new URL("../components/deno-run.mjs", import.meta.url));
  const stdout = await runDenoScript(script, 170_000);
  const runs = stdout.trim().split("\n").map((l) => JSON.parse(l) as { kind: string; fs: string; exitCode: number; stdout: string; greeting: string });
  expect(runs.length).toBe(4);
  for (const fs of ["memory", "disk"]) {
    const twin = runs.find((r) => r.kind === "preview1" && r.fs === fs)!;
    const got = runs.find((r) => r.kind === "component" && r.fs === fs)!;
    expect(twin.exitCode).toBe(0);
    expect(twin.stdout).toMatch(/^hello, deno, from WASI\n/);
    // The greeting holds the time of the run.
    const timeless = (r: typeof got) => ({ ...r, kind: "", greeting: r.greeting.replace(/\d+/g, "N") });
    expect(timeless(got)).toEqual(timeless(twin));
  }
}, 180_000);
