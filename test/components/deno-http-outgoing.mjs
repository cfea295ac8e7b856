// Run under Deno by test/unit/component-http-outgoing.test.ts: the outgoing-HTTP fixture through
// @anywasi/node's run() (its fetch thread is a node:worker_threads worker under Deno). Argument:
// the upstream's port. Prints one JSON line per run: { args, exitCode, stdout }.
import { readFileSync } from "node:fs";
import { run } from "@anywasi/node";

const port = Deno.args[0];
const wasm = readFileSync("test/components/http_outgoing.component.wasm");
for (const [args, allow] of [
  [["GET", "http", `127.0.0.1:${port}`, "/hello"], ["http://127.0.0.1:*"]],
  [["POST", "http", `127.0.0.1:${port}`, "/echo", "70000"], ["http://127.0.0.1:*"]],
  [["GET", "http", `127.0.0.1:${port}`, "/hello"], []],
]) {
  let stdout = "";
  const r = await run(wasm, {
    args: ["http_outgoing", ...args], stdout: (c) => { stdout += new TextDecoder().decode(c); }, stderr: () => {},
    stdin: new Uint8Array(0), outgoingHttp: { allow },
  });
  console.log(JSON.stringify({ args, exitCode: r.exitCode, stdout }));
}
