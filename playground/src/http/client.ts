// The page's side of the wasi:http sample: starts the handler worker on the first request (so the
// gateway, the component layer and jco-transpile stay out of the page's first load) and sends it
// requests, one at a time.
import type { FromWorker, HttpRequestData, HttpResponseData, ToWorker } from "./protocol.js";

export class HttpClient {
  private worker: Worker | null = null;
  private next = 0;
  private readonly pending = new Map<number, { resolve(r: HttpResponseData): void; reject(e: Error): void }>();

  /**
   * @param log a line of the gateway's log (failures, the handler's output)
   * @param progress what the worker does before the first response ("fetching", "transpiling")
   */
  constructor(private readonly log: (line: string) => void, private readonly progress: (stage: string) => void) {}

  /**
   * Send `request` to the handler component at URL `wasm`, with environment `env`.
   * @throws Error when the request cannot be built (a bad method or header) or the component
   * cannot be fetched or transpiled; a failing handler is a 5xx response, not an error.
   */
  send(wasm: string, env: Record<string, string>, request: HttpRequestData): Promise<HttpResponseData> {
    const id = ++this.next;
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: ToWorker = { type: "request", id, wasm, env, request };
      worker.postMessage(message);
    });
  }

  private start(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "wasi-http" });
    worker.addEventListener("message", (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === "log") { this.log(m.line); return; }
      if (m.type === "progress") { this.progress(m.stage); return; }
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      this.pending.delete(m.id);
      if (m.type === "response") p.resolve(m.response);
      else p.reject(new Error(m.message));
    });
    worker.addEventListener("error", (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || "the handler worker failed to start"));
      this.pending.clear();
      this.worker = null;
    });
    this.worker = worker;
    return worker;
  }
}
