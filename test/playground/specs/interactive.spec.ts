// The terminal as a TTY: typing feeds stdin line by line, Ctrl-D ends it, Ctrl-C kills; in both
// stdin modes. And programs of one's own: a .wasm file and a .wasm URL.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { BROWSER_FIXTURES, FIXTURES, finished, open, shot, terminalText, waitForTerminal } from "./helpers.js";

for (const mode of ["jspi", "sab"] as const) {
  test(`calculator (${mode}): typed lines are answered, Backspace edits, Ctrl-D ends input`, async ({ page }) => {
    await open(page, `?mode=${mode}`);
    await page.getByRole("button", { name: /Calculator/ }).click();
    await page.locator("#run").click();
    await waitForTerminal(page, /^calc>$/m);
    await expect(page.locator("#mode")).toHaveText(mode === "jspi" ? "stdin: JSPI" : "stdin: SharedArrayBuffer");
    await page.keyboard.type("6 * 7");
    await page.keyboard.press("Enter");
    await waitForTerminal(page, /^42$/m);
    await page.keyboard.type("2 + 39");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("3");
    await page.keyboard.press("Enter");
    await waitForTerminal(page, /^calc> 2 \+ 33\n35$/m);
    // Whole expressions, with precedence; JavaScript computes the same text as the oracle.
    for (const line of ["1 + 2 * 3", "(1 + 2) * -3", "-(4 - 10) / 3 % 4"]) {
      await page.keyboard.type(line);
      await page.keyboard.press("Enter");
      await waitForTerminal(page, `calc> ${line}\n${String(Number(new Function(`return ${line}`)()))}\ncalc>`);
    }
    // A line that is not one expression is refused whole, not answered in part.
    await page.keyboard.type("1 + 2 3");
    await page.keyboard.press("Enter");
    await waitForTerminal(page, "calc> 1 + 2 3\n? unexpected '3' at column 7\ncalc>");
    if (mode === "jspi") await shot(page, "calc");
    await page.keyboard.press("Control+d");
    await waitForTerminal(page, /^bye$/m);
    const result = await finished(page);
    expect(result).toMatchObject({ exitCode: 0, killed: false, mode });
  });

  test(`Ctrl-C (${mode}) kills a spinning program loaded from a file`, async ({ page }) => {
    await open(page, `?mode=${mode}`);
    await page.locator("#wasm-file").setInputFiles(`${BROWSER_FIXTURES}spin.wasm`);
    await expect(page.locator("#program-title")).toHaveText("spin.wasm (local file)");
    await page.locator("#run").click();
    await waitForTerminal(page, /^spinning$/m);
    await expect(page.locator("#stop")).toBeEnabled();
    await expect(page.locator("#run")).toBeDisabled();
    await page.locator("#terminal").click();
    await page.keyboard.press("Control+c");
    const result = await finished(page);
    expect(result).toMatchObject({ exitCode: 137, killed: true, mode });
    await expect(page.locator("#status")).toHaveText("killed · exit 137");
    expect(await terminalText(page)).toContain("^C");
    if (mode === "sab") await shot(page, "killed");
  });
}

test("the guest sees a terminal and its size; a program loaded from a URL", async ({ page }) => {
  await page.route("https://wasm.example/tty.wasm", (route) =>
    route.fulfill({
      body: readFileSync(`${FIXTURES}tty.wasm`),
      headers: { "content-type": "application/wasm", "access-control-allow-origin": "*" },
    }));
  await open(page);
  await page.locator("#wasm-url").fill("https://wasm.example/tty.wasm");
  await page.locator("#url-form button").click();
  // Load only loads; Run runs.
  await expect(page.locator("#program-title")).toHaveText("https://wasm.example/tty.wasm");
  expect(await page.evaluate(() => window.__playground.running() || window.__playground.result() !== null)).toBe(false);
  await page.locator("#run").click();
  const result = await finished(page);
  expect(result.exitCode).toBe(3);
  const text = await terminalText(page);
  expect(text).toContain("isatty: stdin=1 stdout=1 stderr=1");
  const [, cols, rows] = /size: (\d+)x(\d+) TERM=xterm-256color/.exec(text) ?? [];
  const size = await page.evaluate(() => {
    const el = document.querySelector(".xterm-screen")!;
    return el.getBoundingClientRect();
  });
  expect(Number(cols)).toBeGreaterThan(40);
  expect(Number(rows)).toBeGreaterThan(8);
  expect(size.width).toBeGreaterThan(0);
  await expect(page.locator("#status")).toHaveText("exit 3");
  await expect(page).toHaveURL(/\?url=https%3A%2F%2Fwasm\.example%2Ftty\.wasm/);
  // The link restores the URL program.
  await page.reload();
  await expect(page.locator("#program-title")).toHaveText("https://wasm.example/tty.wasm");
});
