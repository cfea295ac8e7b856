// The playground: `npm start` runs the dev server, `vite build -c playground/vite.config.ts`
// writes static files to playground/dist (relative base: any static host, any sub-path).
// Both servers send the cross-origin isolation headers, so SharedArrayBuffer mode is available
// next to JSPI; a static host without them still gets JSPI (Chromium) — see README.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root: here("."),
  base: "./",
  build: {
    outDir: here("./dist"),
    emptyOutDir: true,
    target: "esnext",
    // The sample .wasm files stay files (fetched by URL, cached, shown in the network panel).
    assetsInlineLimit: 0,
  },
  worker: { format: "es" },
  server: {
    port: 5173,
    headers: isolation,
    // The samples are imported from ../examples (`?url`, `?raw`).
    fs: { allow: [here("..")] },
  },
  preview: { port: 4173, headers: isolation },
});
