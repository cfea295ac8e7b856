// Host `chromium`: every test runs in a dedicated Web Worker of a headless Chromium page through
// @anywasi/browser's spawn(), with fixture directories as in-memory preopens (`--fs memory`) or
// written to OPFS and preopened from there (`--fs disk`, which also checks that OPFS ends up
// holding what an in-memory run leaves). stdin is interactive and never written: reads wait (JSPI
// suspends the guest; ANYWASI_STDIN_MODE=sab blocks it in Atomics.wait on an isolated page).
// A test past its timeout is kill()ed (worker.terminate). See lib/chromium-session.mjs.
import { chromiumHost } from "./lib/chromium-session.mjs";

export const { setup, runTest, teardown } = chromiumHost("runSpec");

// Components run synchronously in the browser (docs/browser.md): only SAB mode blocks on stdin as the
// tests expect; under JSPI a component reads stdin to its end first, which this host never closes.
export const components = process.env["ANYWASI_STDIN_MODE"] === "sab";
