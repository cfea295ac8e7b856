// What is worth sharing lives in the query string: the program (a sample or a .wasm URL), its
// arguments, environment and (webhook) request body, and a forced stdin mode.
//   ?sample=filetool&args=wc+poem.txt&env=LANG%3DC&mode=sab
import type { StdinMode } from "@anywasi/browser";

export interface UrlState {
  sample?: string;
  /** A .wasm URL (instead of a sample). */
  url?: string;
  args?: string;
  /** KEY=VALUE entries; present (possibly empty) when the environment differs from the default. */
  env?: string[];
  body?: string;
  mode: StdinMode;
}

const MODES: readonly StdinMode[] = ["auto", "jspi", "sab"];

export function readUrlState(search = location.search): UrlState {
  const q = new URLSearchParams(search);
  const mode = q.get("mode") as StdinMode | null;
  const state: UrlState = { mode: mode !== null && MODES.includes(mode) ? mode : "auto" };
  const sample = q.get("sample");
  if (sample !== null) state.sample = sample;
  const url = q.get("url");
  if (url !== null) state.url = url;
  const args = q.get("args");
  if (args !== null) state.args = args;
  if (q.has("env")) state.env = q.getAll("env").filter((e) => e !== "");
  const body = q.get("body");
  if (body !== null) state.body = body;
  return state;
}

/** Replace the current history entry's query string (no reload, no new entry). */
export function writeUrlState(state: UrlState): void {
  const q = new URLSearchParams();
  if (state.url !== undefined) q.set("url", state.url);
  else if (state.sample !== undefined) q.set("sample", state.sample);
  if (state.args !== undefined) q.set("args", state.args);
  if (state.env !== undefined) {
    if (state.env.length === 0) q.append("env", "");
    for (const e of state.env) q.append("env", e);
  }
  if (state.body !== undefined) q.set("body", state.body);
  if (state.mode !== "auto") q.set("mode", state.mode);
  const search = q.toString();
  const next = `${location.pathname}${search === "" ? "" : "?" + search}${location.hash}`;
  if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", next);
}
