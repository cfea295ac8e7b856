/** A `header-error`, as jco's glue lowers it. */
export type HeaderError = { tag: "invalid-syntax" } | { tag: "forbidden" } | { tag: "immutable" };

/**
 * Headers a guest may never set (`forbidden`): those that frame the message or the connection and
 * belong to the server (wasmtime's `DEFAULT_FORBIDDEN_HEADERS` forbids the same kind; a guest that
 * could set them could smuggle a second response). Lowercase.
 */
export const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set([
  "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host", "http2-settings", "te",
]);

/** RFC 9110 `token` characters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function fail(tag: HeaderError["tag"]): never {
  // jco's glue turns a thrown `{ payload }` into the `err` of the function's result.
  throw { payload: { tag } };
}

/** A field value is valid when it has no NUL, CR or LF and no leading or trailing space or tab. */
function validValue(v: Uint8Array): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === 0 || c === 10 || c === 13) return false;
  }
  const first = v[0];
  const last = v[v.length - 1];
  return !(first === 32 || first === 9 || last === 32 || last === 9);
}

/**
 * `wasi:http/types` `fields` (headers and trailers): an ordered list of (name, value) entries.
 * Names are compared case-insensitively and kept as given. Fields the host hands the guest
 * (a request's headers, trailers it received) are immutable: a change is `immutable`. Invalid
 * names or values are `invalid-syntax`; a name in `FORBIDDEN_HEADERS` is `forbidden`.
 */
export class Fields {
  #entries: [string, Uint8Array][];
  #immutable = false;

  constructor() {
    this.#entries = [];
  }

  /** Fields from a list of entries; `err` (thrown payload) for an invalid or forbidden entry. */
  static fromList(entries: [string, Uint8Array][]): Fields {
    const f = new Fields();
    for (const [name, value] of entries) {
      f.#check(name, value);
      f.#entries.push([name, value.slice()]);
    }
    return f;
  }

  /** @internal Immutable fields for the guest to read (a request's headers). */
  static frozen(entries: [string, Uint8Array][]): Fields {
    const f = new Fields();
    f.#entries = entries;
    f.#immutable = true;
    return f;
  }

  /** @internal Freeze (the fields were handed to a request, a response or a body). */
  static freeze(f: Fields): Fields {
    f.#immutable = true;
    return f;
  }

  /** @internal The entries, in order (not copied). */
  static list(f: Fields): readonly [string, Uint8Array][] {
    return f.#entries;
  }

  #check(name: string, value?: Uint8Array): void {
    if (!TOKEN.test(name) || (value !== undefined && !validValue(value))) fail("invalid-syntax");
    if (FORBIDDEN_HEADERS.has(name.toLowerCase())) fail("forbidden");
  }

  #mutable(name: string): void {
    if (this.#immutable) fail("immutable");
    this.#check(name);
  }

  /** Every value of `name`, in order (none when absent). */
  get(name: string): Uint8Array[] {
    const key = name.toLowerCase();
    return this.#entries.filter(([n]) => n.toLowerCase() === key).map(([, v]) => v.slice());
  }

  /** True when `name` has at least one value. */
  has(name: string): boolean {
    const key = name.toLowerCase();
    return this.#entries.some(([n]) => n.toLowerCase() === key);
  }

  /** Replace every value of `name` with `values` (where its first entry was, else at the end). */
  set(name: string, values: Uint8Array[]): void {
    this.#mutable(name);
    for (const v of values) if (!validValue(v)) fail("invalid-syntax");
    const key = name.toLowerCase();
    const at = this.#entries.findIndex(([n]) => n.toLowerCase() === key);
    const rest = this.#entries.filter(([n]) => n.toLowerCase() !== key);
    const added = values.map((v): [string, Uint8Array] => [name, v.slice()]);
    rest.splice(at === -1 ? rest.length : at, 0, ...added);
    this.#entries = rest;
  }

  /** Remove every value of `name`. */
  delete(name: string): void {
    this.#mutable(name);
    const key = name.toLowerCase();
    this.#entries = this.#entries.filter(([n]) => n.toLowerCase() !== key);
  }

  /** Add one value of `name` at the end. */
  append(name: string, value: Uint8Array): void {
    this.#mutable(name);
    if (!validValue(value)) fail("invalid-syntax");
    this.#entries.push([name, value.slice()]);
  }

  /** Every entry, in order. */
  entries(): [string, Uint8Array][] {
    return this.#entries.map(([n, v]) => [n, v.slice()]);
  }

  /** A mutable copy. */
  clone(): Fields {
    const f = new Fields();
    f.#entries = this.entries();
    return f;
  }
}
