// The wasi:http sample's server: a module worker that serves the handler component with the
// gateway's serve() (the in-thread component runner: every request instantiates the component
// afresh, synchronously, which is why it runs here and not on the page). Everything it imports —
// the gateway, the component layer, jco-transpile's generator — is loaded only when this worker
// starts, i.e. at the first Send.
import { serve, type Gateway } from "@anywasi/gateway";
import { transpile } from "@anywasi/core/component";
import type { FromWorker, HttpRequestData, ToWorker } from "./protocol.js";

type Env = Record<string, string>;

const post = (m: FromWorker): void => postMessage(m);
/** One gateway per component URL; the environment comes with each request (the "bindings"). */
const gateways = new Map<string, Promise<Gateway<Env>>>();

async function gatewayFor(wasm: string, id: number): Promise<Gateway<Env>> {
  post({ type: "progress", id, stage: "fetching" });
  const response = await fetch(wasm);
  if (!response.ok) throw new Error(`cannot fetch the handler: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  post({ type: "progress", id, stage: "transpiling" });
  // serve() transpiles with a bare import of jco-transpile, which a browser cannot resolve; the
  // component layer keeps transpile results in memory by content hash, so transpiling here first,
  // with an import Vite bundles (as @anywasi/browser's guest worker does), is what serve() finds.
  await transpile(bytes, undefined, () => import("@bytecodealliance/jco-transpile/component"));
  return serve<Env>(bytes, {
    env: (bindings) => bindings ?? {},
    log: (line) => post({ type: "log", line }),
    maxBodyBytes: 1024 * 1024,
    timeoutMs: 10_000,
  });
}

function toRequest(r: HttpRequestData): Request {
  const headers = new Headers();
  for (const [k, v] of r.headers) headers.append(k, v);
  const bodyless = r.method === "GET" || r.method === "HEAD";
  return new Request(new URL(r.path, "http://playground.localhost/"), {
    method: r.method, headers, ...(bodyless ? {} : { body: r.body }),
  });
}

addEventListener("message", (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  void (async () => {
    const t0 = performance.now();
    const loaded = !gateways.has(m.wasm);
    try {
      // Built first, so that a bad method or header is reported before anything loads.
      const request = toRequest(m.request);
      let gateway = gateways.get(m.wasm);
      if (gateway === undefined) {
        gateway = gatewayFor(m.wasm, m.id);
        gateways.set(m.wasm, gateway);
        gateway.catch(() => gateways.delete(m.wasm));
      }
      const response = await (await gateway).fetch(request, m.env);
      const body = await response.text();
      post({
        type: "response", id: m.id,
        response: { status: response.status, statusText: response.statusText, headers: [...response.headers], body, ms: performance.now() - t0, loaded },
      });
    } catch (err) {
      post({ type: "error", id: m.id, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  })();
});
