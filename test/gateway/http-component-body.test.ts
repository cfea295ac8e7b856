// What serve() does with the part of a request body a wasi:http handler did not read: it is read
// to its end (and dropped) before the response ends, not cancelled, because workerd (wrangler
// dev) failed the next request after a response that left a started body cancelled or half read
// (503 "Your worker restarted mid-request"). Bounded by the time limit, and by bytes (16 MiB past
// the limit at least), which then cancel it.
// Observed on the source stream the gateway is given: bytes pulled, cancelled or not.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { serve } from "@anywasi/gateway";
import { HANDLER } from "./http-component-run.mjs";

const bytes = readFileSync(fileURLToPath(HANDLER));
const SLOW = 180_000;

/** A chunked body of `total` bytes (Infinity: endless) in 16 KiB chunks, recording what was pulled. */
function source(total: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (seen.pulled >= total) { c.close(); return; }
      const n = Math.min(16384, total - seen.pulled);
      seen.pulled += n;
      if (total === Infinity) await new Promise((r) => setTimeout(r, 1));
      c.enqueue(new Uint8Array(n).fill(7));
    },
    cancel() { seen.cancelled = true; },
  }, { highWaterMark: 0 });
  return { stream, seen };
}

async function post(timeoutMs: number | null, path: string, total: number) {
  const gateway = serve(bytes, { timeoutMs, maxBodyBytes: 100_000, log: () => {} });
  const { stream, seen } = source(total);
  const request = new Request(`http://gateway.test${path}`, { method: "POST", body: stream, duplex: "half" } as RequestInit);
  const response = await gateway.fetch(request);
  const text = await response.text();
  // The gateway ends its work on the body with the response; give its last steps a turn.
  await new Promise((r) => setTimeout(r, 50));
  return { status: response.status, text, seen };
}

describe("a request body the handler left unread", () => {
  it("past the limit, read by the handler (/count): 413, and the source was read to its end", async () => {
    const r = await post(20_000, "/count", 300_000);
    expect(r.status).toBe(413);
    expect(r.seen).toEqual({ pulled: 300_000, cancelled: false });
  }, SLOW);

  it("past the limit, never read (/seq): 413, the source read to its end", async () => {
    const r = await post(20_000, "/seq", 300_000);
    expect(r.status).toBe(413);
    expect(r.seen).toEqual({ pulled: 300_000, cancelled: false });
  }, SLOW);

  it("within the limit, never read (/seq): 200, the source read to its end", async () => {
    const r = await post(20_000, "/seq", 50_000);
    expect([r.status, r.text]).toEqual([200, "1\n"]);
    expect(r.seen).toEqual({ pulled: 50_000, cancelled: false });
  }, SLOW);

  it("an endless body past the limit: 413 at the time limit, and the source is cancelled", async () => {
    const started = Date.now();
    const r = await post(500, "/seq", Infinity);
    expect(r.status).toBe(413);
    expect(r.seen.cancelled).toBe(true);
    // Cut by the time limit (a chunk per millisecond or slower: far below 16 MiB in 500 ms).
    expect(r.seen.pulled).toBeGreaterThan(100_000);
    expect(r.seen.pulled).toBeLessThan(16 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, SLOW);

  it("an endless body past the limit without a time limit: 413 once 16 MiB more went through, then cancelled", async () => {
    const r = await post(null, "/seq", Infinity);
    expect(r.status).toBe(413);
    expect(r.seen.cancelled).toBe(true);
    expect(r.seen.pulled).toBeGreaterThan(100_000 + 16 * 1024 * 1024);
    expect(r.seen.pulled).toBeLessThan(100_000 + 16 * 1024 * 1024 + 4 * 16384);
  }, SLOW);
});
