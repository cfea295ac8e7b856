// End-to-end tests of the playground, against the BUILT site (`vite build -c
// playground/vite.config.ts`, done by `npm run test:playground`) served by `vite preview`, which
// sends the COOP/COEP headers: JSPI and SharedArrayBuffer are both available, and the specs
// force each with ?mode=. Debian's Chromium, launched as in test/browser.
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../browser/servers.js";
import { PORT, URL } from "./specs/helpers.js";

export default defineConfig({
  testDir: "./specs",
  outputDir: "../../test-results/playground/output",
  // A bound for "not never", not a speed check: the calculator spec types ~60 keys and waits for
  // each answer (16 s on an idle machine), and a fresh-clone CI run under heavy load took it past 30 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 4,
  reporter: process.env["CI"] ? "line" : "list",
  forbidOnly: !!process.env["CI"],
  // On CI a failed test runs once more and, if it then passes, is reported as flaky (the log
  // names it): the playground's tests boot Chromium pages and 30 MB ruby.wasm VMs four at a time
  // beside the conformance matrix, on 2 cores.
  retries: process.env["CI"] ? 1 : 0,
  use: {
    browserName: "chromium",
    baseURL: URL,
    viewport: { width: 1360, height: 860 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite preview -c playground/vite.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: fileURLToPath(new globalThis.URL("../..", import.meta.url)),
    url: URL,
    reuseExistingServer: !process.env["CI"],
  },
});
