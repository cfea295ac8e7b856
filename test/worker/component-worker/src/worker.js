// POST a body: the echo component (transpiled at build time) gets it as stdin and the request
// path's segments as arguments; its stdout is the response. /p1/... runs its preview1 twin.
import { run } from "@anywasi/worker";
import component from "../build/echo/index.js";
import module from "../../components/echo.wasm";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const p1 = url.pathname.startsWith("/p1/");
    const args = ["echo", ...url.pathname.slice(p1 ? 4 : 1).split("/").filter(Boolean).map(decodeURIComponent)];
    const { exitCode, stdout, stderr } = await run(p1 ? module : component, { args, stdin: request.body ?? "" });
    return new Response(stdout, { headers: { "x-exit-code": String(exitCode), "x-stderr": new TextDecoder().decode(stderr).trim() } });
  },
};
