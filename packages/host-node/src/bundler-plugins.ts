// esbuild and Vite plugins: `import component from "./x.component.wasm"` becomes a component
// precompiled at build time (see precompile.ts). The transpiled files are written to a cache
// directory keyed by content, and the import resolves to their entry module; the bundler then
// handles the `.wasm` imports of that module as it handles any other (wrangler and
// @cloudflare/vite-plugin turn them into precompiled `WebAssembly.Module`s).
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { diskTranspileCache } from "./component.js";
import { ENTRY, precompileComponent, type GlueKind } from "./precompile.js";

/** Part of the output directory's key: output made before the JSPI glue existed, or before a command got both glues by default, is not reused. */
const PRECOMPILE_VERSION = "glue-3";

/** Options of the bundler plugins. */
export interface ComponentPluginOptions {
  /** Which imports are components. Default: paths ending in `.component.wasm`. */
  filter?: RegExp;
  /**
   * Directory for the transpiled files (one subdirectory per component content hash). Default
   * `node_modules/.cache/anywasi-components` under the current directory.
   */
  outDir?: string;
  /**
   * Cap every core module's memory at this many 64 KiB pages (`anywasi transpile
   * --max-memory-pages`): `memory.grow` then fails inside the guest past it. Default: not capped.
   */
  maxMemoryPages?: number;
  /** Which glue to write (`anywasi transpile --glue`): default both. */
  glue?: GlueKind;
}

const DEFAULT_FILTER = /\.component\.wasm$/;

/** Transpile the component at `path` into `outDir/<hash>/`; returns the entry module's path. */
async function precompileTo(path: string, outDir: string, suffix: string, options: ComponentPluginOptions): Promise<string> {
  const { maxMemoryPages, glue } = options;
  const bytes = new Uint8Array(await readFile(path));
  const hash = createHash("sha256").update(bytes).update(suffix).update(`pages:${maxMemoryPages ?? ""}`).update(`glue:${glue ?? ""}`)
    .update(PRECOMPILE_VERSION).digest("hex").slice(0, 16);
  const dir = join(outDir, hash);
  const entry = join(dir, ENTRY);
  const files = await precompileComponent(bytes, {
    wasmImportSuffix: suffix, transpileCache: diskTranspileCache(), ...(maxMemoryPages === undefined ? {} : { maxMemoryPages }),
    ...(glue === undefined ? {} : { glue }),
  });
  await mkdir(dir, { recursive: true });
  // The entry is written last: its presence means the directory is complete.
  for (const [name, data] of files) if (name !== ENTRY) await writeFile(join(dir, name), data);
  await writeFile(entry, files.get(ENTRY)!);
  return entry;
}

/** The part of esbuild's plugin API the plugin uses (so that @anywasi/node needs no esbuild types). */
export interface EsbuildPluginLike {
  name: string;
  setup(build: {
    onResolve(options: { filter: RegExp }, callback: (args: { path: string; resolveDir: string }) => Promise<{ path: string } | undefined>): void;
  }): void;
}

/**
 * An esbuild plugin: each import matching `filter` (default `*.component.wasm`) is transpiled at
 * build time and resolves to its entry module, whose default export `run()` of `@anywasi/worker`
 * accepts. Its core modules are imported as `.wasm` files: with wrangler they become
 * `WebAssembly.Module`s; with esbuild alone, give `.wasm` a loader that does the same for your
 * platform (or mark `*.wasm` external and let the platform load them).
 * @throws (through esbuild, as a build error) ModuleError when a component cannot be precompiled.
 */
export function anywasiEsbuild(options: ComponentPluginOptions = {}): EsbuildPluginLike {
  const filter = options.filter ?? DEFAULT_FILTER;
  const outDir = resolve(options.outDir ?? "node_modules/.cache/anywasi-components");
  return {
    name: "anywasi-component",
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        const path = isAbsolute(args.path) ? args.path : resolve(args.resolveDir, args.path);
        return { path: await precompileTo(path, outDir, "", options) };
      });
    },
  };
}

/** The part of Vite's (Rollup's) plugin API the plugin uses. */
export interface VitePluginLike {
  name: string;
  enforce: "pre";
  resolveId(source: string, importer: string | undefined): Promise<string | null>;
}

/**
 * A Vite plugin, for Workers built with `@cloudflare/vite-plugin`: like `anywasiEsbuild()`, with
 * the core modules imported as `./component.core.wasm?module` (a `WebAssembly.Module` there).
 * Options: as `anywasiEsbuild()`, plus `wasmImportSuffix` (default `"?module"`).
 */
export function anywasiVite(options: ComponentPluginOptions & { wasmImportSuffix?: string } = {}): VitePluginLike {
  const filter = options.filter ?? DEFAULT_FILTER;
  const outDir = resolve(options.outDir ?? "node_modules/.cache/anywasi-components");
  const suffix = options.wasmImportSuffix ?? "?module";
  return {
    name: "anywasi-component",
    enforce: "pre",
    async resolveId(source, importer) {
      if (!filter.test(source)) return null;
      const path = isAbsolute(source) || importer === undefined ? resolve(source) : resolve(dirname(importer), source);
      return precompileTo(path, outDir, suffix, options);
    },
  };
}
