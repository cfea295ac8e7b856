// The local server the "outgoing" wasi:http scenarios reach (http-component-scenarios.mjs):
// GET UPSTREAM_PATH answers UPSTREAM_TEXT, anything else 404. It runs on a worker thread
// (node:worker_threads, which Deno has too): an in-thread gateway blocks its thread while the
// handler waits for the response, so a server on that thread could never answer.
import { Worker, isMainThread, parentPort } from "node:worker_threads";
import { createServer } from "node:http";
import { UPSTREAM_PATH, UPSTREAM_TEXT } from "./http-component-scenarios.mjs";

/** Start it on 127.0.0.1 (a free port); resolves with its origin and `stop()`. */
export function startUpstream() {
  const worker = new Worker(new URL(import.meta.url));
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (port) => resolve({
      origin: `http://127.0.0.1:${port}`,
      stop: () => worker.terminate().then(() => {}),
    }));
  });
}

if (!isMainThread && parentPort !== null) {
  const server = createServer((req, res) => {
    const ok = req.method === "GET" && req.url === UPSTREAM_PATH;
    res.writeHead(ok ? 200 : 404, { "content-type": "text/plain" });
    res.end(ok ? UPSTREAM_TEXT : "not here\n");
  });
  server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
}
