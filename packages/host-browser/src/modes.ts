import { hasJSPI } from "@anywasi/core/jspi";
import type { StdinMode, WaitMode } from "./types.js";

/** What this page can use to let a guest wait. */
export interface BrowserCapabilities {
  /** `WebAssembly.Suspending` and `WebAssembly.promising` exist. */
  jspi: boolean;
  /** The page is cross-origin isolated, so `SharedArrayBuffer` and `Atomics.wait` in workers work. */
  sab: boolean;
}

/**
 * Detect the waiting mechanisms of this context. A dedicated worker shares the engine and the
 * cross-origin isolation of the page that starts it, so the page's answer holds in the worker.
 */
export function capabilities(): BrowserCapabilities {
  return {
    jspi: hasJSPI(),
    sab: globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function",
  };
}

const NEEDS = {
  jspi: "JSPI (WebAssembly.Suspending), which this browser does not have",
  sab: "a cross-origin isolated page (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)",
} as const;

/**
 * The mode `spawn()` uses for `requested`, JSPI first under `"auto"`.
 * @throws Error when the requested mode is unavailable, or when `interactive` stdin is wanted and
 * neither mode is (then stdin must be given up front as bytes or a string).
 */
export function chooseMode(requested: StdinMode, interactive: boolean, caps = capabilities()): WaitMode {
  if (requested === "jspi" || requested === "sab") {
    if (!caps[requested]) throw new Error(`stdinMode "${requested}" needs ${NEEDS[requested]}`);
    return requested;
  }
  if (caps.jspi) return "jspi";
  if (caps.sab) return "sab";
  if (interactive) {
    throw new Error(
      `interactive stdin needs ${NEEDS.jspi}, or ${NEEDS.sab}; otherwise pass stdin up front as bytes or a string`,
    );
  }
  return "none";
}
