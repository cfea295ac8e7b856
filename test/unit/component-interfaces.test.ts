/**
 * The WASI 0.2 interfaces called directly, as jco's glue calls them: the sandbox through
 * wasi:filesystem (the red-team escapes give `not-permitted`), streams at offsets, directory-entry
 * streams, metadata hashes, read-only preopens, and wasi:io/poll over many pollables without busy
 * waiting. The oracle is the filesystem's own state (MemFS, or the real directory via node:fs).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MemFS, WASI, type InputStream as HostInput } from "../../packages/core/src/index.js";
import { componentImports } from "../../packages/core/src/component/index.js";
import type { Descriptor } from "../../packages/core/src/component/filesystem/descriptor.js";
import type { InputStream, OutputStream } from "../../packages/core/src/component/io/streams.js";
import type { Pollable } from "../../packages/core/src/component/io/poll.js";
import { NodeFS } from "../../packages/host-node/src/index.js";
// NodeFS throws the built core's WasiError: the real-directory test runs on the built core too.
import { WASI as BuiltWASI } from "@anywasi/core";
import { componentImports as builtComponentImports } from "@anywasi/core/component";

/** The value of a call that, on MemFS (no `directoryCall`), never returns a promise. */
function now<T>(x: T | Promise<T>): T {
  if (x instanceof Promise) throw new Error("unexpected promise");
  return x;
}

type Imports = ReturnType<typeof componentImports>;
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** The `err` payload a call returns to the component (what jco's glue makes of the throw). */
function errOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    if (e !== null && typeof e === "object" && "payload" in e) return (e as { payload: unknown }).payload;
    throw e;
  }
  throw new Error("expected an err result");
}

function root(imports: Imports): Descriptor {
  const dirs = (imports["wasi:filesystem/preopens"] as { getDirectories(): [Descriptor, string][] }).getDirectories();
  expect(dirs.map(([, name]) => name)).toEqual(["/"]);
  return dirs[0]![0];
}

function memfsEnv(tree: ConstructorParameters<typeof Object>[0] = {}) {
  const fs = MemFS.from(tree as Record<string, string>);
  const imports = componentImports(new WASI({ preopens: { "/": fs.root } }));
  return { fs, imports, root: root(imports) };
}

describe("the sandbox through wasi:filesystem", () => {
  const { fs, root: dir } = memfsEnv({ "dir/file.txt": "secret-free", "up": { symlink: "../outside" }, "abs": { symlink: "/etc" }, "deep": { symlink: "dir/../../x" } } as never);
  const open = (path: string, follow = false) => () => now(dir.openAt({ symlinkFollow: follow }, path, {}, { read: true }));
  it("`..` above the preopen", () => {
    expect(errOf(open(".."))).toBe("not-permitted");
    expect(errOf(open("dir/../../etc/passwd"))).toBe("not-permitted");
  });
  it("absolute paths", () => {
    expect(errOf(open("/etc/passwd"))).toBe("not-permitted");
    expect(errOf(() => dir.statAt({}, "/"))).toBe("not-permitted");
  });
  it("symlinks that climb out or are absolute", () => {
    expect(errOf(open("up/x"))).toBe("not-permitted");
    expect(errOf(open("abs/passwd"))).toBe("not-permitted");
    expect(errOf(open("deep", true))).toBe("not-permitted");
    expect(errOf(() => dir.statAt({ symlinkFollow: true }, "up"))).toBe("not-permitted");
  });
  it("a symlink as last component without follow is `loop`, as preview1's ELOOP", () => {
    expect(errOf(open("abs"))).toBe("loop");
  });
  it("creating an absolute symlink is refused; a NUL byte is `invalid`", () => {
    expect(errOf(() => dir.symlinkAt("/etc/passwd", "mine"))).toBe("not-permitted");
    expect(errOf(open("dir\0/file.txt"))).toBe("invalid");
    expect(fs.exists("mine")).toBe(false);
  });
});

describe("descriptors and streams", () => {
  it("read-via-stream and write-via-stream at offsets, append-via-stream at the end", () => {
    const { fs, root: dir } = memfsEnv({ "f.txt": "0123456789" });
    const f = now(dir.openAt({}, "f.txt", {}, { read: true, write: true }));
    const input: InputStream = f.readViaStream(3n);
    expect(dec(input.blockingRead(4n) as Uint8Array)).toBe("3456");
    expect(dec(input.blockingRead(100n) as Uint8Array)).toBe("789");
    expect(errOf(() => input.blockingRead(1n))).toEqual({ tag: "closed" });
    const out: OutputStream = f.writeViaStream(2n);
    out.blockingWriteAndFlush(enc("ab"));
    out.write(enc("cd"));
    f.appendViaStream().blockingWriteAndFlush(enc("!"));
    expect(fs.readText("f.txt")).toBe("01abcd6789!");
    expect(f.read(3n, 9n).map((x) => (x instanceof Uint8Array ? dec(x) : x))).toEqual(["9!", true]);
    expect(f.write(enc("Z"), 0n)).toBe(1n);
    expect(fs.readText("f.txt")).toBe("Z1abcd6789!");
  });

  it("a descriptor opened read-only gives bad-descriptor for writing", () => {
    const { root: dir } = memfsEnv({ "f.txt": "x" });
    const f = now(dir.openAt({}, "f.txt", {}, { read: true }));
    expect(errOf(() => f.writeViaStream(0n))).toBe("bad-descriptor");
    expect(errOf(() => f.write(enc("y"), 0n))).toBe("bad-descriptor");
    expect(f.getFlags()).toMatchObject({ read: true, write: false });
  });

  it("directory-entry streams list every entry once, without . and ..", () => {
    const tree: Record<string, unknown> = { "d/sub": {}, "d/link": { symlink: "sub" } };
    for (let i = 0; i < 300; i++) tree[`d/file-${String(i).padStart(3, "0")}-${"x".repeat(100)}`] = "";
    const { root: dir } = memfsEnv(tree as never);
    const d = now(dir.openAt({}, "d", { directory: true }, { read: true }));
    const s = d.readDirectory();
    const seen: [string, string][] = [];
    for (let e = now(s.readDirectoryEntry()); e !== undefined; e = now(s.readDirectoryEntry())) seen.push([e.name, e.type]);
    expect(seen.length).toBe(302);
    expect(new Set(seen.map(([n]) => n)).size).toBe(302);
    expect(seen).toContainEqual(["sub", "directory"]);
    expect(seen).toContainEqual(["link", "symbolic-link"]);
    expect(seen.filter(([, t]) => t === "regular-file").length).toBe(300);
    expect(now(dir.openAt({}, "d/sub", { directory: true }, { read: true })).readDirectory().readDirectoryEntry()).toBeUndefined();
    expect(errOf(() => now(dir.openAt({}, "d/file-000-" + "x".repeat(100), {}, { read: true })).readDirectory())).toBe("not-directory");
  });

  it("metadata-hash: equal for the same object (a hard link, a path), different otherwise", () => {
    const { root: dir } = memfsEnv({ "a": "1", "b": "2" });
    dir.linkAt({}, "a", dir, "a2");
    const a = now(dir.openAt({}, "a", {}, { read: true }));
    expect(dir.metadataHashAt({}, "a2")).toEqual(a.metadataHash());
    expect(dir.metadataHashAt({}, "b")).not.toEqual(a.metadataHash());
    expect(a.isSameObject(now(dir.openAt({}, "a2", {}, { read: true })))).toBe(true);
    expect(a.isSameObject(now(dir.openAt({}, "b", {}, { read: true })))).toBe(false);
  });

  it("set-times keeps nanoseconds; stat shows them", () => {
    const { root: dir } = memfsEnv({ "a": "1" });
    const t = { seconds: 1_700_000_000n, nanoseconds: 123_456_789 };
    dir.setTimesAt({}, "a", { tag: "timestamp", val: t }, { tag: "timestamp", val: t });
    expect(dir.statAt({}, "a")).toMatchObject({ type: "regular-file", size: 1n, dataModificationTimestamp: t, dataAccessTimestamp: t });
  });
});

describe("maxOpenFiles limits a component's open descriptors", () => {
  it("past the limit, open-at fails; dropping one frees a slot", () => {
    const fs = MemFS.from({ "f.txt": "x" });
    // 3 stdio + the preopen + 2 files.
    const imports = componentImports(new WASI({ preopens: { "/": fs.root }, maxOpenFiles: 6 }));
    const dir = root(imports);
    const open = () => now(dir.openAt({}, "f.txt", {}, { read: true }));
    const first = open();
    open();
    expect(errOf(open)).toBe("insufficient-memory");
    (first as unknown as Record<symbol, () => void>)[(Symbol as { dispose?: symbol }).dispose ?? Symbol.for("dispose")]!();
    expect(() => open()).not.toThrow();
  });
});

describe("a read-only preopen on a real directory", () => {
  let tmp = "";
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  it("refuses every change with read-only and leaves the disk alone", () => {
    tmp = mkdtempSync(join(tmpdir(), "anywasi-component-ro-"));
    writeFileSync(join(tmp, "f.txt"), "keep");
    const imports = builtComponentImports(new BuiltWASI({ preopens: { "/": new NodeFS(tmp, { readOnly: true }).root } }));
    const dir = root(imports as Imports);
    expect(dec(now(dir.openAt({}, "f.txt", {}, { read: true })).readViaStream(0n).blockingRead(10n) as Uint8Array)).toBe("keep");
    expect(errOf(() => now(dir.openAt({}, "new.txt", { create: true }, { write: true })))).toBe("read-only");
    expect(errOf(() => dir.unlinkFileAt("f.txt"))).toBe("read-only");
    expect(errOf(() => dir.createDirectoryAt("d"))).toBe("read-only");
    expect(readFileSync(join(tmp, "f.txt"), "utf8")).toBe("keep");
  });
});

describe("wasi:io/poll", () => {
  /** stdin that never has data: readiness only through `poll`, which waits without spinning. */
  const silent: HostInput = {
    read: () => { throw new Error("read of a stdin that is not ready"); },
    poll: (ns) => {
      if (ns !== null && ns > 0n) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ns) / 1e6);
      return false;
    },
  };

  it("many pollables: the earliest deadline wins, a silent stdin never does, without busy waiting", () => {
    const imports = componentImports(new WASI({ stdin: silent }));
    const clock = imports["wasi:clocks/monotonic-clock"] as { subscribeDuration(ns: bigint): Pollable; now(): bigint };
    const { poll } = imports["wasi:io/poll"] as { poll(list: Pollable[]): Uint32Array };
    const stdin = (imports["wasi:cli/stdin"] as { getStdin(): InputStream }).getStdin();
    const list = [clock.subscribeDuration(2_000_000_000n), stdin.subscribe(), clock.subscribeDuration(150_000_000n), clock.subscribeDuration(3_000_000_000n)];
    const t0 = clock.now();
    const cpu0 = process.cpuUsage();
    expect([...poll(list)]).toEqual([2]);
    const waited = Number(clock.now() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    expect(waited).toBeGreaterThanOrEqual(150);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(waited / 2);
    expect(list[1]!.ready()).toBe(false);
    expect(stdin.read(10n).length).toBe(0);
  });

  it("stdin with data is ready; reads deliver it, then closed", () => {
    const imports = componentImports(new WASI({ stdin: "abc" }));
    const stdin = (imports["wasi:cli/stdin"] as { getStdin(): InputStream }).getStdin();
    expect(stdin.subscribe().ready()).toBe(true);
    expect(dec(stdin.read(10n))).toBe("abc");
    expect(errOf(() => stdin.blockingRead(10n))).toEqual({ tag: "closed" });
  });

  it("an empty list traps", () => {
    const { poll } = componentImports(new WASI())["wasi:io/poll"] as { poll(list: Pollable[]): Uint32Array };
    expect(() => poll([])).toThrow(WebAssembly.RuntimeError);
  });
});

describe("wasi:sockets answers as documented for a host without network", () => {
  it("creating sockets is not-supported, resolving names access-denied", () => {
    const imports = componentImports(new WASI());
    expect(errOf(() => (imports["wasi:sockets/tcp-create-socket"] as { createTcpSocket(f: string): unknown }).createTcpSocket("ipv4"))).toBe("not-supported");
    expect(errOf(() => (imports["wasi:sockets/udp-create-socket"] as { createUdpSocket(f: string): unknown }).createUdpSocket("ipv6"))).toBe("not-supported");
    const net = (imports["wasi:sockets/instance-network"] as { instanceNetwork(): unknown }).instanceNetwork();
    expect(errOf(() => (imports["wasi:sockets/ip-name-lookup"] as { resolveAddresses(n: unknown, s: string): unknown }).resolveAddresses(net, "example.com"))).toBe("access-denied");
  });
});

describe("directoryCall (live OPFS in browsers)", () => {
  it("runs exactly the calls that reach a directory operation; their results may be promises", async () => {
    const fs = MemFS.from({ "d/a.txt": "1" });
    let calls = 0;
    // As the browser host may: the call made later, its value a promise.
    const directoryCall = <T>(call: () => T): T | Promise<T> => {
      calls++;
      return Promise.resolve().then(call);
    };
    const imports = componentImports(new WASI({ preopens: { "/": fs.root } }), { directoryCall });
    const dir = root(imports);
    const f = await dir.openAt({}, "d/new.txt", { create: true, exclusive: true }, { write: true, read: true });
    expect(f.write(new TextEncoder().encode("xy"), 0n)).toBe(2n);
    expect(f.stat().size).toBe(2n);
    await dir.createDirectoryAt("e");
    await dir.renameAt("d/new.txt", dir, "e/moved.txt");
    expect((await dir.statAt({}, "e/moved.txt")).size).toBe(2n);
    const d = await dir.openAt({}, "d", { directory: true }, { read: true });
    const list = d.readDirectory();
    expect((await list.readDirectoryEntry())?.name).toBe("a.txt");
    expect(await list.readDirectoryEntry()).toBeUndefined();
    await expect(dir.openAt({}, "d/a.txt", { create: true, exclusive: true }, {})).rejects.toMatchObject({ payload: "exist" });
    // open, create-directory, rename, stat, open, the listing's one refill, the failed open; not
    // write, a descriptor's stat, read-directory, nor the entries served from the refill.
    expect(calls).toBe(7);
    expect(fs.readText("e/moved.txt")).toBe("xy");
  });
});
