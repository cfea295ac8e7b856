// Interactive stdin with examples/calc: JSPI on a plain page, SAB on an isolated one.
import { expect, test } from "@playwright/test";
import { ISOLATED, PLAIN, open } from "./helpers.js";

async function calc(page: import("@playwright/test").Page, stdinMode: "auto" | "jspi" | "sab") {
  return page.evaluate(async (stdinMode) => {
    const { anywasi, wasm, readUntil, collect } = harness;
    const p = anywasi.spawn(wasm.calc, { stdin: "interactive", stdinMode });
    const reader = p.stdout.getReader();
    const seen = { text: "" };
    await readUntil(reader, "calc> ", seen);
    const writer = p.stdin.getWriter();
    await writer.write(new TextEncoder().encode("1 + 2\n"));
    await readUntil(reader, "3\ncalc> ", seen);
    const answered = seen.text;
    await writer.write(new TextEncoder().encode("6 * 7\n"));
    await writer.close();
    reader.releaseLock();
    const rest = new TextDecoder().decode(await collect(p.stdout));
    return { answered, rest, code: await p.exit, mode: await p.mode };
  }, stdinMode);
}

test("JSPI: type \"1 + 2\" and get 3 (no cross-origin isolation needed)", async ({ page }) => {
  await open(page, PLAIN);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  const r = await calc(page, "auto");
  expect(r).toEqual({ answered: "calc> 3\ncalc> ", rest: "42\ncalc> \nbye\n", code: 0, mode: "jspi" });
});

test("SAB: type \"1 + 2\" and get 3 (cross-origin isolated page)", async ({ page }) => {
  await open(page, ISOLATED);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const r = await calc(page, "sab");
  expect(r).toEqual({ answered: "calc> 3\ncalc> ", rest: "42\ncalc> \nbye\n", code: 0, mode: "sab" });
});

test("auto prefers JSPI on an isolated page; SAB sleeps without JSPI", async ({ page }) => {
  await open(page, ISOLATED);
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, collect } = harness;
    const auto = anywasi.spawn(wasm.stdio, { stdin: "interactive" });
    const sab = anywasi.spawn(wasm.sleep, { stdinMode: "sab" });
    return { auto: await auto.mode, sab: await sab.mode, slept: new TextDecoder().decode(await collect(sab.stdout)) };
  });
  expect(r).toEqual({ auto: "jspi", sab: "sab", slept: "slept enough\n" });
});

test("stdin given up front; SAB asked for on a page that is not isolated fails clearly", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, collect } = harness;
    const p = anywasi.spawn(wasm.calc, { stdin: "2 * 3\n" });
    const out = new TextDecoder().decode(await collect(p.stdout));
    let error = "";
    try { anywasi.spawn(wasm.calc, { stdin: "interactive", stdinMode: "sab" }); } catch (e) { error = (e as Error).message; }
    const write = await p.stdin.getWriter().write(new Uint8Array([1])).then(() => "ok", (e: Error) => e.name);
    return { out, error, write, caps: anywasi.capabilities() };
  });
  expect(r.out).toBe("calc> 6\ncalc> \nbye\n");
  expect(r.error).toContain("cross-origin isolated");
  expect(r.write).toBe("TypeError");
  expect(r.caps).toEqual({ jspi: true, sab: false });
});

test("a large stdin in SAB mode passes through the 64 KiB ring intact", async ({ page }) => {
  await open(page, ISOLATED);
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, collect } = harness;
    // 10 000 lines of "1 + 1" (60 000 bytes) written in pieces of 7 KiB, then end of file.
    const input = new TextEncoder().encode("1 + 1\n".repeat(10000) + "quit\n");
    const p = anywasi.spawn(wasm.calc, { stdin: "interactive", stdinMode: "sab" });
    const out = collect(p.stdout);
    const writer = p.stdin.getWriter();
    for (let i = 0; i < input.length; i += 7168) await writer.write(input.subarray(i, i + 7168));
    await writer.close();
    const text = new TextDecoder().decode(await out);
    return { twos: text.split("calc> 2\n").length - 1, code: await p.exit };
  });
  expect(r).toEqual({ twos: 10000, code: 0 });
});

// Chromium always has JSPI, so a browser without it is simulated by hiding WebAssembly.Suspending
// from the page: the mode is chosen there, and the worker follows the mode it is given.
test("without JSPI: SAB on an isolated page, else mode \"none\" with stdin up front only", async ({ page }) => {
  const withoutJspi = () => page.evaluate(async () => {
    const { anywasi, wasm, collect } = harness;
    const wa = WebAssembly as { Suspending?: unknown };
    const saved = wa.Suspending;
    delete wa.Suspending;
    try {
      const caps = anywasi.capabilities();
      let error = "";
      let interactiveMode = "";
      try {
        const waiting = anywasi.spawn(wasm.calc, { stdin: "interactive" });
        interactiveMode = await waiting.mode;
        waiting.kill();
      } catch (e) {
        error = (e as Error).message;
      }
      const p = anywasi.spawn(wasm.calc, { stdin: "1 + 2\n" });
      const calc = new TextDecoder().decode(await collect(p.stdout));
      const s = anywasi.spawn(wasm.sleep);
      const slept = new TextDecoder().decode(await collect(s.stdout));
      const main = await anywasi.runOnMainThread(wasm.sleep);
      return {
        caps, error, interactiveMode, calc, mode: await p.mode, slept,
        main: [new TextDecoder().decode(main.stdout), main.mode],
      };
    } finally {
      wa.Suspending = saved;
    }
  });
  await open(page, PLAIN);
  const plain = await withoutJspi();
  expect(plain.caps).toEqual({ jspi: false, sab: false });
  expect(plain.error).toMatch(/interactive stdin needs JSPI .* cross-origin isolated page/);
  expect(plain).toMatchObject({ calc: "calc> 3\ncalc> \nbye\n", mode: "none", slept: "slept enough\n", main: ["slept enough\n", "none"] });

  await open(page, ISOLATED);
  const isolated = await withoutJspi();
  expect(isolated).toMatchObject({ error: "", interactiveMode: "sab", mode: "sab", slept: "slept enough\n" });
});
