// wasi:http/types `fields` as anywasi gives them to a guest: the header-error rules of the WIT
// (invalid-syntax, forbidden, immutable), case-insensitive names kept as given, order kept.
// The errors are thrown as jco's glue expects an `err` result: `{ payload: header-error }`.
import { describe, expect, it } from "vitest";
import { Fields, FORBIDDEN_HEADERS } from "@anywasi/core/component";

const b = (s: string) => new TextEncoder().encode(s);
const text = (list: Uint8Array[]) => list.map((v) => new TextDecoder().decode(v));
function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return "no error";
}

describe("wasi:http fields", () => {
  it("keeps entries in order, names as given, looked up case-insensitively", () => {
    const f = Fields.fromList([["X-A", b("1")], ["x-b", b("2")], ["x-a", b("3")]]);
    expect(f.entries().map(([n, v]) => `${n}=${new TextDecoder().decode(v)}`)).toEqual(["X-A=1", "x-b=2", "x-a=3"]);
    expect(text(f.get("x-A"))).toEqual(["1", "3"]);
    expect(f.has("X-B")).toBe(true);
    f.set("x-a", [b("9")]);
    expect(f.entries().map(([n]) => n)).toEqual(["x-a", "x-b"]);
    f.delete("X-B");
    f.append("x-c", b("4"));
    expect(f.entries().map(([n]) => n)).toEqual(["x-a", "x-c"]);
  });

  it("invalid names and values are invalid-syntax", () => {
    expect(errorOf(() => Fields.fromList([["bad name", b("1")]]))).toEqual({ payload: { tag: "invalid-syntax" } });
    expect(errorOf(() => Fields.fromList([["", b("1")]]))).toEqual({ payload: { tag: "invalid-syntax" } });
    expect(errorOf(() => Fields.fromList([["x-a", b("1\r\nx-evil: 2")]]))).toEqual({ payload: { tag: "invalid-syntax" } });
    expect(errorOf(() => new Fields().append("x-a", b("a\0b")))).toEqual({ payload: { tag: "invalid-syntax" } });
  });

  it("forbidden headers are refused in every case", () => {
    for (const name of ["Connection", "transfer-encoding", "HOST", "upgrade", "keep-alive"]) {
      expect(FORBIDDEN_HEADERS.has(name.toLowerCase())).toBe(true);
      expect(errorOf(() => Fields.fromList([[name, b("x")]]))).toEqual({ payload: { tag: "forbidden" } });
      expect(errorOf(() => new Fields().set(name, [b("x")]))).toEqual({ payload: { tag: "forbidden" } });
      expect(errorOf(() => new Fields().append(name, b("x")))).toEqual({ payload: { tag: "forbidden" } });
    }
  });

  it("fields the host hands out (or that went into a response) are immutable; a clone is not", () => {
    const f = Fields.frozen([["x-a", b("1")]]);
    for (const change of [() => f.set("x-a", [b("2")]), () => f.append("x-b", b("2")), () => f.delete("x-a")]) {
      expect(errorOf(change)).toEqual({ payload: { tag: "immutable" } });
    }
    expect(text(f.get("x-a"))).toEqual(["1"]);
    const c = f.clone();
    c.append("x-b", b("2"));
    expect(c.entries().length).toBe(2);
    expect(f.entries().length).toBe(1);
  });

  it("a value the guest passes is copied: changing its buffer later changes nothing", () => {
    const v = b("1");
    const f = Fields.fromList([["x-a", v]]);
    v[0] = 0x32;
    expect(text(f.get("x-a"))).toEqual(["1"]);
  });
});
