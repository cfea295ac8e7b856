// examples/webhook-component (a JS wasi:http handler built with ComponentizeJS) end to end through
// the real `anywasi serve` on Node: signed, badly signed, unsigned, not JSON, GET. The signatures
// are made here with node:crypto (an independent HMAC-SHA256).
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli } from "./http-component-run.mjs";

const wasm = fileURLToPath(new URL("../../examples/webhook-component/webhook.component.wasm", import.meta.url));
const cli = fileURLToPath(new URL("../../packages/host-node/dist/cli.bundle.js", import.meta.url));
const sign = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const EVENT = `{"event":"push","id":42}`;

describe("examples/webhook-component through anywasi serve on Node", () => {
  let server: { base: string; stop(): void };
  beforeAll(async () => {
    server = await startCli(process.execPath, [cli, "serve", "--port", "0", "--env", "WEBHOOK_SECRET=dev-secret", "--max-body", "1048576", wasm]);
  }, 120_000);
  afterAll(() => server?.stop());

  const post = async (body: string, headers: Record<string, string>) => {
    const r = await fetch(server.base + "/", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
    return [r.status, r.headers.get("content-type"), await r.text()];
  };

  it("answers as the C webhook does", async () => {
    expect(await post(EVENT, { "x-signature": sign("dev-secret", EVENT) }))
      .toEqual([200, "application/json", `{"ok":true,"event":"push","id":"42"}\n`]);
    expect(await post(EVENT, { "x-signature": sign("other", EVENT) }))
      .toEqual([401, "application/json", `{"ok":false,"error":"bad signature"}\n`]);
    expect(await post(`{"event":"push","id":43}`, { "x-signature": sign("dev-secret", EVENT) }))
      .toEqual([401, "application/json", `{"ok":false,"error":"bad signature"}\n`]);
    expect(await post(EVENT, {})).toEqual([401, "application/json", `{"ok":false,"error":"bad signature"}\n`]);
    expect(await post("[1]", { "x-signature": sign("dev-secret", "[1]") }))
      .toEqual([400, "application/json", `{"ok":false,"error":"the body is not a JSON object"}\n`]);
    expect(await post(`{"id":1}`, { "x-signature": sign("dev-secret", `{"id":1}`) }))
      .toEqual([400, "application/json", `{"ok":false,"error":"missing string field: event"}\n`]);
    const get = await fetch(server.base + "/");
    expect([get.status, await get.text()]).toEqual([405, `{"ok":false,"error":"POST a JSON event"}\n`]);
  }, 180_000);
});
