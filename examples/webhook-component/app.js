// A webhook receiver as a wasi:http component (ComponentizeJS / StarlingMonkey, fetch-event mode):
// checks `X-Signature: sha256=<hex>`, the HMAC-SHA256 of the body under $WEBHOOK_SECRET, and
// answers JSON. The same answers as examples/webhook (the C CGI program), without its event log
// (a wasi:http handler has no filesystem).
import { getEnvironment } from "wasi:cli/environment@0.2.10";

const enc = new TextEncoder();
const json = (status, value) => new Response(JSON.stringify(value) + "\n", { status, headers: { "content-type": "application/json" } });

function hex(bytes) {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** Compares in time independent of where the strings differ. */
function same(a, b) {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

addEventListener("fetch", (event) => event.respondWith(handle(event.request)));

async function handle(req) {
  if (req.method !== "POST") return json(405, { ok: false, error: "POST a JSON event" });
  const secret = getEnvironment().find(([k]) => k === "WEBHOOK_SECRET")?.[1];
  if (!secret) return json(500, { ok: false, error: "no WEBHOOK_SECRET" });
  const body = new Uint8Array(await req.arrayBuffer());
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = "sha256=" + hex(new Uint8Array(await crypto.subtle.sign("HMAC", key, body)));
  if (!same(req.headers.get("x-signature") ?? "", mac)) return json(401, { ok: false, error: "bad signature" });
  let event;
  try {
    event = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return json(400, { ok: false, error: "the body is not a JSON object" });
  }
  if (event === null || typeof event !== "object" || Array.isArray(event)) return json(400, { ok: false, error: "the body is not a JSON object" });
  if (typeof event.event !== "string") return json(400, { ok: false, error: "missing string field: event" });
  return json(200, { ok: true, event: event.event, id: event.id === undefined ? null : String(event.id) });
}
