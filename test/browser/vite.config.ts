// Builds the browser test pages (pages/ → dist/) and serves them with `vite preview`.
// ANYWASI_COI=1 adds the cross-origin isolation headers (SAB mode); without it the page is not
// isolated and only JSPI can make stdin interactive.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const isolated = process.env["ANYWASI_COI"] === "1";

export default defineConfig({
  root: here("./pages"),
  logLevel: "warn",
  build: {
    outDir: here("./dist"),
    emptyOutDir: true,
    target: "esnext",
    rollupOptions: { input: { index: here("./pages/index.html") } },
  },
  // ES module workers can import chunks lazily: jco-transpile's generator loads only when a component runs.
  worker: { format: "es" },
  preview: {
    host: "127.0.0.1",
    strictPort: true,
    headers: isolated
      ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" }
      : {},
  },
});
