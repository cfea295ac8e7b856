// Limits in the browser: a time limit kills a spinning guest, an output cap and a memory cap end
// or refuse a guest with a LimitError / ModuleError, and what was written before is delivered.
import { expect, test } from "@playwright/test";
import { ISOLATED, PLAIN, open } from "./helpers.js";

for (const [name, url, stdinMode] of [["JSPI", PLAIN, "jspi"], ["SAB", ISOLATED, "sab"]] as const) {
  test(`${name}: timeoutMs kills a spinning guest; maxOutputBytes and maxMemoryPages are enforced`, async ({ page }) => {
    await open(page, url);
    const r = await page.evaluate(async (stdinMode) => {
      const { anywasi, wasm, collect } = harness;
      const decode = (b: Uint8Array) => new TextDecoder().decode(b);
      const t0 = performance.now();
      const spin = anywasi.spawn(wasm.spin, { stdinMode, timeoutMs: 300 });
      const spinOut = collect(spin.stdout);
      const spinErr = await spin.exit.then(() => "resolved", (e: Error) => `${e.name}: ${e.message}`);
      const ms = performance.now() - t0;
      const chatty = anywasi.spawn(wasm.stdio, { stdinMode, maxOutputBytes: 4 });
      const chattyOut = collect(chatty.stdout);
      const chattyErr = await chatty.exit.then(() => "resolved", (e: Error) => `${e.name}: ${e.message}`);
      const big = anywasi.spawn(wasm.calc, { stdinMode, maxMemoryPages: 1 });
      const bigErr = await big.exit.then(() => "resolved", (e: Error) => `${e.name}: ${e.message}`);
      return { spinErr, ms, spinOut: decode(await spinOut), chattyErr, chattyOut: (await chattyOut).length, bigErr };
    }, stdinMode);
    expect(r.spinErr).toMatch(/^LimitError: .*time limit of 300 ms/);
    // The spin never ends by itself: the bound shows that the limit ended it. It includes the
    // guest's start (a worker, a compile), seconds on a loaded machine, hence the room.
    expect(r.ms).toBeLessThan(15_000);
    expect(r.spinOut).toBe("spinning\n");
    expect(r.chattyErr).toMatch(/^LimitError: .*4 output bytes/);
    expect(r.chattyOut).toBe(4);
    expect(r.bigErr).toMatch(/^ModuleError: memory limit: .*above the limit of 1/);
  });
}
