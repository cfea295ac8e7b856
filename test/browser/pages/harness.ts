// The page the browser tests and the chromium conformance host drive: it puts @anywasi/browser,
// the fixture URLs and a few helpers on `window`, then says "ready".
import * as anywasi from "@anywasi/browser";
import type { MemFSTree } from "@anywasi/browser";
import calc from "../../../examples/calc/calc.wasm?url";
import append from "../fixtures/append.wasm?url";
import fsops from "../fixtures/fsops.wasm?url";
import sleep from "../fixtures/sleep.wasm?url";
import spin from "../fixtures/spin.wasm?url";
import stdio from "../fixtures/stdio.wasm?url";
import { runSpec, runSpecOnMainThread } from "./conformance.js";

const decoder = new TextDecoder();

/** Read `stream` until the decoded text so far contains `needle` (or the stream ends). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string, seen = { text: "" }): Promise<string> {
  while (!seen.text.includes(needle)) {
    const { done, value } = await reader.read();
    if (done) break;
    seen.text += decoder.decode(value, { stream: true });
  }
  return seen.text;
}

/** Everything a stream delivers, as one byte array. */
async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** A tree with every file decoded as text (for comparisons in tests). */
function treeText(tree: MemFSTree): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, v instanceof Uint8Array ? decoder.decode(v) : v]));
}

/** Remove an OPFS directory (under the origin's root) if present. */
async function clearOpfs(name: string): Promise<void> {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(name, { recursive: true }).catch(() => {});
}

const harness = { anywasi, wasm: { append, calc, fsops, sleep, spin, stdio }, readUntil, collect, treeText, clearOpfs, runSpec, runSpecOnMainThread };
Object.assign(globalThis, { harness });
export type Harness = typeof harness;
document.getElementById("status")!.textContent = "ready";
