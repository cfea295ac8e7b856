// `anywasi transpile`: the files a Worker imports, and the errors for what cannot be precompiled.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { anywasiEsbuild } from "@anywasi/node/esbuild";
import { anywasiVite } from "@anywasi/node/vite";

const cli = join(__dirname, "../../packages/host-node/bin/anywasi.js");
const anywasi = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });

// Each case spawns the CLI, which transpiles (seconds each on a busy machine).
describe("anywasi transpile", { timeout: 60_000 }, () => {
  it("writes both glues, the core modules and an entry module importing them (a command too)", () => {
    const out = mkdtempSync(join(tmpdir(), "anywasi-transpile-"));
    const r = anywasi("transpile", "test/components/hello.component.wasm", "-o", out);
    expect(r.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(["component.core.wasm", "component.core2.wasm", "component.core3.wasm", "component.core4.wasm", "component.js", "component.jspi.js", "index.d.ts", "index.js"]);
    const entry = readFileSync(join(out, "index.js"), "utf8");
    for (const f of files.filter((f) => f.endsWith(".wasm"))) {
      expect(entry).toContain(`from "./${f}";`);
      expect(WebAssembly.validate(readFileSync(join(out, f)))).toBe(true);
    }
    expect(entry).toContain('import { instantiate } from "./component.js";');
    expect(entry).toContain('import { instantiate as instantiateJspi } from "./component.jspi.js";');
    // The glues need no code generation at run time and no Node built-in.
    for (const name of ["component.js", "component.jspi.js"]) {
      expect(readFileSync(join(out, name), "utf8")).not.toMatch(/\bnew Function\b|\beval\(|from ['"]node:/);
    }
  });

  it("--wasm-suffix ?module is appended to the core modules' import specifiers", () => {
    const out = mkdtempSync(join(tmpdir(), "anywasi-transpile-"));
    expect(anywasi("transpile", "--wasm-suffix", "?module", "test/components/hello.component.wasm", "-o", out).status).toBe(0);
    expect(readFileSync(join(out, "index.js"), "utf8")).toContain('from "./component.core.wasm?module";');
  });

  it("refuses a core module and a component importing what anywasi lacks (exit 65, named)", () => {
    const out = mkdtempSync(join(tmpdir(), "anywasi-transpile-"));
    const module = anywasi("transpile", "examples/hello/hello.wasm", "-o", out);
    expect(module.status).toBe(65);
    expect(module.stderr).toContain("not a WebAssembly component");
    const unknown = anywasi("transpile", "test/components/unknown_import.component.wasm", "-o", out);
    expect(unknown.status).toBe(65);
    expect(unknown.stderr).toMatch(/imports "[^"]+", which anywasi does not provide/);
    expect(readdirSync(out)).toEqual([]);
  });

  it("--max-memory-pages N caps every memory a core module defines (a memory starting above N: exit 65)", () => {
    const out = mkdtempSync(join(tmpdir(), "anywasi-transpile-"));
    expect(anywasi("transpile", "--max-memory-pages", "40", "test/components/hello.component.wasm", "-o", out).status).toBe(0);
    const limits = readdirSync(out).filter((f) => f.endsWith(".wasm")).flatMap((f) => memoryLimits(readFileSync(join(out, f))));
    // hello's one defined memory (the adapter's core modules import theirs), capped.
    expect(limits).toEqual([{ initial: 2, max: 40 }]);
    const tight = anywasi("transpile", "--max-memory-pages", "1", "test/components/hello.component.wasm", "-o", mkdtempSync(join(tmpdir(), "anywasi-transpile-")));
    expect(tight.status).toBe(65);
    expect(tight.stderr).toContain("memory limit: component.core.wasm: the module's memory starts at 2 pages, above the limit of 1");
    expect(anywasi("transpile", "--max-memory-pages", "x", "test/components/hello.component.wasm", "-o", out).status).toBe(64);
  });

  it("the esbuild and Vite plugins' maxMemoryPages caps the core modules they write (a separate cache entry)", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "anywasi-plugins-"));
    const component = join(__dirname, "../components/hello.component.wasm");
    const entries: Promise<string>[] = [];
    for (const maxMemoryPages of [undefined, 40]) {
      anywasiEsbuild({ outDir, ...(maxMemoryPages === undefined ? {} : { maxMemoryPages }) }).setup({
        onResolve: (_options, callback) => { entries.push(callback({ path: component, resolveDir: "/" }).then((r) => r!.path)); },
      });
    }
    const [plain, capped] = await Promise.all(entries);
    expect(plain).not.toBe(capped);
    expect(memoryLimits(readFileSync(join(dirname(plain!), "component.core.wasm")))).toEqual([{ initial: 2, max: null }]);
    expect(memoryLimits(readFileSync(join(dirname(capped!), "component.core.wasm")))).toEqual([{ initial: 2, max: 40 }]);
    const vite = await anywasiVite({ outDir, maxMemoryPages: 40 }).resolveId(component, undefined);
    expect(memoryLimits(readFileSync(join(dirname(vite!), "component.core.wasm")))).toEqual([{ initial: 2, max: 40 }]);
  });

  // Both is the default (the first case above), for a command and a wasi:http handler alike.
  it("--glue both|jspi|sync: both glues, the JSPI glue alone (no component.js), the synchronous glue alone", () => {
    const both = mkdtempSync(join(tmpdir(), "anywasi-transpile-"));
    expect(anywasi("transpile", "--glue", "both", "test/components/hello.component.wasm", "-o", both).status).toBe(0);
    expect(readdirSync(both)).toContain("component.jspi.js");
    expect(readdirSync(both)).toContain("component.js");
    const entry = readFileSync(join(both, "index.js"), "utf8");
    expect(entry).toContain('import { instantiate } from "./component.js";');
    expect(entry).toContain('import { instantiate as instantiateJspi } from "./component.jspi.js";');
    expect(readFileSync(join(both, "component.jspi.js"), "utf8")).toContain("WebAssembly.Suspending");
    const jspi = mkdtempSync(join(tmpdir(), "anywasi-transpile-"));
    expect(anywasi("transpile", "--glue", "jspi", "test/components/hello.component.wasm", "-o", jspi).status).toBe(0);
    expect(readdirSync(jspi)).not.toContain("component.js");
    expect(readFileSync(join(jspi, "index.js"), "utf8")).not.toContain("import { instantiate }");
    const sync = mkdtempSync(join(tmpdir(), "anywasi-transpile-"));
    expect(anywasi("transpile", "--glue", "sync", "test/components/hello.component.wasm", "-o", sync).status).toBe(0);
    expect(readdirSync(sync)).not.toContain("component.jspi.js");
    expect(readFileSync(join(sync, "index.js"), "utf8")).not.toContain("instantiateJspi");
    expect(anywasi("transpile", "--glue", "fast", "test/components/hello.component.wasm", "-o", jspi).status).toBe(64);
  });

  it("usage errors exit 64", () => {
    expect(anywasi("transpile", "test/components/hello.component.wasm").status).toBe(64);
    expect(execFileSync(process.execPath, [cli, "transpile", "--help"], { encoding: "utf8" })).toContain("usage: anywasi transpile");
  });
});

/** The limits of the memories a module defines (its memory section), in pages; max null: none. */
function memoryLimits(bytes: Uint8Array): { initial: number; max: number | null }[] {
  let at = 8;
  const u32 = (): number => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++]!;
    const size = u32();
    const end = at + size;
    if (id === 5) {
      const out: { initial: number; max: number | null }[] = [];
      for (let n = u32(); n > 0; n--) {
        const flags = u32();
        const initial = u32();
        out.push({ initial, max: (flags & 1) !== 0 ? u32() : null });
      }
      return out;
    }
    at = end;
  }
  return [];
}
