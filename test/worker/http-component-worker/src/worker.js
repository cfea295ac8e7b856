// The wasi:http scenario handler, transpiled at build time, served by @anywasi/worker with the
// options of the profile named by the PROFILE var.
import { serve } from "@anywasi/worker";
import handler from "../build/http-handler/index.js";
import { PROFILES } from "../../../gateway/http-component-scenarios.mjs";

let gateway = null;

export default {
  fetch(request, env, ctx) {
    gateway ??= serve(handler, { ...PROFILES[env.PROFILE].options, log: () => {} });
    return gateway.fetch(request, env, ctx);
  },
};
