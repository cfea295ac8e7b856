// Builds the browser test pages (pages/ → dist/) and serves them with `vite preview`.
// ANYWASI_COI=1 adds the cross-origin isolation headers (SAB mode); without it the page is not
// isolated and only JSPI can make stdin interactive.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, defineConfig, type Plugin } from "vite";
import { anywasiVite } from "@anywasi/node/vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const isolated = process.env["ANYWASI_COI"] === "1";

/**
 * dist/sw.js, the Service Worker of service-worker.spec.ts, built after the pages as ONE file:
 * a module Service Worker cannot import() chunks (the gateway loads the component layer with
 * import(), which codeSplitting: false turns into a plain reference). The handler component is
 * transpiled at build time by anywasiVite, its core module imported with `?url`.
 */
function serviceWorker(): Plugin {
  // The build's own outDir (dist/, or the conformance host's temporary directory), so that a
  // build elsewhere never rewrites dist/sw.js while the specs serve it.
  let outDir = here("./dist");
  return {
    name: "anywasi-test-service-worker",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await build({
        configFile: false,
        root: here("./pages"),
        logLevel: "warn",
        plugins: [anywasiVite({ wasmImportSuffix: "?url" })],
        build: {
          outDir,
          emptyOutDir: false,
          target: "esnext",
          rollupOptions: { input: { sw: here("./pages/sw.ts") }, output: { format: "es", entryFileNames: "[name].js", codeSplitting: false } },
        },
      });
    },
  };
}

export default defineConfig({
  root: here("./pages"),
  logLevel: "warn",
  build: {
    outDir: here("./dist"),
    emptyOutDir: true,
    target: "esnext",
    rollupOptions: { input: { index: here("./pages/index.html"), sw: here("./pages/sw.html") } },
  },
  // ES module workers can import chunks lazily: jco-transpile's generator loads only when a component runs.
  worker: { format: "es" },
  plugins: [serviceWorker()],
  preview: {
    host: "127.0.0.1",
    strictPort: true,
    headers: isolated
      ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" }
      : {},
  },
});
