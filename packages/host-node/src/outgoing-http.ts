// Outgoing HTTP for components on Node and Deno. Only types come from the component layer here:
// it (and the fetch thread) is loaded when a guest may send requests, never for a preview1 run.
import type { HttpClient, OutgoingHttpOptions } from "@anywasi/core/component";
import type { ClosableHttpClient } from "./http-client.js";

export type { ClosableHttpClient } from "./http-client.js";

/**
 * The `outgoingHttp` option of `run()` (components only): the origins the guest may reach, and
 * optionally the client (default: `fetch` on a worker thread, made for the run and ended after it).
 * Without it every request of the guest fails with `HTTP-request-denied`. See docs/components.md,
 * "Outgoing HTTP".
 */
export interface NodeOutgoingHttpOptions {
  /**
   * Origins the guest may reach: `"https://api.example.com"` (default port only),
   * `"http://127.0.0.1:8080"`, `"http://localhost:*"` (any port), `"https://*.example.com"` (any
   * subdomain), or `"*"` (anything).
   */
  allow: readonly string[];
  /** How requests are sent. Default: `createHttpClient()`. */
  client?: HttpClient;
  /**
   * The largest request body the guest may send, in bytes (default 64 MiB). A write past it
   * fails, and the request with `HTTP-request-body-size`. Not a whole number, 0 or more: `run()`
   * rejects with a `RangeError` before the guest starts.
   */
  maxRequestBodyBytes?: number;
}

/**
 * The outgoing-HTTP capability of Node and Deno: requests run with `fetch` on a `worker_threads`
 * worker (started at the first request; it never keeps the process alive) while the guest's
 * thread blocks in `Atomics.wait` until a response head or body chunk is there (no polling).
 * Give it as `outgoingHttp.client` to the gateway's `serve()`; `close()` ends the thread.
 */
export async function createHttpClient(): Promise<ClosableHttpClient> {
  return await (await import("./http-client.js")).nodeHttpClient();
}

/**
 * @internal Check outgoing-HTTP options before a guest starts.
 * @throws TypeError naming a malformed allow entry.
 * @throws RangeError when `maxRequestBodyBytes` is not a whole number of bytes, 0 or more.
 */
export async function checkOutgoingHttp(o: { allow: readonly string[]; maxRequestBodyBytes?: number }): Promise<void> {
  (await import("@anywasi/core/component")).checkOutgoingHttpOptions(o);
}

/**
 * @internal The core's `startComponent` options for one run, and what to call after it.
 * @throws TypeError for a malformed allow entry, RangeError for a bad `maxRequestBodyBytes` (before the guest starts).
 */
export async function outgoingForRun(o: NodeOutgoingHttpOptions | undefined): Promise<{ options: { outgoingHttp?: OutgoingHttpOptions }; close(): void }> {
  if (o === undefined) return { options: {}, close: () => {} };
  await checkOutgoingHttp(o);
  const own = o.client === undefined && o.allow.length > 0 ? await createHttpClient() : undefined;
  const client = o.client ?? own;
  return {
    options: {
      outgoingHttp: {
        allow: o.allow,
        ...(client === undefined ? {} : { client }),
        ...(o.maxRequestBodyBytes === undefined ? {} : { maxRequestBodyBytes: o.maxRequestBodyBytes }),
      },
    },
    close: () => own?.close(),
  };
}
