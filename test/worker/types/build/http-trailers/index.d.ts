// Type of the entry module `anywasi transpile` writes into test/worker/build/ (git-ignored, made by
// http-components.setup.mjs before the tests run). tsconfig's rootDirs makes a fresh clone, where
// build/ does not exist yet, typecheck against this declaration; it matches the generated one (a wasi:http
// handler gets both glues by default, hence instantiateJspi).
declare const component: {
  readonly kind: "anywasi-precompiled-component";
  readonly imports: readonly string[];
  readonly exports: readonly string[];
  readonly instantiate: (getCoreModule: (name: string) => WebAssembly.Module, imports: Record<string, Record<string, unknown>>) => Promise<Record<string, unknown>>;
  readonly instantiateJspi: (getCoreModule: (name: string) => WebAssembly.Module, imports: Record<string, Record<string, unknown>>) => Promise<Record<string, unknown>>;
  readonly coreModules: Readonly<Record<string, WebAssembly.Module>>;
};
export default component;
