// Picking and running are separate acts: picking a sample (or loading a file or URL) only loads
// it; Run runs it and is disabled while it runs; Stop is a separate button beside Run, live only
// while something runs. So a click on Run right after picking runs the sample, and clicks or
// Enter meant for Run never kill it.
import { expect, test, type Page } from "@playwright/test";
import { finished, open, terminalText, waitForTerminal } from "./helpers.js";

async function idle(page: Page): Promise<boolean> {
  return page.evaluate(() => !window.__playground.running() && window.__playground.result() === null);
}

test("picking a sample only loads it; Run runs it; more Run clicks and Enter do not stop it; Stop does", async ({ page }) => {
  await open(page);
  await expect(page.locator("#stop")).toBeDisabled();
  await page.getByRole("button", { name: /Calculator/ }).click();
  await expect(page.locator("#program-title")).toHaveText("Calculator");
  await waitForTerminal(page, "Calculator loaded — press Run");
  // Nothing runs yet: the status, the buttons and the page's own state all say so.
  await expect(page.locator("#status")).toHaveText("ready");
  expect(await idle(page)).toBe(true);
  expect(await terminalText(page)).not.toContain("calc>");
  await expect(page.locator("#run")).toBeEnabled();
  await expect(page.locator("#run")).toBeFocused();
  await expect(page.locator("#stop")).toBeDisabled();

  await page.locator("#run").click();
  await waitForTerminal(page, /^calc>$/m);
  await expect(page.locator("#run")).toBeDisabled();
  await expect(page.locator("#stop")).toBeEnabled();
  // A second click on Run (a double click), and Enter in the arguments, change nothing.
  await page.locator("#run").dblclick({ force: true });
  await page.locator("#args").press("Enter");
  await page.locator("#terminal").click();
  await page.keyboard.type("6 * 7");
  await page.keyboard.press("Enter");
  await waitForTerminal(page, /^calc> 6 \* 7\n42\ncalc>$/m);
  expect(await page.evaluate(() => window.__playground.running())).toBe(true);
  // No other sample can be picked mid-run.
  await expect(page.getByRole("button", { name: /Hello world/ })).toBeDisabled();

  await page.locator("#stop").click();
  const result = await finished(page);
  expect(result).toMatchObject({ exitCode: 137, killed: true });
  await expect(page.locator("#status")).toHaveText("killed · exit 137");
  await expect(page.locator("#run")).toBeEnabled();
  await expect(page.locator("#stop")).toBeDisabled();
  // Count the runs: one "$ calc" line for the one run.
  expect((await terminalText(page)).match(/^\$ calc$/gm)).toHaveLength(1);
});

test("a run that ends by itself leaves Run ready for the next run", async ({ page }) => {
  await open(page, "?sample=hello");
  await page.locator("#run").click();
  expect((await finished(page)).exitCode).toBe(0);
  await expect(page.locator("#run")).toBeEnabled();
  await expect(page.locator("#stop")).toBeDisabled();
  await page.getByRole("button", { name: /Clock/ }).click();
  // Picking after a run does not start the next program either.
  await expect(page.locator("#status")).toHaveText("exit 0");
  expect(await page.evaluate(() => window.__playground.running())).toBe(false);
});

for (const width of [1360, 420, 360]) {
  test(`Stop never sits where Run is (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await open(page, "?sample=calc");
    const boxes = async () => ({ run: (await page.locator("#run").boundingBox())!, stop: (await page.locator("#stop").boundingBox())! });
    const before = await boxes();
    await page.locator("#run").click();
    await waitForTerminal(page, /^calc>$/m);
    const during = await boxes();
    // Nothing moves when a run starts, and the two never overlap.
    expect(during).toEqual(before);
    const { run, stop } = during;
    const overlap = run.x < stop.x + stop.width && stop.x < run.x + run.width && run.y < stop.y + stop.height && stop.y < run.y + run.height;
    expect(overlap).toBe(false);
    for (const b of [run, stop]) expect(b.x + b.width).toBeLessThanOrEqual(width);
    await page.locator("#stop").click();
    await finished(page);
  });
}

test("Stop while a URL program is still downloading cancels the run", async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route("https://wasm.example/slow.wasm", async (route) => {
    await held;
    await route.fulfill({ body: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), headers: { "access-control-allow-origin": "*" } });
  });
  await open(page);
  await page.locator("#wasm-url").fill("https://wasm.example/slow.wasm");
  await page.locator("#url-form button").click();
  await page.locator("#run").click();
  await expect(page.locator("#stop")).toBeEnabled();
  await page.locator("#stop").click();
  release();
  const result = await finished(page);
  expect(result).toMatchObject({ exitCode: null, error: null, killed: true });
  await expect(page.locator("#status")).toHaveText("stopped");
  await expect(page.locator("#run")).toBeEnabled();
});
