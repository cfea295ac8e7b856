// The two preview servers of the browser tests and how to launch Debian's Chromium (Playwright
// cannot download browsers here). Shared by playwright.config.ts and the specs.
export const PLAIN_PORT = 5181;
export const ISOLATED_PORT = 5182;
/** Not cross-origin isolated: interactive stdin through JSPI. */
export const PLAIN = `http://127.0.0.1:${PLAIN_PORT}/`;
/** Served with COOP/COEP: SharedArrayBuffer and Atomics.wait in workers (SAB mode). */
export const ISOLATED = `http://127.0.0.1:${ISOLATED_PORT}/`;

export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
