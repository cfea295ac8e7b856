// Gateway and webhook tests inside workerd (Cloudflare's Workers runtime), through
// @cloudflare/vitest-pool-workers: the test files run in the Worker of examples/webhook, whose
// .wasm imports are precompiled modules as on the real platform.
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest({
      // The secret comes from examples/webhook/.dev.vars, as under `wrangler dev`.
      wrangler: { configPath: fileURLToPath(new URL("../../examples/webhook/wrangler.toml", import.meta.url)) },
    }),
  ],
  // The repository root, so that modules outside test/worker (the fixtures) keep their plain paths.
  root: fileURLToPath(new URL("../..", import.meta.url)),
  // The setup transpiles the wasi:http components that http-component.test.ts serves (build step).
  test: { include: ["test/worker/**/*.test.ts"], globalSetup: ["test/worker/http-components.setup.mjs"] },
});
