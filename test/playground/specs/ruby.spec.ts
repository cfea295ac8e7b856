// The Ruby sample: ruby.wasm's RubyVM on @anywasi/core in a dedicated worker (playground/src/ruby/),
// booted on first use from the built site's copy of @ruby/3.4-wasm-wasi's ruby+stdlib.wasm (30 MB,
// compiled with compileStreaming: vite preview serves it as application/wasm). Each test boots
// its own VM, which takes a few seconds in Chromium.
import { expect, test, type Page } from "@playwright/test";
import { open, shot, terminalText, waitForTerminal } from "./helpers.js";

// 180 s: a test may boot two VMs, and beside CI's other work one boot took 18 s (instantiate +
// boot 13.8 s); at 60 s the Stop test ran out of time with a correct answer on its way.
test.setTimeout(180_000);

/** Type `code` into the code line, press Enter, wait for its evaluation; its result. */
async function rubyEval(page: Page, code: string, timeout = 10_000) {
  await page.locator("#args").fill(code);
  await page.locator("#args").press("Enter");
  await expect.poll(() => page.evaluate(() => !window.__playground.running() && window.__playground.ruby()?.code),
    { timeout, intervals: [50, 100, 250] }).toBe(code);
  return (await page.evaluate(() => window.__playground.ruby()))!;
}

test("ruby: boots on first use, evaluates, requires json, reads and writes the file panel's files", async ({ page }) => {
  await open(page, "?sample=ruby");
  await expect(page.locator("#program-title")).toHaveText("Ruby");
  expect(await page.evaluate(() => window.__playground.rubyState())).toBe("off");

  // First use: the VM loads (visible state), then evaluates.
  await page.locator("#args").fill("1 + 2");
  const t0 = Date.now();
  await page.locator("#args").press("Enter");
  await expect(page.locator("#status")).toHaveText("loading Ruby…");
  await expect(page.locator("#stop")).toBeEnabled();
  await expect(page.locator("#run")).toBeDisabled();
  await expect.poll(() => page.evaluate(() => window.__playground.ruby()?.code), { timeout: 50_000, intervals: [100, 250] }).toBe("1 + 2");
  const boot = (await page.evaluate(() => window.__playground.rubyBoot()))!;
  console.log(`ruby.wasm in Chromium: first result after ${Date.now() - t0} ms ` +
    `(download + compile ${Math.round(boot.fetchCompileMs)} ms, instantiate + boot ${Math.round(boot.instantiateMs)} ms)`);
  // vite preview serves the .wasm as application/wasm: compiled while it downloads.
  expect(boot.compile).toBe("streaming");
  expect(await page.evaluate(() => window.__playground.ruby())).toMatchObject({ result: "3", inspect: "3", error: null });
  await expect(page.locator("#status")).toHaveText("ok");
  let text = await waitForTerminal(page, /^=> 3$/m);
  expect(text).toMatch(/^ruby 3\.4\.\d+ .* on @anywasi\/core — ready in/m);
  expect(text).toMatch(/^>> 1 \+ 2$/m);
  expect(await page.evaluate(() => window.__playground.rubyState())).toBe("ready");

  expect(await rubyEval(page, `"anywasi".upcase`)).toMatchObject({ result: "ANYWASI", inspect: `"ANYWASI"` });
  expect((await rubyEval(page, `require "json"; JSON.generate({a: 1})`)).result).toBe(`{"a":1}`);
  await waitForTerminal(page, `=> "{\\"a\\":1}"`);

  // stdout and stderr arrive as text, in the terminal and in the reply.
  const out = await rubyEval(page, `puts "to stdout"; warn "to stderr"; 42`);
  expect(out).toMatchObject({ result: "42", stdout: "to stdout\n", stderr: "to stderr\n" });
  await waitForTerminal(page, /^to stdout\nto stderr\n=> 42$/m);

  // An exception is reported, the VM lives on.
  const failed = await rubyEval(page, `raise ArgumentError, "boom"`);
  expect(failed.error).toMatch(/boom/);
  await expect(page.locator("#status")).toHaveText("exception");

  // The file panel is the VM's /: a seeded file, an uploaded one, and one Ruby writes.
  expect((await rubyEval(page, `File.read("/note.txt")`)).result).toBe("anywasi runs the same module everywhere\n");
  await page.locator("#upload").setInputFiles({ name: "upload.txt", mimeType: "text/plain", buffer: Buffer.from("uploaded ünïcode\n") });
  await expect(page.locator('#tree li[data-path="upload.txt"]')).toBeVisible();
  expect((await rubyEval(page, `File.read("/upload.txt").upcase`)).result).toBe("UPLOADED ÜNÏCODE\n");
  expect((await rubyEval(page, `File.read("data/events.log").lines.size`)).result).toBe("1");
  await rubyEval(page, `File.write("/data/from-ruby.txt", Dir.children("/").sort.join(","))`);
  await expect(page.locator('#tree li[data-path="data/from-ruby.txt"]')).toBeVisible();
  expect(await page.evaluate(() => window.__playground.readFile("data/from-ruby.txt"))).toBe("data,note.txt,poem.txt,upload.txt");
  // A file deleted in the panel is gone for Ruby too.
  await page.locator('#tree li[data-path="upload.txt"] .delete').click();
  await expect(page.locator('#tree li[data-path="upload.txt"]')).toHaveCount(0);
  expect((await rubyEval(page, `File.exist?("/upload.txt")`)).result).toBe("false");

  // A preset chip, and a line typed into the terminal.
  await page.locator(".chip", { hasText: "3.times" }).click();
  await waitForTerminal(page, /^line 0\nline 1\nline 2\n=> 3$/m);
  await page.locator("#terminal").click();
  await page.keyboard.type("[1, 2, 3].sum * 7");
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => window.__playground.ruby()?.result)).toBe("42");
  text = await terminalText(page);
  expect(text).toMatch(/^>> \[1, 2, 3\]\.sum \* 7\n=> 42\n>>$/m);
  await shot(page, "ruby");
});

test("ruby: Stop ends a Ruby loop; the next evaluation boots a new VM", async ({ page }) => {
  await open(page, "?sample=ruby");
  await rubyEval(page, "$answer = 41", 50_000);
  await page.locator("#args").fill("loop { }");
  await page.locator("#args").press("Enter");
  await expect(page.locator("#status")).toHaveText("running…");
  await page.locator("#stop").click();
  await expect(page.locator("#status")).toHaveText("stopped");
  expect(await page.evaluate(() => window.__playground.rubyState())).toBe("off");
  await waitForTerminal(page, "the Ruby VM was stopped");
  // A fresh VM: the global is gone.
  expect((await rubyEval(page, "$answer.inspect", 50_000)).result).toBe("nil");
});
