import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, type Page } from "@playwright/test";

export const PORT = 5191;
export const URL = `http://127.0.0.1:${PORT}/`;
/** Screenshots of the main states, kept as test artifacts. */
export const SHOTS = fileURLToPath(new globalThis.URL("../../../test-results/playground/", import.meta.url));
export const FIXTURES = fileURLToPath(new globalThis.URL("../fixtures/", import.meta.url));
export const BROWSER_FIXTURES = fileURLToPath(new globalThis.URL("../../browser/fixtures/", import.meta.url));

declare global {
  interface Window {
    __playground: {
      terminalText(): string;
      running(): boolean;
      result(): { exitCode: number | null; error: string | null; killed: boolean; ms: number; mode: string; component: boolean | null } | null;
      http(): { status: number; headers: [string, string][]; body: string; ms: number; loaded: boolean } | null;
      files(): Promise<Record<string, string | number>>;
      readFile(path: string): Promise<string | null>;
      ruby(): { code: string; result: string; inspect: string; error: string | null; stdout: string; stderr: string; ms: number } | null;
      rubyState(): string;
      rubyBoot(): { version: string; compile: "streaming" | "buffer"; fetchCompileMs: number; instantiateMs: number } | null;
    };
  }
}

/** Open the playground (query string `search`) and wait until it is ready. */
export async function open(page: Page, search = ""): Promise<void> {
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(search);
  await expect(page.locator("body")).toHaveAttribute("data-ready", "1");
}

export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => window.__playground.terminalText());
}

/** Wait until the terminal shows `text`; `timeout` in ms (default: the config's expect timeout). */
export async function waitForTerminal(page: Page, text: string | RegExp, timeout?: number): Promise<string> {
  await expect.poll(() => terminalText(page), { intervals: [50, 100, 200], ...(timeout === undefined ? {} : { timeout }) }).toMatch(typeof text === "string" ? new RegExp(escape(text)) : text);
  return terminalText(page);
}

/** Wait for the current run to end; its result. `timeout` in ms (default: the config's expect timeout). */
export async function finished(page: Page, timeout?: number) {
  await expect.poll(() => page.evaluate(() => !window.__playground.running() && window.__playground.result() !== null), { intervals: [50, 100, 200], ...(timeout === undefined ? {} : { timeout }) }).toBe(true);
  return (await page.evaluate(() => window.__playground.result()))!;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png` });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
