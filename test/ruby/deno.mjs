// ruby.wasm on @anywasi/core under Deno: `deno run -A test/ruby/deno.mjs` (npm run test:ruby-deno;
// test/ruby/deno.test.ts runs it too). Deno resolves @anywasi/core and @ruby/wasm-wasi through the
// repository's node_modules (package.json present). Prints `N passed, N failed`; exits 1 on a failure.
import { MemFS, OutputCollector, WASI } from "@anywasi/core";
import { RubyVM } from "@ruby/wasm-wasi";

const wasmUrl = import.meta.resolve("@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm");
const t0 = performance.now();
const module = await WebAssembly.compile(await Deno.readFile(new URL(wasmUrl)));
const files = MemFS.from({ "hello.txt": "hello from MemFS\n" });
const stdout = new OutputCollector();
const wasi = new WASI({ env: { GREETING: "hi" }, preopens: { "/app": files.root }, stdout });
const { vm } = await RubyVM.instantiateModule({ module, wasip1: wasi });
const booted = performance.now();

let passed = 0;
let failed = 0;
function check(name, got, want) {
  if (got === want) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}
function ev(code) {
  try {
    return vm.eval(code).toString();
  } catch (e) {
    return `error: ${e?.message ?? e}`;
  }
}

check("1 + 2", ev("1 + 2"), "3");
check("string ops", ev(`"anywasi".upcase.reverse`), "ISAWYNA");
check("require json", ev(`require "json"; JSON.generate({ "a" => [1, "x"] })`), `{"a":[1,"x"]}`);
check("ENV", ev(`ENV["GREETING"]`), "hi");
check("File.read from MemFS", ev(`File.read("/app/hello.txt")`), "hello from MemFS\n");
ev(`File.write("/app/out.txt", "from ruby")`);
check("File.write to MemFS", files.readText("out.txt"), "from ruby");
ev(`puts "to stdout"; $stdout.flush`);
check("stdout sink", stdout.text(), "to stdout\n");

console.log(`deno ${Deno.version.deno}: compile+boot ${Math.round(booted - t0)} ms, evals ${Math.round(performance.now() - booted)} ms`);
console.log(`${passed} passed, ${failed} failed`);
if (failed > 0) Deno.exit(1);
