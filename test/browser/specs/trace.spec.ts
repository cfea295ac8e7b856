// Tracing: spawn({ trace: true }) streams one strace-like line per WASI call on `Process.trace`,
// in JSPI and SAB mode; runOnMainThread({ trace }) calls the hook; without trace the stream is empty.
import { expect, test } from "@playwright/test";
import { ISOLATED, PLAIN, open } from "./helpers.js";

for (const [mode, url] of [["jspi", PLAIN], ["sab", ISOLATED]] as const) {
  test(`spawn({ trace: true }) streams the syscalls (${mode})`, async ({ page }) => {
    await open(page, url);
    const r = await page.evaluate(async (stdinMode) => {
      const { anywasi, wasm, collect } = harness;
      const p = anywasi.spawn(wasm.stdio, { trace: true, stdinMode });
      const lines: string[] = [];
      const reading = (async () => { for await (const l of p.trace as unknown as AsyncIterable<string>) lines.push(l); })();
      const [out, code] = await Promise.all([collect(p.stdout), p.exit, reading]);
      return { out: out.length, code, lines, mode: await p.mode };
    }, mode);
    expect(r.code).toBe(7);
    expect(r.out).toBe(8);
    expect(r.mode).toBe(mode);
    // Both writes to stdout, then the one to stderr, in order, each with its errno; the last
    // line is the exit, which ends the guest.
    const writes = r.lines.filter((l) => l.startsWith("fd_write("));
    expect(writes.map((l) => l.replace(/^fd_write\((\d), .*\) = (\d+)$/, "$1:$2"))).toEqual(["1:0", "1:0", "2:0"]);
    expect(r.lines.at(-1)).toBe("proc_exit(7) = ? (guest ended)");
  });
}

test("without trace, Process.trace ends empty", async ({ page }) => {
  await open(page, PLAIN);
  const lines = await page.evaluate(async () => {
    const p = harness.anywasi.spawn(harness.wasm.stdio);
    const out: string[] = [];
    for await (const l of p.trace as unknown as AsyncIterable<string>) out.push(l);
    await p.exit;
    return out;
  });
  expect(lines).toEqual([]);
});

test("runOnMainThread({ trace }) calls the hook after every syscall", async ({ page }) => {
  await open(page, PLAIN);
  const lines = await page.evaluate(async () => {
    const seen: string[] = [];
    await harness.anywasi.runOnMainThread(harness.wasm.stdio, { trace: (e) => seen.push(e.text()) });
    return seen;
  });
  expect(lines.filter((l) => l.startsWith("fd_write(1, "))).toHaveLength(2);
  expect(lines.at(-1)).toBe("proc_exit(7) = ? (guest ended)");
});

test("spawn({ trace: true }) on a live OPFS preopen: a suspended call is traced once, when it returns", async ({ page }) => {
  await open(page, PLAIN);
  const r = await page.evaluate(async () => {
    const { anywasi, wasm, collect } = harness;
    await harness.clearOpfs("trace-live");
    // Under JSPI the OPFS calls suspend and are replayed; the suspended attempt must not be traced.
    const p = anywasi.spawn(wasm.append, { args: ["append", "/data/log.txt", "t", "3", "0"], opfs: { "/data": "trace-live" }, trace: true });
    const lines: string[] = [];
    const reading = (async () => { for await (const l of p.trace as unknown as AsyncIterable<string>) lines.push(l); })();
    const [, code] = await Promise.all([collect(p.stderr), p.exit, reading]);
    return { code, lines, mode: await p.mode };
  });
  expect(r.mode).toBe("jspi");
  expect(r.code).toBe(0);
  // The guest returns from main (no proc_exit): no line may say the guest ended.
  expect(r.lines.filter((l) => l.includes("(guest ended)"))).toEqual([]);
  expect(r.lines.filter((l) => l.startsWith("path_open(")).length).toBeGreaterThan(0);
  for (const l of r.lines.filter((l) => l.startsWith("path_open("))) expect(l).toMatch(/ = \d+/);
});
