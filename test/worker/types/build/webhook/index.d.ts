// Type of the entry module `anywasi transpile` writes into test/worker/build/webhook/: the same
// generated declaration as the scenario handler's (see ../http-handler/index.d.ts).
export { default } from "../http-handler/index.js";
