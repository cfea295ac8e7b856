// The CGI test guest (test/gateway/guests/cgi.c), instrumented and memory-capped at build time
// with `anywasi instrument --max-memory-pages 4096`, served with a short time limit; under
// /held the same with `stream: false` (every response waits for its guest to end).
import cgi from "../../gateway/guests/cgi.instrumented.wasm";
import { serve } from "@anywasi/worker";

const streamed = serve(cgi, { timeoutMs: 1000 });
const held = serve(cgi, { timeoutMs: 1000, stream: false, scriptName: "/held" });

export default {
  fetch: (request, env, ctx) => (new URL(request.url).pathname.startsWith("/held/") ? held : streamed).fetch(request, env, ctx),
};
