// The webhook receiver on Cloudflare Workers: webhook.wasm, precompiled by wrangler at deploy
// time (Workers cannot compile wasm at run time), served as a CGI program by the anywasi
// gateway. Every request gets a fresh instance and a fresh in-memory /data seeded from the
// bundled data/events.log, so the log a request appends to is its own (persist events in KV,
// D1 or R2 from here if they must outlive the request).
import webhook from "../webhook.wasm";
import seedLog from "../data/events.log";
import { serve } from "@anywasi/worker";

export default serve(webhook, {
  args: ["webhook.wasm"],
  // The secret is a binding: `wrangler secret put WEBHOOK_SECRET`, or .dev.vars for `wrangler dev`.
  env: (bindings) => ({ WEBHOOK_SECRET: bindings?.WEBHOOK_SECRET ?? "" }),
  files: { "/data": { "events.log": new Uint8Array(seedLog) } },
  timeoutMs: 10_000,
  maxBodyBytes: 1024 * 1024,
});
