// WASI 0.2 command components in the playground: the component sample, and components of one's
// own (a file, a URL), with the page saying what it runs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { FIXTURES, finished, open, shot, terminalText, waitForTerminal } from "./helpers.js";

const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));
// The first component run loads the component layer and jco-transpile's generator (3.5 MB of wasm)
// and transpiles: seconds, more on a loaded machine.
test.setTimeout(120_000);
const LOAD = 60_000;

for (const mode of ["jspi", "sab"] as const) {
  test(`component sample (${mode}): the wrapped hello prints, writes greeting.txt, exits 0; the page says component`, async ({ page }) => {
    await open(page, `?mode=${mode}`);
    await page.locator('#samples button[data-sample="hello-component"]').click();
    await expect(page.locator("#program-kind")).toHaveText("WASI 0.2 component");
    await page.locator("#run").click();
    const result = await finished(page, LOAD);
    expect(result).toMatchObject({ exitCode: 0, error: null, killed: false, mode, component: true });
    const text = await terminalText(page);
    expect(text).toContain("$ hello component");
    expect(text).toContain("hello, component, from WASI");
    expect(text).toContain("note.txt says: anywasi runs the same module everywhere");
    expect(text).toContain("wrote /greeting.txt");
    expect(text).toMatch(/\[exit 0 · [\d.]+ m?s · component\]/);
    await expect(page.locator("#status")).toHaveText("exit 0 · component");
    await expect(page.locator("#mode")).toHaveText(`stdin: ${mode === "jspi" ? "JSPI" : "SharedArrayBuffer"} · component`);
    expect(await page.evaluate(() => window.__playground.readFile("greeting.txt"))).toMatch(/^greeted component at \d+\n$/);
    await expect(page.locator('#tree li[data-path="greeting.txt"]')).toBeVisible();
    if (mode === "jspi") await shot(page, "component-hello");
  });
}

test("the preview1 samples are labelled as modules, and the badge has no component mark", async ({ page }) => {
  await open(page, "?sample=hello");
  await expect(page.locator("#program-kind")).toHaveText("preview1 module");
  await page.locator("#run").click();
  expect(await finished(page, LOAD)).toMatchObject({ exitCode: 0, component: false });
  await expect(page.locator("#mode")).not.toContainText("component");
  await expect(page.locator("#status")).toHaveText("exit 0");
});

test("your own .wasm: a component file is recognised and reads the keyboard as it types (SAB)", async ({ page }) => {
  await open(page, "?mode=sab");
  await page.locator("#wasm-file").setInputFiles({
    name: "calc.component.wasm", mimeType: "application/wasm", buffer: readFileSync(`${EXAMPLES}calc/calc.component.wasm`),
  });
  await waitForTerminal(page, /loaded calc\.component\.wasm \(\d+ bytes, a WASI 0\.2 component\)/);
  await expect(page.locator("#program-kind")).toHaveText("WASI 0.2 component");
  await expect(page.locator("#program-hint")).toContainText("(a WASI 0.2 component)");
  await page.locator("#run").click();
  await waitForTerminal(page, /^calc>$/m, LOAD);
  await expect(page.locator("#mode")).toHaveText("stdin: SharedArrayBuffer · component");
  await page.keyboard.type("(1 + 2) * -3");
  await page.keyboard.press("Enter");
  await waitForTerminal(page, "calc> (1 + 2) * -3\n-9\ncalc>");
  await page.keyboard.press("Control+d");
  expect(await finished(page, LOAD)).toMatchObject({ exitCode: 0, mode: "sab", component: true });
  await expect(page.locator("#status")).toHaveText("exit 0 · component");
});

test("your own .wasm: a component under JSPI (what auto picks) reads the keyboard as it types", async ({ page }) => {
  await open(page);
  await page.locator("#wasm-file").setInputFiles({
    name: "calc.component.wasm", mimeType: "application/wasm", buffer: readFileSync(`${EXAMPLES}calc/calc.component.wasm`),
  });
  await page.locator("#run").click();
  await waitForTerminal(page, /^calc>$/m, LOAD);
  await expect(page.locator("#mode")).toHaveText("stdin: JSPI · component");
  await page.keyboard.type("6 * 7");
  await page.keyboard.press("Enter");
  // Answered while stdin is still open.
  await waitForTerminal(page, "calc> 6 * 7\n42\ncalc>");
  await page.keyboard.press("Control+d");
  expect(await finished(page, LOAD)).toMatchObject({ exitCode: 0, mode: "jspi", component: true });
});

test("your own .wasm: a component from a URL is labelled once fetched, and a failing one shows its exit code", async ({ page }) => {
  await page.route("https://wasm.example/hello.component.wasm", (route) =>
    route.fulfill({
      body: readFileSync(`${EXAMPLES}hello/hello.component.wasm`),
      headers: { "content-type": "application/wasm", "access-control-allow-origin": "*" },
    }));
  await open(page);
  await page.locator("#wasm-url").fill("https://wasm.example/hello.component.wasm");
  await page.locator("#url-form button").click();
  // Not fetched yet: nothing to say about it.
  await expect(page.locator("#program-kind")).toBeHidden();
  await page.locator("#args").fill("from-url");
  await page.locator("#run").click();
  expect(await finished(page, LOAD)).toMatchObject({ exitCode: 0, component: true });
  await expect(page.locator("#program-kind")).toHaveText("WASI 0.2 component");
  expect(await terminalText(page)).toContain("hello, from-url, from WASI");
  // test/playground/fixtures/tty.c exits 3; wrapped by jco, every non-zero exit is 1.
  await page.route("https://wasm.example/tty.component.wasm", (route) =>
    route.fulfill({
      body: readFileSync(`${FIXTURES}tty.component.wasm`),
      headers: { "content-type": "application/wasm", "access-control-allow-origin": "*" },
    }));
  await page.locator("#wasm-url").fill("https://wasm.example/tty.component.wasm");
  await page.locator("#url-form button").click();
  await page.locator("#run").click();
  expect(await finished(page, LOAD)).toMatchObject({ exitCode: 1, error: null, component: true });
  await expect(page.locator("#status")).toHaveText("exit 1 · component");
  await expect(page.locator("#status")).toHaveAttribute("data-kind", "fail");
});
