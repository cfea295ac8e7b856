// `anywasi instrument`: add interruption checks (and optionally a memory cap) to a module at
// build time, for platforms that cannot compile at run time (Workers) but run guests on a thread
// nobody can kill. The in-thread runners find the checks and give them the time limit.
import { ModuleError } from "@anywasi/core";
import { instrument } from "@anywasi/core/interrupt";
import { readFileSync, writeFileSync } from "node:fs";

export const INSTRUMENT_HELP = `usage: anywasi instrument [--max-memory-pages N] IN.wasm OUT.wasm

Write OUT.wasm: IN.wasm with an interruption check at every function entry and loop header
(an import "anywasi:interrupt" "check" that anywasi's in-thread runners provide), so that a
time limit stops even a guest that loops without syscalls where no thread can be killed
(Cloudflare Workers, a page's main thread). The name section is dropped.

options:
  --max-memory-pages N  also cap the module's memory at N pages of 64 KiB (memory.grow fails past it).
  -h, --help            show this help.
`;

/** Run `anywasi instrument` with `argv` (after the subcommand); resolves to the exit code. */
export async function instrumentMain(argv: string[]): Promise<number> {
  const files: string[] = [];
  let maxMemoryPages: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-h" || a === "--help") {
      process.stdout.write(INSTRUMENT_HELP);
      return 0;
    }
    if (a === "--max-memory-pages") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0 || n > 65536) return usage(`--max-memory-pages wants a whole number of pages up to 65536, got ${JSON.stringify(argv[i])}`);
      maxMemoryPages = n;
    } else if (a.startsWith("-") && a !== "-") return usage(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 2) return usage("instrument wants IN.wasm and OUT.wasm");
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(files[0]!);
  } catch (e) {
    process.stderr.write(`anywasi: cannot read ${files[0]}: ${(e as { code?: string }).code ?? String(e)}\n`);
    return 66;
  }
  try {
    const out = instrument(bytes, maxMemoryPages === undefined ? {} : { maxMemoryPages });
    if (!WebAssembly.validate(out as Uint8Array<ArrayBuffer>)) throw new ModuleError("the instrumented module does not validate");
    writeFileSync(files[1]!, out);
  } catch (e) {
    if (e instanceof ModuleError) {
      process.stderr.write(`anywasi: ${files[0]}: ${e.message}\n`);
      return 65;
    }
    throw e;
  }
  return 0;
}

function usage(message: string): number {
  process.stderr.write(`anywasi: ${message}\n${INSTRUMENT_HELP}`);
  return 64;
}
