// The webhook sample's request: the body is signed here with WebCrypto (HMAC-SHA256 under the
// WEBHOOK_SECRET the guest gets), as the sender of a real webhook would.

/** `sha256=<hex>` of `body` under `secret`. */
export async function signature(secret: string, body: Uint8Array): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, body as Uint8Array<ArrayBuffer>));
  return "sha256=" + [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The CGI variables a gateway would add for this body (method, type and secret come from the env field). */
export async function requestEnv(env: Record<string, string>, body: Uint8Array): Promise<Record<string, string>> {
  return {
    REQUEST_METHOD: "POST",
    CONTENT_TYPE: "application/json",
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PROTOCOL: "HTTP/1.1",
    PATH_INFO: "/",
    ...env,
    CONTENT_LENGTH: String(body.length),
    HTTP_X_SIGNATURE: await signature(env["WEBHOOK_SECRET"] ?? "", body),
  };
}
