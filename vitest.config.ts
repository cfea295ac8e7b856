import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// test/browser/unit: the parts of @anywasi/browser that run in Node (type-checked with DOM types
// by test/browser/tsconfig.json; the Chromium tests themselves run under Playwright).
// test/ruby: ruby.wasm (@ruby/wasm-wasi) on the built @anywasi/core, under Node and Deno.
// maxWorkers: at least 3 test files at once. Many files mostly wait (child processes, servers,
// time limits), and vitest's default (CPUs - 1) ran them one at a time on CI's 2 cores: 278 s;
// 3 at once: 167 s, both cores busy (/usr/bin/time: 318 s of CPU).
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/browser/unit/**/*.test.ts", "test/gateway/**/*.test.ts", "test/ruby/**/*.test.ts"],
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // 20 s, not vitest's 5 s: a bound for "it did not hang". Beside the other files and CI's
    // other work, tests that take 1-2 s alone timed out at 5 s in a CI run under load.
    testTimeout: 20_000,
  },
});
