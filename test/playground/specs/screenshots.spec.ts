// The README's screenshot, and the layout on a phone-sized screen.
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { finished, open, SHOTS, shot, waitForTerminal } from "./helpers.js";

// A test run leaves the committed README image alone (a fresh clone stays clean): it is rewritten
// only when asked, with UPDATE_DOCS_SCREENSHOT=1.
const DOCS = process.env["UPDATE_DOCS_SCREENSHOT"] === "1" ? fileURLToPath(new URL("../../../docs/", import.meta.url)) : SHOTS;

test("docs screenshot: the calculator after a few lines", async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 820 });
  await open(page);
  await page.getByRole("button", { name: /Calculator/ }).click();
  await page.locator("#run").click();
  await waitForTerminal(page, /^calc>$/m);
  for (const [line, answer] of [["6 * 7", "42"], ["1 + 2 * (3 - 5)", "-3"], ["355 / 113", "3.14159"], ["1 / 0", "? division by zero at column 3"]] as const) {
    await page.keyboard.type(line);
    await page.keyboard.press("Enter");
    await waitForTerminal(page, `${line}\n${answer}\ncalc>`);
  }
  await page.screenshot({ path: `${DOCS}playground.png` });
  await page.keyboard.press("Control+d");
  await finished(page);
});

test("narrow screen: one column, the terminal first, nothing wider than the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, "?sample=hello");
  await page.locator("#run").click();
  await waitForTerminal(page, "wrote /greeting.txt");
  await finished(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const run = await page.locator(".run").boundingBox();
  const programs = await page.locator(".programs").boundingBox();
  expect(run!.y).toBeLessThan(programs!.y);
  await shot(page, "narrow");
});
