// The guest's response headers become a Web `Headers` with each value's bytes as Latin-1, however
// long the value (a value spread into one String.fromCharCode call overflowed the stack).
import { describe, expect, it } from "vitest";
import { responseHeaders } from "../../packages/gateway/src/component-http.js";

describe("gateway responseHeaders", () => {
  it("keeps every byte of a 1 MiB value and of a value with bytes 0x80-0xff", () => {
    const long = new Uint8Array(1024 * 1024).fill(0x61);
    const high = Uint8Array.from([0x63, 0xe9, 0xff, 0x20, 0x80]);
    const h = responseHeaders([["x-long", long], ["x-high", high]]);
    expect(h.get("x-long")).toBe("a".repeat(1024 * 1024));
    expect([...h.get("x-high")!].map((c) => c.charCodeAt(0))).toEqual([0x63, 0xe9, 0xff, 0x20, 0x80]);
  });
});
