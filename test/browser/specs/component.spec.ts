// WASI 0.2 components in Chromium: hello.component.wasm (`jco new examples/hello/hello.wasm
// --wasi-command`) gives the same stdout and files as examples/hello/hello.wasm, in a worker
// (JSPI and SAB) and on the main thread; stdin reaches a component (echo twin) in both modes;
// under JSPI a component answers each line of interactive stdin as it is typed (calc twin);
// trace and kill work as for modules.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ISOLATED, PLAIN, open } from "./helpers.js";

const read = (p: string) => [...readFileSync(new URL(`../../../${p}`, import.meta.url))];
const HELLO_C = read("test/components/hello.component.wasm");
const HELLO_P1 = read("examples/hello/hello.wasm");
const ECHO_C = read("test/worker/components/echo.component.wasm");
const ECHO_P1 = read("test/worker/components/echo.wasm");
const CALC_C = read("examples/calc/calc.component.wasm");
const CALC_P1 = read("examples/calc/calc.wasm");
const SLEEP_C = read("test/suite-p2/poll_sleep.wasm");

async function hello(page: Page, where: "worker" | "main", stdinMode: "jspi" | "sab") {
  return page.evaluate(async ({ guests, where, stdinMode }) => {
    const { anywasi, collect, treeText } = harness;
    const out = [];
    for (const g of guests) {
      const bytes = new Uint8Array(g);
      const files = { "note.txt": "from chromium\n" };
      if (where === "main") {
        const r = await anywasi.runOnMainThread(bytes, { args: ["hello", "chromium"], files });
        out.push({ code: r.exitCode, stdout: new TextDecoder().decode(r.stdout), greeting: String(treeText(r.files)["greeting.txt"]).replace(/\d+/, "T") });
      } else {
        const p = anywasi.spawn(bytes, { args: ["hello", "chromium"], files, stdinMode });
        const [stdout, code] = await Promise.all([collect(p.stdout), p.exit]);
        out.push({ code, stdout: new TextDecoder().decode(stdout), greeting: String(treeText(await p.files())["greeting.txt"]).replace(/\d+/, "T"), mode: await p.mode });
      }
    }
    return out;
  }, { guests: [HELLO_C, HELLO_P1], where, stdinMode });
}

const EXPECTED = "hello, chromium, from WASI\nfiles in /:\n  note.txt\nnote.txt says: from chromium\nwrote /greeting.txt\n";

test("spawn (JSPI): a component gives the same stdout and files as its preview1 twin", async ({ page }) => {
  await open(page, PLAIN);
  const [c, p] = await hello(page, "worker", "jspi");
  expect(c).toEqual(p);
  expect(c).toEqual({ code: 0, stdout: EXPECTED, greeting: "greeted chromium at T\n", mode: "jspi" });
});

test("spawn (SAB): a component gives the same stdout and files as its preview1 twin", async ({ page }) => {
  await open(page, ISOLATED);
  const [c, p] = await hello(page, "worker", "sab");
  expect(c).toEqual(p);
  expect(c).toEqual({ code: 0, stdout: EXPECTED, greeting: "greeted chromium at T\n", mode: "sab" });
});

test("runOnMainThread: a component gives the same stdout and files as its preview1 twin", async ({ page }) => {
  await open(page, PLAIN);
  const [c, p] = await hello(page, "main", "jspi");
  expect(c).toEqual(p);
  expect(c!.stdout).toBe(EXPECTED);
});

for (const [url, stdinMode] of [[PLAIN, "jspi"], [ISOLATED, "sab"]] as const) {
  test(`interactive stdin reaches a component as its preview1 twin (${stdinMode})`, async ({ page }) => {
    await open(page, url);
    const r = await page.evaluate(async ({ guests, stdinMode }) => {
      const { anywasi, collect } = harness;
      const out = [];
      for (const g of guests) {
        const p = anywasi.spawn(new Uint8Array(g), { args: ["echo", "a b"], stdin: "interactive", stdinMode });
        const w = p.stdin!.getWriter();
        await w.write(new TextEncoder().encode("one "));
        await w.write(new TextEncoder().encode("two\n"));
        await w.close();
        const [o, e, code] = await Promise.all([collect(p.stdout), collect(p.stderr), p.exit]);
        out.push({ out: new TextDecoder().decode(o), err: new TextDecoder().decode(e), code });
      }
      return out;
    }, { guests: [ECHO_C, ECHO_P1], stdinMode });
    expect(r[0]).toEqual(r[1]);
    expect(r[0]).toEqual({ out: "arg 1: a b\none two\n", err: "8 bytes\n", code: 0 });
  });
}

test("JSPI: a component reading interactive stdin answers the first line before stdin is closed, as its preview1 twin", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async ({ guests }) => {
    const { anywasi, readUntil, collect } = harness;
    const out = [];
    for (const g of guests) {
      const p = anywasi.spawn(new Uint8Array(g), { stdin: "interactive", stdinMode: "jspi" });
      const reader = p.stdout.getReader();
      const seen = { text: "" };
      await readUntil(reader, "calc> ", seen);
      const writer = p.stdin.getWriter();
      await writer.write(new TextEncoder().encode("1 + 2\n"));
      // stdin is still open: the answer comes from the line alone.
      await readUntil(reader, "3\ncalc> ", seen);
      const answered = seen.text;
      await writer.write(new TextEncoder().encode("6 * 7\n"));
      await writer.close();
      reader.releaseLock();
      const rest = new TextDecoder().decode(await collect(p.stdout));
      out.push({ answered, rest, code: await p.exit, mode: await p.mode });
    }
    return out;
  }, { guests: [CALC_C, CALC_P1] });
  expect(r[0]).toEqual(r[1]);
  expect(r[0]).toEqual({ answered: "calc> 3\ncalc> ", rest: "42\ncalc> \nbye\n", code: 0, mode: "jspi" });
});

test("runOnMainThread with JSPI: a sleeping component is suspended, so the page's timers run meanwhile", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async ({ sleeper }) => {
    const { anywasi } = harness;
    // A MessageChannel ping-pong, not setInterval: Chromium may throttle and align timers, so an
    // interval tick can land after the sleep's own timer even though the page was free.
    let ticks = 0;
    let running = true;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { ticks++; if (running) channel.port2.postMessage(0); };
    channel.port2.postMessage(0);
    // Ticks seen at each WASI call: the guest's first call comes before its 50 ms sleep, its last
    // after. Up to three runs: on a loaded machine the page can stall for longer than the sleep
    // between the guest's clock read and its poll, and then the deadline has passed and the
    // guest rightly does not wait. A guest that never suspends fails all three.
    let res: Awaited<ReturnType<typeof anywasi.runOnMainThread>> | null = null;
    let ticked = false;
    for (let run = 0; run < 3 && !ticked; run++) {
      const seen: number[] = [];
      res = await anywasi.runOnMainThread(new Uint8Array(sleeper), { trace: () => { seen.push(ticks); } });
      ticked = seen.length > 1 && seen.at(-1)! > seen[0]!;
    }
    running = false;
    channel.port1.close();
    return { code: res!.exitCode, out: new TextDecoder().decode(res!.stdout), mode: res!.mode, ticked };
  }, { sleeper: SLEEP_C });
  expect(r).toEqual({ code: 0, out: "ok\n", mode: "jspi", ticked: true });
});

test("trace: a component's interface calls are traced as preview1 calls; kill ends a component waiting for stdin with 137", async ({ page }) => {
  await open(page, ISOLATED);
  const r = await page.evaluate(async ({ hello, echo }) => {
    const { anywasi, collect } = harness;
    const p = anywasi.spawn(new Uint8Array(hello), { args: ["hello"], files: {}, trace: true });
    const lines: string[] = [];
    const [, , code] = await Promise.all([collect(p.stdout), (async () => { for await (const l of p.trace as unknown as AsyncIterable<string>) lines.push(l); })(), p.exit]);
    const k = anywasi.spawn(new Uint8Array(echo), { stdin: "interactive", stdinMode: "sab" });
    await new Promise((res) => setTimeout(res, 1500));
    k.kill();
    return { code, traced: lines.some((l) => /^fd_write\(1, /.test(l)) && lines.some((l) => l.startsWith("path_open(")), killed: await k.exit };
  }, { hello: HELLO_C, echo: ECHO_C });
  expect(r).toEqual({ code: 0, traced: true, killed: 137 });
});
