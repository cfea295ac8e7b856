// Host `chromium-main`: every test runs on the main thread of a headless Chromium page through
// @anywasi/browser's runOnMainThread(), with in-memory preopens. No test is skipped: stdin never
// delivers, and with JSPI a guest waiting for it (or sleeping) is suspended, so the page stays
// responsive and a stdin poll with a timeout still times out. A guest that blocks past the
// timeout (waiting for stdin forever, or spinning) cannot be stopped on the main thread: the host
// closes its page and reports a timeout. See lib/chromium-session.mjs.
import { chromiumHost } from "./lib/chromium-session.mjs";

export const { setup, runTest, teardown } = chromiumHost("runSpecOnMainThread");

// Components run through jco's JSPI glue on the page (docs/browser.md "Components"): this host's
// stdin never delivers and never ends, and a component waiting for it is suspended as a module is.
export const components = true;
