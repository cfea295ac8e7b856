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
  test: {
    include: ["test/worker/**/*.test.ts"],
    globalSetup: ["test/worker/http-components.setup.mjs"],
    // A test that failed on one of these symptoms runs again, 3 s later, three times at most. On
    // a loaded machine workerd's isolate has, for some seconds after the wasi:http streaming
    // tests, handed the tests native objects that no longer work as such (a fresh Request's
    // `headers` "not iterable", its body's `getReader` "not a function"), beside outright
    // workerd crashes (SIGSEGV: vitest-rerun.mjs runs the suite again). 3 of 4 runs of
    // http-component.test.ts under load failed so. Only these messages are retried: a test that
    // fails otherwise fails at once.
    retry: { count: 3, delay: 3000, condition: /request\.headers is not iterable|getReader is not a function/ },
  },
});
