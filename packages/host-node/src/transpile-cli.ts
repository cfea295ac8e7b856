// `anywasi transpile`: build-time transpile of a component for Workers (see precompile.ts).
import { ModuleError } from "@anywasi/core";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diskTranspileCache } from "./component.js";
import { ENTRY, precompileComponent, type GlueKind } from "./precompile.js";

export const TRANSPILE_HELP = `usage: anywasi transpile [--wasm-suffix S] [--max-memory-pages N] [--glue sync|jspi|both] COMPONENT.wasm -o OUTDIR

Transpile a WASI 0.2 component at build time, for platforms that cannot compile wasm or
evaluate generated code at run time (Cloudflare Workers). OUTDIR receives jco's glue
(component.js), the core modules (component.core*.wasm) and an entry module (index.js, with
index.d.ts) whose default export run() of @anywasi/worker accepts (a command component):

  import component from "./OUTDIR/index.js";
  const { exitCode, stdout } = await run(component, { args: ["prog"] });

and serve() of @anywasi/worker (a component exporting wasi:http/incoming-handler):

  export default serve(component, { timeoutMs: 10000 });

jco's output is cached by the component's SHA-256 in $XDG_CACHE_HOME/anywasi or
~/.cache/anywasi (as for anywasi run): building the same component again skips jco.

options:
  -o, --out OUTDIR   the output directory (created if missing; files of the same names are replaced).
  --wasm-suffix S    append S to the entry's .wasm import specifiers (e.g. "?module" for Vite).
  --max-memory-pages N
                     cap every core module's memory at N pages of 64 KiB: memory.grow then fails
                     inside the guest past N, as with maxMemoryPages on Node (a memory starting
                     above N is refused, exit 65).
  --glue sync|jspi|both
                     which of jco's glues to write: the synchronous one (component.js), the JSPI
                     one (component.jspi.js: the guest is suspended while it waits, so a
                     handler's request and response bodies and a command's stdin stream, and
                     sleeps wait for real time), or both (the host uses JSPI where
                     WebAssembly.Suspending exists, else the synchronous glue). Default: both.
  -h, --help         show this help.
`;

/** Run `anywasi transpile` with `argv` (after the subcommand); resolves to the exit code. */
export async function transpileMain(argv: string[]): Promise<number> {
  let out: string | undefined;
  let suffix = "";
  let maxMemoryPages: number | undefined;
  let glue: GlueKind | undefined;
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-h" || a === "--help") {
      process.stdout.write(TRANSPILE_HELP);
      return 0;
    }
    if (a === "-o" || a === "--out") out = argv[++i];
    else if (a === "--wasm-suffix") suffix = argv[++i] ?? "";
    else if (a === "--max-memory-pages") {
      const v = argv[++i] ?? "";
      maxMemoryPages = Number(v);
      if (!/^\d+$/.test(v) || maxMemoryPages > 65536) return usage(`--max-memory-pages wants a number of pages from 0 to 65536, got ${JSON.stringify(v)}`);
    }
    else if (a === "--glue") {
      const v = argv[++i] ?? "";
      if (v !== "sync" && v !== "jspi" && v !== "both") return usage(`--glue wants sync, jspi or both, got ${JSON.stringify(v)}`);
      glue = v;
    }
    else if (a.startsWith("-")) return usage(`unknown option ${a}`);
    else inputs.push(a);
  }
  if (inputs.length !== 1 || out === undefined) return usage("transpile wants one COMPONENT.wasm and -o OUTDIR");
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(inputs[0]!);
  } catch (e) {
    process.stderr.write(`anywasi: cannot read ${inputs[0]}: ${(e as { code?: string }).code ?? String(e)}\n`);
    return 66;
  }
  try {
    // The disk cache `anywasi run` and the bundler plugins use: a rebuild of the same component
    // (wrangler dev runs its build step at every start) skips jco's seconds of work.
    const files = await precompileComponent(bytes, {
      transpileCache: diskTranspileCache(), wasmImportSuffix: suffix, ...(maxMemoryPages === undefined ? {} : { maxMemoryPages }), ...(glue === undefined ? {} : { glue }),
    });
    mkdirSync(out, { recursive: true });
    for (const [name, data] of files) writeFileSync(join(out, name), data);
    process.stderr.write(`anywasi: wrote ${[...files.keys()].join(", ")} to ${out}; import ${join(out, ENTRY)}\n`);
  } catch (e) {
    if (e instanceof ModuleError) {
      process.stderr.write(`anywasi: ${inputs[0]}: ${e.message}\n`);
      return 65;
    }
    throw e;
  }
  return 0;
}

function usage(message: string): number {
  process.stderr.write(`anywasi: ${message}\n${TRANSPILE_HELP}`);
  return 64;
}
