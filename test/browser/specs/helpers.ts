import { expect, type Page } from "@playwright/test";
import type { Harness } from "../pages/harness.js";

export { PLAIN, ISOLATED } from "../servers.js";

declare global {
  // eslint-disable-next-line no-var
  var harness: Harness;
}

/** Open a test page and wait for its harness. */
export async function open(page: Page, url: string): Promise<void> {
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await expect(page.locator("#status")).toHaveText("ready");
}
