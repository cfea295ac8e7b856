// Shared by hosts `chromium` and `chromium-main`: builds the browser test pages
// (test/browser/pages, with @anywasi/browser from packages/host-browser/dist) into a temporary
// directory, serves them with `vite preview` on 127.0.0.1, launches one headless Chromium
// (playwright-core, Debian's /usr/bin/chromium or $CHROMIUM_PATH) and runs each test on a page
// from a pool. Fixture directories are read here (readTree) and sent to the page as base64.
//
// ANYWASI_STDIN_MODE=sab serves the pages cross-origin isolated and runs worker guests in SAB
// mode instead of JSPI (the default), so both stdin bridges can run the whole corpus.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readTree } from "./fixtures.mjs";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const VITE_CONFIG = join(REPO, "test/browser/vite.config.ts");
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
/** How long past the test's own timeout the host waits for a page that does not answer. */
const PAGE_GRACE_MS = 5000;

/**
 * The pages built once per process (vite build, ~10 s), shared by every chromium column of a
 * matrix run: the build is the same for all (ANYWASI_COI only changes `vite preview`'s headers).
 * Removed when the process exits.
 */
let built = null;
function buildPages(build) {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), "anywasi-chromium-"));
    process.once("exit", () => rmSync(outDir, { recursive: true, force: true }));
    await build({ configFile: VITE_CONFIG, logLevel: "error", build: { outDir } });
    return outDir;
  })();
  built.catch(() => { built = null; });
  return built;
}

const b64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
const unb64 = (s) => new Uint8Array(Buffer.from(s ?? "", "base64"));

function wireTree(tree) {
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, v instanceof Uint8Array ? { b64: b64(v) } : v]));
}

/**
 * @param {"runSpec" | "runSpecOnMainThread"} entry the page function that runs a spec
 * @returns the host interface of test/runner/README.md
 */
export function chromiumHost(entry) {
  const stdinMode = process.env.ANYWASI_STDIN_MODE === "sab" ? "sab" : "auto";
  let outDir = null;
  let server = null;
  let browser = null;
  let url = null;
  const idle = [];

  async function freshPage() {
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
    await page.goto(url);
    await page.locator("#status").filter({ hasText: "ready" }).waitFor();
    return page;
  }

  return {
    async setup() {
      const dist = join(REPO, "packages/host-browser/dist/index.js");
      if (!existsSync(dist)) throw new Error(`${dist} does not exist: run \`npm run build\` first`);
      if (stdinMode === "sab") process.env.ANYWASI_COI = "1";
      const { build, preview } = await import("vite");
      const { chromium } = await import("playwright-core");
      outDir = await buildPages(build);
      server = await preview({ configFile: VITE_CONFIG, logLevel: "error", build: { outDir }, preview: { port: 0, open: false } });
      const { port } = server.httpServer.address();
      url = `http://127.0.0.1:${port}/`;
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
    },

    async runTest(test, { timeoutMs, fs = "memory" }) {
      const spec = {
        wasm: b64(readFileSync(test.wasm)),
        args: test.args,
        env: test.env,
        preopens: Object.entries(test.preopens).map(([guest, dir]) => [guest, wireTree(readTree(dir))]),
        timeoutMs,
        fs: fs === "disk" ? "opfs" : "memory",
        stdinMode,
        component: test.component === true,
      };
      const page = idle.pop() ?? (await freshPage());
      let timer;
      const stuck = new Promise((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs + PAGE_GRACE_MS); });
      let result;
      try {
        result = await Promise.race([page.evaluate(([fn, s]) => globalThis.harness[fn](s), [entry, spec]), stuck]);
      } catch (e) {
        result = { error: `page error: ${e?.message ?? e}` };
      } finally {
        clearTimeout(timer);
      }
      if (result === null) {
        // The page did not answer (a guest blocking the main thread): only closing it stops it.
        await page.close({ runBeforeUnload: false }).catch(() => {});
        return { timedOut: true };
      }
      if (result.timedOut || result.error?.startsWith("page error")) await page.close().catch(() => {});
      else idle.push(page);
      return { ...result, stdout: unb64(result.stdout), stderr: unb64(result.stderr) };
    },

    async teardown() {
      await browser?.close().catch(() => {});
      await new Promise((resolve) => (server ? server.httpServer.close(resolve) : resolve()));
    },
  };
}
