// `anywasi transpile`: the files a Worker imports, and the errors for what cannot be precompiled.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const cli = join(__dirname, "../../packages/host-node/bin/anywasi.js");
const anywasi = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });

// Each case spawns the CLI, which transpiles (seconds each on a busy machine).
describe("anywasi transpile", { timeout: 60_000 }, () => {
  it("writes the glue, the core modules and an entry module importing them", () => {
    const out = mkdtempSync(join(tmpdir(), "anywasi-transpile-"));
    const r = anywasi("transpile", "test/components/hello.component.wasm", "-o", out);
    expect(r.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(["component.core.wasm", "component.core2.wasm", "component.core3.wasm", "component.core4.wasm", "component.js", "index.d.ts", "index.js"]);
    const entry = readFileSync(join(out, "index.js"), "utf8");
    for (const f of files.filter((f) => f.endsWith(".wasm"))) {
      expect(entry).toContain(`from "./${f}";`);
      expect(WebAssembly.validate(readFileSync(join(out, f)))).toBe(true);
    }
    expect(entry).toContain('import { instantiate } from "./component.js";');
    // The glue needs no code generation at run time and no Node built-in.
    const glue = readFileSync(join(out, "component.js"), "utf8");
    expect(glue).not.toMatch(/\bnew Function\b|\beval\(|from ['"]node:/);
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

  it("usage errors exit 64", () => {
    expect(anywasi("transpile", "test/components/hello.component.wasm").status).toBe(64);
    expect(execFileSync(process.execPath, [cli, "transpile", "--help"], { encoding: "utf8" })).toContain("usage: anywasi transpile");
  });
});
