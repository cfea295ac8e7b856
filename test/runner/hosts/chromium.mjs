// Host `chromium`: every test runs in a dedicated Web Worker of a headless Chromium page through
// @anywasi/browser's spawn(), with fixture directories as in-memory preopens (`--fs memory`) or
// written to OPFS and preopened from there (`--fs disk`, which also checks that OPFS ends up
// holding what an in-memory run leaves). stdin is interactive and never written: reads wait (JSPI
// suspends the guest; ANYWASI_STDIN_MODE=sab blocks it in Atomics.wait on an isolated page).
// A test past its timeout is kill()ed (worker.terminate). See lib/chromium-session.mjs.
import { chromiumHost } from "./lib/chromium-session.mjs";

export const { setup, runTest, teardown } = chromiumHost("runSpec");

// Components get the same stdin as modules (docs/browser.md "Components"): under JSPI they run
// through jco's JSPI glue and are suspended while they wait; in SAB mode they block in Atomics.wait.
export const components = true;
