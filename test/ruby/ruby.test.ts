/**
 * ruby.wasm (`@ruby/wasm-wasi` with the `@ruby/3.4-wasm-wasi` binary) on anywasi under Node: the
 * embedder code is ruby.wasm's own Node entry (`DefaultRubyVM` in dist/esm/node.js) with
 * `import { WASI } from "node:wasi"` replaced by `import { WASI } from "@anywasi/core"`, plus the
 * options node:wasi does not have (stdout/stderr sinks, a MemFS preopen).
 *
 * Imports the built package (`@anywasi/core` → packages/core/dist), as a user would: `npm test`
 * builds first. The 30 MB module is compiled once for the file; each VM takes ~0.6-2.5 s to boot.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { MemFS, OutputCollector, WASI } from "@anywasi/core";
import { RbError, RubyVM } from "@ruby/wasm-wasi";

const require = createRequire(import.meta.url);
const RUBY_WASM = require.resolve("@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm");

let module: WebAssembly.Module;
beforeAll(async () => {
  module = await WebAssembly.compile(await readFile(RUBY_WASM));
}, 60_000);

describe("ruby.wasm on @anywasi/core", () => {
  // One VM for the expression tests: RubyVM.instantiateModule({ module, wasip1 }) is how
  // ruby.wasm's DefaultRubyVM uses node:wasi (wasiImport, then initialize(instance)).
  const stdout = new OutputCollector();
  const files = MemFS.from({
    "hello.txt": "hello from MemFS\n",
    "lib/greet.rb": "def greet(name) = \"hello, #{name}\"\n",
  });
  let vm: RubyVM;
  beforeAll(async () => {
    const wasi = new WASI({
      env: { GREETING: "hi" }, version: "preview1", returnOnExit: true,
      preopens: { "/app": files.root }, stdout,
    });
    ({ vm } = await RubyVM.instantiateModule({ module, wasip1: wasi }));
  }, 60_000);

  it("evaluates expressions", () => {
    expect(vm.eval("1 + 2").toString()).toBe("3");
    expect(vm.eval("2 ** 100").toString()).toBe("1267650600228229401496703205376");
    expect(vm.eval("RUBY_VERSION").toString()).toMatch(/^3\.4\./);
  });

  it("does string operations", () => {
    expect(vm.eval(`"anywasi".upcase.reverse`).toString()).toBe("ISAWYNA");
    expect(vm.eval(`%w[b c a].sort.join("-") * 2`).toString()).toBe("a-b-ca-b-c");
    expect(vm.eval(`"héllo wörld".split.map(&:capitalize).join(" ")`).toString()).toBe("Héllo Wörld");
  });

  it("requires the standard library (json) from the module's embedded filesystem", () => {
    expect(vm.eval(`require "json"; JSON.generate({ "a" => [1, "x", nil] })`).toString()).toBe(`{"a":[1,"x",null]}`);
    expect(vm.eval(`JSON.parse('{"n": 41}')["n"] + 1`).toString()).toBe("42");
  });

  it("sees the environment", () => {
    expect(vm.eval(`ENV["GREETING"]`).toString()).toBe("hi");
  });

  it("reads, requires and writes files of a MemFS preopen", () => {
    expect(vm.eval(`File.read("/app/hello.txt")`).toString()).toBe("hello from MemFS\n");
    expect(vm.eval(`require "/app/lib/greet"; greet("ruby")`).toString()).toBe("hello, ruby");
    vm.eval(`File.write("/app/out.txt", [1, 2, 3].sum.to_s)`);
    expect(files.readText("out.txt")).toBe("6");
    expect(vm.eval(`Dir.children("/app").sort.join(",")`).toString()).toBe("hello.txt,lib,out.txt");
  });

  it("writes stdout through the WASI stdout sink", () => {
    vm.eval(`puts "to stdout"; $stdout.flush`);
    expect(stdout.text()).toContain("to stdout\n");
  });

  it("reports Ruby exceptions as RbError", () => {
    expect(() => vm.eval(`raise ArgumentError, "boom"`)).toThrow(RbError);
    expect(() => vm.eval(`File.read("/app/missing.txt")`)).toThrow(/No such file or directory/);
  });

  it("works with the low-level flow: getImportObject(), addToImports, setInstance, initialize", async () => {
    const wasi = new WASI({ args: ["ruby.wasm"] });
    const ruby = new RubyVM();
    const imports: WebAssembly.Imports = wasi.getImportObject();
    ruby.addToImports(imports);
    const instance = await WebAssembly.instantiate(module, imports);
    await ruby.setInstance(instance);
    wasi.initialize(instance);
    ruby.initialize(["ruby.wasm", "-EUTF-8", "-e_=0"]);
    expect(ruby.eval(`[1, 2, 3].map { _1 * 2 }.sum`).toString()).toBe("12");
  }, 60_000);
});
