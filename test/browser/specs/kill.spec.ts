// kill(): a guest spinning in wasm, or blocked waiting for stdin, ends at once with 137.
import { expect, test } from "@playwright/test";
import { ISOLATED, PLAIN, open } from "./helpers.js";

for (const [name, url, stdinMode] of [["JSPI", PLAIN, "jspi"], ["SAB", ISOLATED, "sab"]] as const) {
  test(`${name}: kill() ends a spinning guest and a guest waiting for stdin`, async ({ page }) => {
    await open(page, url);
    const r = await page.evaluate(async (stdinMode) => {
      const { anywasi, wasm, readUntil } = harness;
      const spin = anywasi.spawn(wasm.spin, { stdinMode });
      await readUntil(spin.stdout.getReader(), "spinning\n");
      // Each kill is timed alone: the second guest's start (a worker, a compile) is not the kill's
      // time, and on a loaded machine it took seconds.
      let t0 = performance.now();
      spin.kill();
      const spinCode = await spin.exit;
      const spinMs = performance.now() - t0;
      const waiting = anywasi.spawn(wasm.calc, { stdin: "interactive", stdinMode });
      await readUntil(waiting.stdout.getReader(), "calc> ");
      t0 = performance.now();
      waiting.kill();
      const files = await waiting.files().then(() => "resolved", (e: Error) => e.message);
      const waitCode = await waiting.exit;
      return { spinCode, waitCode, files, ms: Math.max(spinMs, performance.now() - t0) };
    }, stdinMode);
    expect(r.spinCode).toBe(137);
    expect(r.waitCode).toBe(137);
    expect(r.files).toContain("killed");
    // Neither guest ends by itself: the bound only shows that kill() ended each, not a timing claim.
    expect(r.ms).toBeLessThan(5000);
  });
}
