// `import x from "./x.component.wasm"` (the @anywasi/node/vite plugin): a precompiled component.
declare module "*.component.wasm" {
  const component: import("@anywasi/browser/service-worker").PrecompiledHttpComponent;
  export default component;
}
