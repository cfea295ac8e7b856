import { defineConfig } from "vitest/config";

// test/browser/unit: the parts of @anywasi/browser that run in Node (type-checked with DOM types
// by test/browser/tsconfig.json; the Chromium tests themselves run under Playwright).
// test/ruby: ruby.wasm (@ruby/wasm-wasi) on the built @anywasi/core, under Node and Deno.
export default defineConfig({ test: { include: ["test/unit/**/*.test.ts", "test/browser/unit/**/*.test.ts", "test/gateway/**/*.test.ts", "test/ruby/**/*.test.ts"] } });
