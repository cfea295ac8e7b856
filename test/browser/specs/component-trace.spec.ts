// spawn({ trace: true }) of a WASI 0.2 component in Chromium traces what docs/components.md says
// a component's trace is everywhere: each interface call as the preview1 calls it makes
// (`path_open`, `fd_write`, ...), one strace-like line each. The oracle is the same component run
// on Node through @anywasi/core's `startComponent` with a `trace` hook over MemFS: the browser's
// lines must be the same, line for line — on a live OPFS preopen, where a call that waited on
// OPFS is replayed and must be traced once, when it returns: under JSPI, and under SAB (JSPI glue
// whose directory operations alone suspend, stdin blocking in Atomics.wait). Guest:
// test/browser/fixtures/opfs_hold.component.wasm (mkdir, open, write, readdir, stat, a stdin
// read, append, rename), stdin given up front.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { MemFS, WASI, toInputStream, type TraceEvent } from "@anywasi/core";
import { loadComponent, startComponent } from "@anywasi/core/component";
import { ISOLATED, PLAIN, open } from "./helpers.js";

const HOLD = readFileSync(new URL("../../../test/browser/fixtures/opfs_hold.component.wasm", import.meta.url));
const ARGS = ["opfs_hold", "/data"];
const STDIN = "second\n";

/** The trace lines of the component on Node (synchronous glue, an empty MemFS preopen at /data). */
async function nodeLines(): Promise<{ lines: string[]; code: number; out: string }> {
  const lines: string[] = [];
  let out = "";
  const wasi = new WASI({
    args: ARGS, preopens: { "/data": new MemFS().root }, stdin: toInputStream(new TextEncoder().encode(STDIN)),
    stdout: { write: (b: Uint8Array) => { out += new TextDecoder().decode(b); } },
    trace: (e: TraceEvent) => lines.push(e.text()),
  });
  const code = await startComponent(await loadComponent(HOLD), wasi);
  return { lines, code, out };
}

for (const [mode, url] of [["jspi", PLAIN], ["sab", ISOLATED]] as const) {
  test(`spawn({ trace: true }) of a component gives the lines it gives on Node (${mode}, OPFS preopen)`, async ({ page }) => {
    const expected = await nodeLines();
    expect(expected).toMatchObject({ code: 0, out: "written\ndone\n" });
    await open(page, url);
    const dir = `c-trace-${mode}`;
    const r = await page.evaluate(async ({ hold, args, stdin, stdinMode, dir }) => {
      const { anywasi, collect, clearOpfs } = harness;
      await clearOpfs(dir);
      const p = anywasi.spawn(new Uint8Array(hold), { args, stdin, stdinMode, opfs: { "/data": dir }, trace: true });
      const lines: string[] = [];
      const reading = (async () => { for await (const l of p.trace as unknown as AsyncIterable<string>) lines.push(l); })();
      const [out, code] = await Promise.all([collect(p.stdout), p.exit, reading]);
      return { lines, code, out: new TextDecoder().decode(out), mode: await p.mode };
    }, { hold: [...HOLD], args: ARGS, stdin: STDIN, stdinMode: mode, dir });
    expect(r.mode).toBe(mode);
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: "written\ndone\n" });
    // Directory operations are among them (on live OPFS, the calls that suspended and were replayed).
    for (const call of ["path_create_directory(", "path_open(", "fd_readdir(", "path_filestat_get(", "path_rename(", "fd_read(0, "]) {
      expect(r.lines.some((l) => l.startsWith(call)), call).toBe(true);
    }
    expect(r.lines).toEqual(expected.lines);
  });
}
