// What the page runs: a sample, a local .wasm file or a .wasm URL, and what follows from each.
import { DEFAULT_WEBHOOK_BODY, type Sample } from "./samples.js";

export type Program =
  | { kind: "sample"; sample: Sample }
  | { kind: "file"; name: string; bytes: Uint8Array }
  | { kind: "url"; url: string; name: string };

/** What a program is: a preview1 module, a WASI 0.2 command component, a wasi:http handler; null: not known yet (a URL before it is fetched). */
export type GuestKind = "module" | "component" | "http";

/**
 * True for a component's header: `\0asm` then version 0x0d, layer 1 (a core module has version 1,
 * layer 0). The page needs only the header; spawn() decides the same way.
 */
export function isComponentBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d &&
    bytes[4] === 0x0d && bytes[5] === 0 && bytes[6] === 1 && bytes[7] === 0;
}

export function guestKind(p: Program): GuestKind | null {
  if (p.kind === "sample") return p.sample.http === true ? "http" : p.sample.component === true ? "component" : p.sample.ruby === true ? null : "module";
  if (p.kind === "file") return isComponentBytes(p.bytes) ? "component" : "module";
  return null;
}

/** The wasi:http sample: served and sent requests instead of run. */
export function isHttp(p: Program): boolean {
  return p.kind === "sample" && p.sample.http === true;
}

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
