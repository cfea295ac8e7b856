// runOnMainThread with timeoutMs: no thread can be killed on the page, so the module is
// instrumented with interruption checks; a guest spinning in `loop br 0` ends with a LimitError
// shortly after the limit, the page stays usable, and the next guest runs normally.
import { expect, test } from "@playwright/test";
import { PLAIN, open } from "./helpers.js";

test("runOnMainThread: timeoutMs ends a guest spinning without syscalls, then the next guest runs", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async () => {
    const { anywasi, wasm } = harness;
    const t0 = performance.now();
    const out: Uint8Array[] = [];
    const err = await anywasi.runOnMainThread(wasm.spin, { timeoutMs: 300, stdout: (c) => out.push(c.slice()) })
      .then(() => "resolved", (e: Error) => `${e.name}: ${e.message}`);
    const ms = performance.now() - t0;
    const next = await anywasi.runOnMainThread(wasm.stdio, { timeoutMs: 5000 });
    return { err, ms, spinOut: new TextDecoder().decode(out[0]), nextCode: next.exitCode, nextErr: new TextDecoder().decode(next.stderr) };
  });
  expect(r.err).toMatch(/^LimitError: .*time limit of 300 ms/);
  expect(r.ms).toBeGreaterThanOrEqual(300);
  // A bound for "ended by the limit" (the guest spins forever), generous for a loaded machine.
  expect(r.ms).toBeLessThan(10_000);
  expect(r.spinOut).toBe("spinning\n");
  expect(r.nextCode).toBe(7);
  expect(r.nextErr).toBe("err\n");
});
