declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
declare module "cloudflare:workers" {
  export const exports: { default: { fetch(request: Request): Promise<Response> } };
}
