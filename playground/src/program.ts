// What the page runs: a sample, a local .wasm file or a .wasm URL, and what follows from each.
import { DEFAULT_WEBHOOK_BODY, type Sample } from "./samples.js";

export type Program =
  | { kind: "sample"; sample: Sample }
  | { kind: "file"; name: string; bytes: Uint8Array }
  | { kind: "url"; url: string; name: string };

/** argv[0]. */
export function programName(p: Program): string {
  return p.kind === "sample" ? p.sample.argv0 : p.name;
}

/** The Ruby sample evaluates code in a VM instead of running a command. */
export function isRuby(p: Program): boolean {
  return p.kind === "sample" && p.sample.ruby === true;
}

/** A program's name from a file name or URL path: its base name without ".wasm". */
export function nameFromPath(path: string): string {
  const base = path.split(/[/\\]/).pop() ?? "program.wasm";
  return base.replace(/\.wasm$/i, "") || "program";
}

export function urlProgram(url: string): Program {
  return { kind: "url", url, name: nameFromPath(new URL(url, location.href).pathname) };
}

/** The form's contents when `p` is picked (and what the URL leaves out). */
export function defaults(p: Program): { args: string; env: string[]; body: string } {
  return p.kind === "sample"
    ? { args: p.sample.args, env: p.sample.env, body: DEFAULT_WEBHOOK_BODY }
    : { args: "", env: [], body: DEFAULT_WEBHOOK_BODY };
}
