// The webhook component on Cloudflare Workers: webhook.component.wasm (a wasi:http incoming
// handler), transpiled at build time (wrangler.toml's build step), served by @anywasi/worker: a
// fresh instance per request, with the gateway's limits and 5xx rules.
import webhook from "../build/webhook/index.js";
import { serve } from "@anywasi/worker";

export default serve(webhook, {
  // The secret is a binding: `wrangler secret put WEBHOOK_SECRET`, or .dev.vars for `wrangler dev`.
  env: (bindings) => ({ WEBHOOK_SECRET: bindings?.WEBHOOK_SECRET ?? "" }),
  timeoutMs: 10_000,
  maxBodyBytes: 1024 * 1024,
});
