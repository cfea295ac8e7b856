// The wasi:http sample: examples/webhook-component (a JS handler component) served in a worker by
// @anywasi/gateway's serve(), sent the request editor's request. The expected signatures are made
// here with node:crypto (an independent HMAC-SHA256).
import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { open, shot, terminalText } from "./helpers.js";

// The first request fetches the 13 MB component, transpiles and compiles it.
test.setTimeout(180_000);
const LOAD = 120_000;
const BODY = '{"event":"push","id":42}';
const sign = (body: string, secret = "playground-secret") => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** Press Send and wait for the response the page shows (`timeout` in ms). */
async function send(page: Page, timeout = 30_000) {
  const before = await page.evaluate(() => window.__playground.http());
  await page.locator("#http-send").click();
  // Done when nothing runs and the response is a new one (its time differs from the last one's).
  await expect.poll(async () => {
    const { running, last } = await page.evaluate(() => ({ running: window.__playground.running(), last: window.__playground.http() }));
    return !running && last !== null && JSON.stringify(last) !== JSON.stringify(before);
  }, { timeout, intervals: [100, 250] }).toBe(true);
  return (await page.evaluate(() => window.__playground.http()))!;
}

test("wasi:http sample: the pre-filled signed request gets 200 JSON; the page shows status, headers and body", async ({ page }) => {
  await open(page);
  await page.locator('#samples button[data-sample="webhook-http"]').click();
  await expect(page.locator("#program-kind")).toHaveText("wasi:http handler");
  await expect(page.locator("#command")).toBeHidden();
  await expect(page.locator("#http-method")).toHaveValue("POST");
  await expect(page.locator("#http-path")).toHaveValue("/");
  await expect(page.locator("#http-body")).toHaveValue(BODY);
  // The page signed the body with WebCrypto, as node:crypto does.
  await expect(page.locator("#http-headers")).toHaveValue(`content-type: application/json\nx-signature: ${sign(BODY)}`);

  const r = await send(page, LOAD);
  expect(r).toMatchObject({ status: 200, body: '{"ok":true,"event":"push","id":"42"}\n', loaded: true });
  expect(r.headers).toContainEqual(["content-type", "application/json"]);
  await expect(page.locator("#http-status")).toHaveText("200 OK");
  await expect(page.locator("#http-response-headers")).toContainText("content-type: application/json");
  await expect(page.locator("#http-response-body")).toHaveText('{"ok":true,"event":"push","id":"42"}');
  await expect(page.locator("#status")).toHaveText("200 OK");
  expect(await terminalText(page)).toMatch(/POST \/ \(24 bytes\)[\s\S]*→ 200 OK/);
  await shot(page, "wasi-http");

  // The second request reuses the compiled component.
  const again = await send(page);
  expect(again).toMatchObject({ status: 200, loaded: false });

  // 420 px wide: the editor and the response (a long signature header) fit, no horizontal scroll.
  await page.setViewportSize({ width: 420, height: 860 });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await page.locator("#http-response").scrollIntoViewIfNeeded();
  await shot(page, "wasi-http-420");
});

test("wasi:http sample: a tampered body is refused (401), Sign makes it valid, bad JSON is 400, GET is 405", async ({ page }) => {
  await open(page, "?sample=webhook-http");
  await expect(page.locator("#http-headers")).toHaveValue(/x-signature: sha256=/);
  const tampered = '{"event":"push","id":43}';
  await page.locator("#http-body").fill(tampered);
  const refused = await send(page, LOAD);
  expect(refused).toMatchObject({ status: 401, body: '{"ok":false,"error":"bad signature"}\n' });
  expect(refused.headers).toContainEqual(["content-type", "application/json"]);
  await expect(page.locator("#http-status")).toHaveText("401 Unauthorized");
  await expect(page.locator("#http-status")).toHaveAttribute("data-kind", "fail");
  await expect(page.locator("#status")).toHaveText("401 Unauthorized");

  await page.locator("#http-sign").click();
  await expect(page.locator("#http-headers")).toHaveValue(`content-type: application/json\nx-signature: ${sign(tampered)}`);
  expect(await send(page)).toMatchObject({ status: 200, body: '{"ok":true,"event":"push","id":"43"}\n' });

  // Signed, but not an event.
  await page.locator("#http-body").fill("[1]");
  await page.locator("#http-sign").click();
  await expect(page.locator("#http-headers")).toHaveValue(new RegExp(sign("[1]")));
  expect(await send(page)).toMatchObject({ status: 400, body: '{"ok":false,"error":"the body is not a JSON object"}\n' });

  // Another secret in the environment: the old signature no longer matches.
  await page.locator("#env-box summary").click();
  await page.locator("#env").fill("WEBHOOK_SECRET=other");
  expect(await send(page)).toMatchObject({ status: 401 });

  await page.locator("#http-method").selectOption("GET");
  expect(await send(page)).toMatchObject({ status: 405, body: '{"ok":false,"error":"POST a JSON event"}\n' });
  await expect(page.locator("#http-status")).toHaveText("405 Method Not Allowed");

  // A header line without a colon is reported, nothing is sent.
  await page.locator("#http-headers").fill("not a header");
  await page.locator("#http-send").click();
  await expect.poll(() => terminalText(page)).toContain('header line 1 is not "Name: value": not a header');
  await expect(page.locator("#status")).toHaveText("bad request");
});
