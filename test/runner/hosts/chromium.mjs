// Host `chromium`: every test runs in a dedicated Web Worker of a headless Chromium page through
// @anywasi/browser's spawn(), with fixture directories as in-memory preopens (`--fs memory`) or
// written to OPFS and preopened from there (`--fs disk`, which also checks that OPFS ends up
// holding what an in-memory run leaves). stdin is interactive and never written: reads wait (JSPI
// suspends the guest; ANYWASI_STDIN_MODE=sab blocks it in Atomics.wait on an isolated page).
// A test past its timeout is kill()ed (worker.terminate). See lib/chromium-session.mjs.
import { chromiumHost } from "./lib/chromium-session.mjs";

export const { setup, runTest, teardown } = chromiumHost("runSpec");

// Components run synchronously in the browser (docs/browser.md "Components"): in SAB mode stdin
// blocks as the tests expect; under JSPI a component reads its stdin to the end before it starts,
// so the page closes it at once for a component (pages/conformance.ts) and the test that needs
// an open, silent stdin is a difference (`differences` below).
export const components = true;

/**
 * Tests this host legitimately differs on (see test/runner/README.md): under JSPI (not SAB) a
 * component only starts once its stdin has ended, so it never sees stdin open and silent.
 * @returns the reason, or undefined
 */
export function differences(test) {
  if (!test.component || process.env["ANYWASI_STDIN_MODE"] === "sab") return undefined;
  if (test.name.endsWith("poll_stdin_timeout.wasm")) {
    return "a component under JSPI reads its stdin to the end before it starts (docs/browser.md \"Components\"), so this host ends stdin at once and polling it reports end-of-file, not a timeout on an open, silent pipe";
  }
  return undefined;
}
