// Each sample, one click from the sample list, with its output read from the terminal.
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { finished, open, shot, waitForTerminal } from "./helpers.js";

test("hello: greets, lists /, writes greeting.txt into the file panel", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: /Hello world/ }).click();
  await page.locator("#run").click();
  const text = await waitForTerminal(page, /\[exit 0 · \d+/);
  expect(text).toContain("hello, world, from WASI");
  expect(text).toContain("note.txt says: anywasi runs the same module everywhere");
  expect(text).toContain("wrote /greeting.txt");
  await expect(page.locator("#status")).toHaveText("exit 0");
  await expect(page.locator("#timing")).toHaveText(/\d+ ms|\d\.\d\d s/);
  await expect(page.locator('#tree li[data-path="greeting.txt"]')).toBeVisible();
  expect(await page.evaluate(() => window.__playground.readFile("greeting.txt"))).toMatch(/^greeted world at \d+\n$/);
  // Open what the program wrote.
  await page.locator('#tree li[data-path="greeting.txt"] .name').click();
  await expect(page.locator("#viewer-body")).toHaveText(/greeted world at/);
  await shot(page, "file-viewer");
  await page.locator("#viewer-close").click();
  await shot(page, "hello");
});

test("filetool: an uploaded file is transformed, the result can be opened and downloaded", async ({ page }) => {
  await open(page, "?sample=filetool");
  await page.locator("#upload").setInputFiles({ name: "story.txt", mimeType: "text/plain", buffer: Buffer.from("once upon a time\nthe end\n") });
  await expect(page.locator('#tree li[data-path="story.txt"]')).toBeVisible();
  await page.locator("#args").fill("upper story.txt");
  await page.locator("#run").click();
  await waitForTerminal(page, "wrote story.txt.upper (25 bytes)");
  expect((await finished(page)).exitCode).toBe(0);
  expect(await page.evaluate(() => window.__playground.readFile("story.txt.upper"))).toBe("ONCE UPON A TIME\nTHE END\n");
  await page.locator('#tree li[data-path="story.txt.upper"] .name').click();
  await expect(page.locator("#viewer-body")).toHaveText("ONCE UPON A TIME\nTHE END\n");
  const download = page.waitForEvent("download");
  await page.locator("#viewer-download").click();
  expect((await download).suggestedFilename()).toBe("story.txt.upper");
  await page.locator("#viewer-close").click();
  // A preset chip runs another action: wc on the seeded files.
  await page.locator(".chip", { hasText: "wc note.txt poem.txt" }).click();
  const text = await waitForTerminal(page, /total/);
  expect(text).toMatch(/\s+4\s+8\s+40 poem\.txt/);
  await page.locator(".chip", { hasText: /^ls$/ }).click();
  await waitForTerminal(page, /files, \d+ bytes/);
  expect(await page.evaluate(() => window.__playground.terminalText())).toMatch(/story\.txt\.upper\s+25/);
  await shot(page, "filetool");
});

test("webhook: a request signed in the page is accepted and logged", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: /Webhook handler/ }).click();
  await page.locator("#run").click();
  const text = await waitForTerminal(page, /\[exit 0/);
  const body = '{"event":"push","id":42,"repository":"anywasi"}';
  const sig = createHmac("sha256", "playground-secret").update(body).digest("hex");
  expect(text).toContain(`X-Signature: sha256=${sig}`);
  expect(text).toContain("Status: 200 OK");
  expect(text).toContain('{"ok":true,"event":"push","id":"42","logged":2}');
  expect(await page.evaluate(() => window.__playground.readFile("data/events.log"))).toBe("id\tevent\n42\tpush\n");
  await shot(page, "webhook");
  // A changed body is signed again; a body that is not JSON is refused by the program.
  await page.locator("#body").fill("not json");
  await expect(page).toHaveURL(/body=not\+json/);
  await page.locator("#run").click();
  await waitForTerminal(page, '"error":"the body is not a JSON object"');
  await expect(page.locator("#status")).toHaveText("exit 0");
});

for (const mode of ["jspi", "sab"] as const) {
  test(`clock (${mode}): five timestamps 500 ms apart`, async ({ page }) => {
    await open(page, `?sample=clock&mode=${mode}`);
    await page.locator("#run").click();
    const result = await finished(page);
    expect(result).toMatchObject({ exitCode: 0, mode });
    const text = await waitForTerminal(page, /done after/);
    expect(text.match(/^tick \d\/5 {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC {2}\+\d\.\d{3} s$/gm)).toHaveLength(5);
    const elapsed = Number(/done after (\d+\.\d+) s/.exec(text)![1]);
    expect(elapsed).toBeGreaterThanOrEqual(1.9);
    expect(result.ms).toBeGreaterThanOrEqual(1900);
    await expect(page.locator("#mode")).toHaveText(mode === "jspi" ? "stdin: JSPI" : "stdin: SharedArrayBuffer");
  });
}

test("the sample, its arguments and environment are in the URL and restored from it", async ({ page }) => {
  await open(page, "?sample=filetool&args=cat+note.txt&env=GREETING%3Dhi&env=LANG%3DC");
  await expect(page.locator("#program-title")).toHaveText("File tool");
  await expect(page.locator("#args")).toHaveValue("cat note.txt");
  await expect(page.locator("#env")).toHaveValue("GREETING=hi\nLANG=C");
  await page.locator("#run").click();
  await waitForTerminal(page, "$ filetool cat note.txt");
  await waitForTerminal(page, /^anywasi runs the same module everywhere$/m);
  // Editing the form rewrites the query string.
  await page.locator("#args").fill("wc poem.txt");
  await expect(page).toHaveURL(/[?&]args=wc\+poem\.txt/);
  await page.getByRole("button", { name: /Calculator/ }).click();
  await expect(page).toHaveURL(/\?sample=calc$/);
});

test("drag and drop: a file dropped on the file panel is uploaded, a .wasm dropped elsewhere is loaded", async ({ page }) => {
  await open(page);
  const drop = async (selector: string, name: string, bytes: number[]) => {
    const data = await page.evaluateHandle(({ name, bytes }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name));
      return dt;
    }, { name, bytes });
    await page.dispatchEvent(selector, "drop", { dataTransfer: data });
  };
  await drop("#tree", "dropped.txt", [...Buffer.from("dropped\n")]);
  await expect(page.locator('#tree li[data-path="dropped.txt"]')).toBeVisible();
  await drop("#terminal", "tiny.wasm", [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  await expect(page.locator("#program-title")).toHaveText("tiny.wasm (local file)");
  await page.locator("#run").click();
  // A module without _start or memory cannot run: the reason is shown.
  const result = await finished(page);
  expect(result.error).toMatch(/ModuleError/);
  await expect(page.locator("#status")).toHaveText("failed");
});
