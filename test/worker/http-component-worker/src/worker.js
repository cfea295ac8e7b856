// The wasi:http scenario handler, transpiled at build time, served by @anywasi/worker with the
// options of the profile named by the PROFILE var (profile "outgoing" may reach the origin in the
// UPSTREAM var, through fetch in this Worker: no client given, the handler suspended under JSPI).
import { serve } from "@anywasi/worker";
import handler from "../build/http-handler/index.js";
import trailers from "../build/http-trailers/index.js";
import { optionsFor } from "../../../gateway/http-component-scenarios.mjs";

let gateway = null;

export default {
  fetch(request, env, ctx) {
    gateway ??= serve(env.PROFILE === "trailers" ? trailers : handler, { ...optionsFor(env.PROFILE, env.UPSTREAM ?? "http://upstream.invalid"), log: () => {} });
    return gateway.fetch(request, env, ctx);
  },
};
