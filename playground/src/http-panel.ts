// The wasi:http sample's request editor and response view: method, path, headers and body go to
// the handler component (served in a worker, http/), the status, headers and body that come back
// are shown here; the gateway's log and one line per request go to the terminal.
import { parseEnv } from "./args.js";
import { ui } from "./dom.js";
import type { HttpRequestData, HttpResponseData } from "./http/protocol.js";
// Static: the client is a few hundred bytes; the worker it starts holds everything heavy.
import { HttpClient } from "./http/client.js";
import { formatMs, type RunControls } from "./run-control.js";
import type { Sample } from "./samples.js";
import type { PlaygroundTerminal } from "./terminal.js";
import { signature } from "./webhook.js";

/** The editor's first body: a valid event for examples/webhook-component. */
export const DEFAULT_HTTP_BODY = '{"event":"push","id":42}';

const REASONS: Record<number, string> = {
  200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
  404: "Not Found", 405: "Method Not Allowed", 413: "Content Too Large", 500: "Internal Server Error",
  502: "Bad Gateway", 504: "Gateway Timeout",
};
const encoder = new TextEncoder();

/** "200 OK" (a Web Response made by the gateway has no status text of its own). */
export function statusLine(status: number, text = ""): string {
  return `${status} ${text || REASONS[status] || ""}`.trim();
}

/**
 * The editor's headers, one `Name: value` per line (blank lines skipped).
 * @throws Error naming the first line without a colon
 */
export function parseHeaders(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error(`header line ${i + 1} is not "Name: value": ${line}`);
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out;
}

export class HttpPanel {
  /** From Send until the response is shown. */
  busy = false;
  /** The last response (window.__playground.http()). */
  last: HttpResponseData | null = null;
  private client: HttpClient | null = null;
  /** The pre-filled request is signed asynchronously (WebCrypto); Send waits for it. */
  private filled: Promise<void> = Promise.resolve();

  constructor(private readonly terminal: PlaygroundTerminal, private readonly controls: RunControls) {
    ui.httpSign.addEventListener("click", () => void this.sign());
  }

  /** Fill the editor with a request the sample accepts: a POST signed under the env's WEBHOOK_SECRET. */
  fill(): void {
    ui.httpMethod.value = "POST";
    ui.httpPath.value = "/";
    ui.httpBody.value = DEFAULT_HTTP_BODY;
    ui.httpHeaders.value = "content-type: application/json";
    ui.httpResponse.hidden = true;
    this.last = null;
    this.filled = this.sign();
  }

  /** Set (or add) X-Signature to the HMAC-SHA256 of the body under WEBHOOK_SECRET, as a sender would. */
  async sign(): Promise<void> {
    const secret = parseEnv(ui.env.value)["WEBHOOK_SECRET"] ?? "";
    const sig = await signature(secret, encoder.encode(ui.httpBody.value));
    const lines = ui.httpHeaders.value.split("\n").filter((l) => l.trim() !== "" && !/^\s*x-signature\s*:/i.test(l));
    ui.httpHeaders.value = [...lines, `x-signature: ${sig}`].join("\n");
  }

  /** Send the editor's request to `sample`'s handler; the response is shown when it comes. */
  async send(sample: Sample): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.controls.setRunning(true);
    try {
      await this.filled;
      await this.exchange(sample);
    } finally {
      this.busy = false;
      this.controls.setRunning(false);
    }
  }

  private async exchange(sample: Sample): Promise<void> {
    const { terminal, controls } = this;
    let request: HttpRequestData;
    try {
      request = { method: ui.httpMethod.value, path: ui.httpPath.value.trim() || "/", headers: parseHeaders(ui.httpHeaders.value), body: ui.httpBody.value };
    } catch (e) {
      terminal.note((e as Error).message, true);
      controls.setStatus("error", "bad request");
      return;
    }
    const bodyless = request.method === "GET" || request.method === "HEAD";
    terminal.note(`${request.method} ${request.path}${bodyless ? "" : ` (${encoder.encode(request.body).length} bytes)`}`);
    controls.setStatus("running", "sending…");
    controls.setTiming(null);
    this.client ??= new HttpClient(
      (line) => terminal.note(line),
      (stage) => {
        if (stage === "fetching") terminal.note("loading the handler component …");
        else if (stage === "transpiling") terminal.note("transpiling it (jco-transpile, first use only) …");
      },
    );
    let r: HttpResponseData;
    try {
      r = await this.client.send(sample.wasm, parseEnv(ui.env.value), request);
    } catch (e) {
      terminal.note((e as Error).message, true);
      controls.setStatus("error", "failed");
      return;
    }
    this.last = r;
    const line = statusLine(r.status, r.statusText);
    ui.httpResponse.hidden = false;
    ui.httpStatus.textContent = line;
    ui.httpStatus.dataset["kind"] = r.status < 400 ? "ok" : "fail";
    ui.httpTime.textContent = formatMs(r.ms) + (r.loaded ? " (with loading)" : "");
    ui.httpResponseHeaders.textContent = r.headers.map(([k, v]) => `${k}: ${v}`).join("\n");
    ui.httpResponseBody.textContent = r.body;
    ui.httpResponseBody.hidden = r.body === "";
    terminal.note(`→ ${line} · ${formatMs(r.ms)}`);
    controls.setStatus(r.status < 400 ? "ok" : "fail", line);
    controls.setTiming(r.ms);
  }
}
