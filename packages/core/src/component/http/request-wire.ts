import type { OutgoingHttpRequest } from "./client.js";
import type { FetchStart } from "./fetch-run.js";

/** A header value as `fetch` gives it (a ByteString: one char per byte) → its bytes. */
export const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** Header bytes → the ByteString `fetch` takes. In slices: a spread of a long value would overflow the stack. */
export function fromLatin1(b: Uint8Array): string {
  let s = "";
  for (let at = 0; at < b.length; at += 8192) s += String.fromCharCode(...b.subarray(at, at + 8192));
  return s;
}

const ms = (ns: bigint | undefined): number | undefined => (ns === undefined ? undefined : Number(ns) / 1e6);

/** What `runFetch` needs of a guest's request: header values as ByteStrings, timeouts in ms. */
export function fetchStartOf(r: OutgoingHttpRequest): FetchStart {
  const connectMs = ms(r.connectTimeoutNs);
  const firstByteMs = ms(r.firstByteTimeoutNs);
  const betweenMs = ms(r.betweenBytesTimeoutNs);
  return {
    method: r.method, url: r.url, headers: r.headers.map(([n, v]) => [n, fromLatin1(v)]),
    ...(connectMs === undefined ? {} : { connectMs }),
    ...(firstByteMs === undefined ? {} : { firstByteMs }),
    ...(betweenMs === undefined ? {} : { betweenMs }),
  };
}
