// Messages between the page (client.ts) and the handler worker (worker.ts).

/** A request as the editor holds it. */
export interface HttpRequestData {
  method: string;
  /** Path and query, e.g. "/hook?x=1". */
  path: string;
  headers: [string, string][];
  /** Sent as UTF-8; ignored for GET and HEAD (a Web Request cannot carry a body there). */
  body: string;
}

/** The handler's answer, or the gateway's own (a 5xx when the handler failed). */
export interface HttpResponseData {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  /** Time in the worker from the request to the whole body, in ms (the first one includes loading). */
  ms: number;
  /** The component was fetched, transpiled and compiled for this request. */
  loaded: boolean;
}

export type ToWorker =
  | { type: "request"; id: number; wasm: string; env: Record<string, string>; request: HttpRequestData };

export type FromWorker =
  | { type: "response"; id: number; response: HttpResponseData }
  | { type: "error"; id: number; message: string }
  /** A line of the gateway's log (failures, the handler's stdout and stderr). */
  | { type: "log"; line: string }
  /** What the worker is doing before the first response: "fetching", "transpiling". */
  | { type: "progress"; id: number; stage: string };
