// Browser tests of @anywasi/browser on Debian's Chromium. `npm run test:browser` builds the
// packages and the test pages (vite build) first; this config serves them twice with
// `vite preview`: plain (JSPI) and cross-origin isolated (SAB).
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ISOLATED, ISOLATED_PORT, PLAIN, PLAIN_PORT } from "./servers.js";

const preview = (port: number) => `npx vite preview -c vite.config.ts --port ${port}`;

export default defineConfig({
  testDir: "./specs",
  timeout: 30_000,
  workers: 2,
  reporter: process.env["CI"] ? "line" : "list",
  forbidOnly: !!process.env["CI"],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: [
    { command: preview(PLAIN_PORT), url: PLAIN, reuseExistingServer: !process.env["CI"] },
    { command: preview(ISOLATED_PORT), url: ISOLATED, env: { ANYWASI_COI: "1" }, reuseExistingServer: !process.env["CI"] },
  ],
});
