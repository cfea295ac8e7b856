// Files kept in OPFS survive a reload, with what the program wrote.
import { expect, test } from "@playwright/test";
import { finished, open, shot, waitForTerminal } from "./helpers.js";

test("with 'Keep in OPFS', uploaded files and program output survive a reload", async ({ page }) => {
  await open(page, "?sample=filetool&args=rev+keep.txt");
  await page.locator(".switch").click();
  await expect(page.locator("#opfs")).toBeChecked();
  await expect(page.locator("#files-note")).toContainText("Kept in OPFS");
  // The in-memory files moved to OPFS.
  await expect(page.locator('#tree li[data-path="poem.txt"]')).toBeVisible();
  await page.locator("#upload").setInputFiles({ name: "keep.txt", mimeType: "text/plain", buffer: Buffer.from("first\nsecond\nthird\n") });
  await expect(page.locator('#tree li[data-path="keep.txt"]')).toBeVisible();
  await page.locator("#run").click();
  await waitForTerminal(page, "wrote keep.txt.rev (19 bytes)");
  expect((await finished(page)).exitCode).toBe(0);
  await expect(page.locator('#tree li[data-path="keep.txt.rev"]')).toBeVisible();

  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-ready", "1");
  await expect(page.locator("#opfs")).toBeChecked();
  await expect(page.locator('#tree li[data-path="keep.txt"]')).toBeVisible();
  await expect(page.locator('#tree li[data-path="keep.txt.rev"]')).toBeVisible();
  expect(await page.evaluate(() => window.__playground.readFile("keep.txt.rev"))).toBe("third\nsecond\nfirst\n");
  // And the next run sees them.
  await page.locator("#args").fill("cat keep.txt.rev");
  await page.locator("#run").click();
  await waitForTerminal(page, /^third\nsecond\nfirst$/m);
  await shot(page, "opfs");

  // Deleting a file removes it from OPFS too.
  await page.locator('#tree li[data-path="keep.txt.rev"] .delete').click();
  await expect(page.locator('#tree li[data-path="keep.txt.rev"]')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('#tree li[data-path="keep.txt"]')).toBeVisible();
  await expect(page.locator('#tree li[data-path="keep.txt.rev"]')).toHaveCount(0);
});
