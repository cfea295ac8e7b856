/** The part of Web Crypto this needs (typed here: the tests compile without the DOM library). */
interface HmacSubtle {
  importKey(format: "raw", key: Uint8Array, algorithm: { name: "HMAC"; hash: "SHA-256" }, extractable: false, usages: ["sign"]): Promise<unknown>;
  sign(algorithm: "HMAC", key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}

/** `sha256=<hex>`: the HMAC-SHA256 of `body` under `secret`, as examples/webhook expects in X-Signature. */
export async function signature(secret: string, body: string | Uint8Array): Promise<string> {
  const subtle = (globalThis as unknown as { crypto: { subtle: HmacSubtle } }).crypto.subtle;
  const enc = new TextEncoder();
  const key = await subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const data = typeof body === "string" ? enc.encode(body) : body;
  const mac = new Uint8Array(await subtle.sign("HMAC", key, data));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
