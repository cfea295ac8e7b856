// examples/webhook-component on workerd: serve() of @anywasi/worker given the component
// transpiled at build time (test/worker/http-components.setup.mjs). A file of its own, so that its
// isolate holds only this build (see http-component.test.ts).
import { describe, expect, it } from "vitest";
import { serve, type Gateway } from "@anywasi/worker";
import webhook from "./build/webhook/index.js";
import { signature } from "../gateway/sign.js";

describe("examples/webhook-component on workerd (serve() of the transpiled component)", () => {
  const EVENT = `{"event":"push","id":42}`;
  const gateway: Gateway<{ WEBHOOK_SECRET: string }> = serve(webhook, {
    env: (bindings) => ({ WEBHOOK_SECRET: bindings?.WEBHOOK_SECRET ?? "" }), maxBodyBytes: 1 << 20, log: () => {},
  });
  const bindings = { WEBHOOK_SECRET: "dev-secret" };
  const post = async (body: string, headers: Record<string, string>) => {
    const r = await gateway.fetch(new Request("https://hooks.example/", { method: "POST", body, headers }), bindings);
    return [r.status, r.headers.get("content-type"), await r.text()];
  };

  it("answers as on Node: signed, badly signed, unsigned, not JSON, GET", async () => {
    expect(await post(EVENT, { "x-signature": await signature("dev-secret", EVENT) }))
      .toEqual([200, "application/json", `{"ok":true,"event":"push","id":"42"}\n`]);
    expect(await post(EVENT, { "x-signature": await signature("other", EVENT) }))
      .toEqual([401, "application/json", `{"ok":false,"error":"bad signature"}\n`]);
    expect(await post(EVENT, {})).toEqual([401, "application/json", `{"ok":false,"error":"bad signature"}\n`]);
    expect(await post("[1]", { "x-signature": await signature("dev-secret", "[1]") }))
      .toEqual([400, "application/json", `{"ok":false,"error":"the body is not a JSON object"}\n`]);
    const get = await gateway.fetch(new Request("https://hooks.example/"), bindings);
    expect([get.status, await get.text()]).toEqual([405, `{"ok":false,"error":"POST a JSON event"}\n`]);
  }, 60_000);
});
