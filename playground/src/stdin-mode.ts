// The stdin-mode badge: how a guest waits for input and timers (JSPI or SharedArrayBuffer), what
// this page offers, and the menu that forces one.
import { capabilities, chooseMode, type StdinMode, type WaitMode } from "@anywasi/browser";
import { ui } from "./dom.js";

const MODE_NAMES: Record<WaitMode, string> = { jspi: "JSPI", sab: "SharedArrayBuffer", none: "none" };

/** Show the mode the last run used, or else the one `mode` would give an interactive guest. */
export function describeMode(mode: StdinMode, used: WaitMode | null): void {
  const caps = capabilities();
  const available = [caps.jspi ? "JSPI" : null, caps.sab ? "SharedArrayBuffer" : null].filter(Boolean).join(" and ") || "neither JSPI nor SharedArrayBuffer";
  try {
    showMode(used ?? chooseMode(mode, true, caps));
  } catch {
    ui.mode.textContent = `stdin: ${mode === "auto" ? "not interactive" : `${MODE_NAMES[mode]} unavailable`}`;
    ui.mode.dataset["mode"] = "none";
  }
  ui.mode.title = `How a guest waits for input and timers. This page has ${available}` +
    `${caps.sab ? "" : " (SharedArrayBuffer needs the COOP/COEP headers)"}.`;
}

/** Show the mode a running guest got, and whether it is a WASI 0.2 component. */
export function showMode(m: WaitMode, component = false): void {
  ui.mode.textContent = `stdin: ${MODE_NAMES[m]}${component ? " · component" : ""}`;
  ui.mode.dataset["mode"] = m;
}
