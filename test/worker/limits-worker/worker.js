// The CGI test guest (test/gateway/guests/cgi.c), instrumented and memory-capped at build time
// with `anywasi instrument --max-memory-pages 4096`, served with a short time limit.
import cgi from "../../gateway/guests/cgi.instrumented.wasm";
import { serve } from "@anywasi/worker";

export default serve(cgi, { timeoutMs: 1000 });
