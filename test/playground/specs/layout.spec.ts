// The layout at phone widths: no sample makes the page scroll sideways; and the Ruby hint says
// where the file panel really is, in the wide and the narrow layout.
import { expect, test, type Page } from "@playwright/test";
import { open } from "./helpers.js";

const SAMPLE_IDS = ["hello", "hello-component", "calc", "filetool", "webhook", "webhook-http", "clock", "ruby"];

function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; wide: string[] }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
    // For the failure message: the elements reaching past the right edge.
    wide: [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")} "${(el.textContent ?? "").slice(0, 40)}"`)
      .slice(0, 5),
  }));
}

for (const width of [420, 360]) {
  test(`${width} px: no sample makes the page wider than the screen`, async ({ page }) => {
    // Two page loads per sample: over the default 30 s on a busy machine.
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 800 });
    await open(page);
    // Every sample in the list is covered.
    expect(await page.locator("#samples button").evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset["sample"]))).toEqual(SAMPLE_IDS);
    for (const id of SAMPLE_IDS) {
      // Loaded from a link, and picked from the list.
      await open(page, `?sample=${id}`);
      const linked = await overflow(page);
      expect(linked.scrollWidth, `?sample=${id}: ${linked.wide.join(", ")}`).toBeLessThanOrEqual(linked.innerWidth);
      await page.locator(`#samples button[data-sample="${id}"]`).click();
      const picked = await overflow(page);
      expect(picked.scrollWidth, `picked ${id}: ${picked.wide.join(", ")}`).toBeLessThanOrEqual(picked.innerWidth);
    }
  });
}

test("the Ruby hint says where the files are, in the wide and the narrow layout", async ({ page }) => {
  const where = async () => {
    const run = (await page.locator("#run-panel").boundingBox())!;
    const files = (await page.locator("#files-panel").boundingBox())!;
    return files.x >= run.x + run.width ? "on the right" : files.y >= run.y + run.height ? "below" : "elsewhere";
  };
  await page.setViewportSize({ width: 1360, height: 860 });
  await open(page, "?sample=ruby");
  expect(await where()).toBe("on the right");
  await expect(page.locator("#program-hint")).toContainText("The files on the right are its /");
  for (const width of [1000, 420]) {
    // The hint follows a resize, without picking the sample again.
    await page.setViewportSize({ width, height: 860 });
    expect(await where()).toBe("below");
    await expect(page.locator("#program-hint")).toContainText("The files below are its /");
  }
  await page.setViewportSize({ width: 1360, height: 860 });
  await expect(page.locator("#program-hint")).toContainText("The files on the right are its /");
});
