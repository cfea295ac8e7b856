// anywasi-component without the transpile cache: every run transpiles the component again (the
// cold start of a component never run before on this machine).
process.env.ANYWASI_BENCH_NO_TRANSPILE_CACHE = "1";
await import("./anywasi-component.mjs");
