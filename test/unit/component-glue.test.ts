/**
 * The glue patch that skips jco 0.15's WASI 0.3 task machinery for synchronous WASI 0.2 imports
 * (component/glue-patch.ts). Behaviour with the patched glue is covered by the twin, CLI and
 * interface tests; this checks that the rewrite really applies to the glue jco generates for a
 * `jco new` component (so a jco upgrade that changes its text cannot silently undo the speed-up)
 * and that it runs the same program to the same output.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OutputCollector, WASI, MemFS } from "../../packages/core/src/index.js";
import { patchGlue } from "../../packages/core/src/component/glue-patch.js";
import { loadComponent, startComponent } from "../../packages/core/src/component/index.js";

interface Generator {
  $init: Promise<void>;
  generate(c: Uint8Array, o: Record<string, unknown>): { files: [string, Uint8Array][] };
}

async function glueOf(path: string): Promise<string> {
  const specifier = "@bytecodealliance/jco-transpile/component";
  const jco = (await import(specifier)) as Generator;
  await jco.$init;
  const out = jco.generate(readFileSync(path), {
    name: "component", instantiation: { tag: "async" }, noTypescript: true, noNodejsCompat: true, base64Cutoff: 0, tlaCompat: false,
  });
  return new TextDecoder().decode(out.files.find(([n]) => n.endsWith(".js"))![1]);
}

describe("glue patch: direct calls for sync WASI 0.2 imports", () => {
  it("every lowered import of a jco new component becomes its trampoline, with no task set-up", async () => {
    const raw = await glueOf("test/components/hello.component.wasm");
    const lowered = raw.match(/_lowerImportBackwardsCompat\.bind\(/g)?.length ?? 0;
    expect(lowered).toBeGreaterThan(5);
    const patched = new TextDecoder().decode(patchGlue(new TextEncoder().encode(raw)));
    expect(patched.match(/_lowerImportBackwardsCompat\.bind\(/g)).toBeNull();
    expect(patched.match(/let trampoline(\d+) = _trampoline\1;/g)?.length).toBe(lowered / 2);
    expect(patched.match(/const task = _anywasiNoTask;/g)?.length).toBe(lowered / 2);
    expect(patched).not.toContain("_trackHostOperation(() =>");
  }, 60_000);

  it("text jco did not generate that way is left alone", () => {
    const text = "let trampoline1 = _trampoline1.manuallyAsync ? x : y;\n";
    expect(new TextDecoder().decode(patchGlue(new TextEncoder().encode(text)))).toBe(text);
  });

  it("the patched glue runs the component to the same output", async () => {
    const component = await loadComponent(readFileSync("test/components/hello.component.wasm"));
    const out = new OutputCollector();
    const fs = MemFS.from({ "note.txt": "patched" });
    const code = await startComponent(component, new WASI({ args: ["hello", "glue"], stdout: out, preopens: { "/": fs.root } }));
    expect(code).toBe(0);
    expect(new TextDecoder().decode(out.bytes())).toContain("glue");
  }, 60_000);
});
