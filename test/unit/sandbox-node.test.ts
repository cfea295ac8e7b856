/**
 * Red-team tests of the real-disk host (`createNodeWASI` / `NodeFS`): every way a guest might
 * reach a file outside its preopened directory — `..`, absolute paths, symlinks made on disk or
 * by the guest, renames and links, directories swapped for symlinks under its feet — must be
 * refused, and nothing outside the preopen may change. Read-only preopens must refuse every write.
 *
 * Layout of each test's temp dir (`base`):
 *   base/sandbox/           preopened as /sandbox (fd 3)
 *     top                   "top content"
 *     a/b/file              "inner"
 *     emptydir/  sub/
 *   base/secret/file        "SECRET"       (outside: must never change)
 *   base/secret/b/file      "OUTSIDE-B"
 *   base/x                  "OUTSIDE-X"
 *   base/ro/                the read-only preopen of the read-only tests
 * After each test the whole of `base` except the preopened trees is compared with a snapshot.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { createNodeWASI, type NodeWASIOptions } from "../../packages/host-node/src/index.js";
import {
  Errno, FdFlags, LookupFlags, OFlags, Rights, RIGHTS_DIR, RIGHTS_FILE,
  type ImportFunction, type Preview1Name,
} from "../../packages/core/src/index.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const FOLLOW = LookupFlags.SYMLINK_FOLLOW;
/** What an escape attempt must get: PERM (as wasmtime) or NOTCAPABLE. */
const ESCAPE: number[] = [Errno.PERM, Errno.NOTCAPABLE];
/** What a write on a read-only preopen must get. */
const REFUSED_RO: number[] = [Errno.ROFS, Errno.NOTCAPABLE, Errno.PERM, Errno.ACCES];
const ALL_RIGHTS = 0xFFFF_FFFFn;
const READ_ONLY_RIGHTS = BigInt(Rights.FD_READ | Rights.FD_SEEK | Rights.FD_TELL | Rights.FD_FILESTAT_GET);

// ---------------------------------------------------------------------------------------------
// A guest without wasm: the syscalls of a fresh WASI, over a memory the test owns.

interface OpenOpts { dirfd?: number; dirflags?: number; oflags?: number; rights?: bigint; inheriting?: bigint; fdflags?: number }

class Guest {
  readonly memory = new WebAssembly.Memory({ initial: 2 });
  readonly w: Record<Preview1Name, ImportFunction>;
  readonly close: () => void;
  private next = 1024;

  constructor(options: NodeWASIOptions) {
    const { wasi, close } = createNodeWASI({ stdin: "", stdout: () => {}, stderr: () => {}, ...options });
    wasi.initialize({ exports: { memory: this.memory } } as unknown as WebAssembly.Instance);
    this.w = wasi.wasiImport;
    this.close = close;
  }

  private get dv(): DataView { return new DataView(this.memory.buffer); }

  alloc(n: number): number {
    if (this.next + n > 120_000) this.next = 1024;
    const p = Math.ceil(this.next / 8) * 8;
    this.next = p + Math.max(n, 1);
    return p;
  }

  str(s: string): [number, number] {
    const b = enc.encode(s);
    const p = this.alloc(b.length);
    new Uint8Array(this.memory.buffer).set(b, p);
    return [p, b.length];
  }

  u32(p: number): number { return this.dv.getUint32(p, true); }
  u64(p: number): bigint { return this.dv.getBigUint64(p, true); }

  open(p: string, o: OpenOpts = {}): { errno: number; fd: number } {
    const [ptr, len] = this.str(p);
    const out = this.alloc(4);
    const dir = ((o.oflags ?? 0) & OFlags.DIRECTORY) !== 0;
    const errno = this.w.path_open(
      o.dirfd ?? 3, o.dirflags ?? 0, ptr, len, o.oflags ?? 0,
      o.rights ?? (dir ? BigInt(RIGHTS_DIR) : ALL_RIGHTS), o.inheriting ?? ALL_RIGHTS, o.fdflags ?? 0, out,
    );
    return { errno, fd: errno === 0 ? this.u32(out) : -1 };
  }

  /** Open for reading and return the whole content, or throw with the errno. */
  readFile(p: string, o: OpenOpts = {}): string {
    const { errno, fd } = this.open(p, { rights: READ_ONLY_RIGHTS, ...o });
    if (errno !== 0) throw new Error(`path_open(${p}) = errno ${errno}`);
    const text = this.readFd(fd);
    expect(this.w.fd_close(fd)).toBe(0);
    return text;
  }

  readFd(fd: number): string {
    let out = "";
    for (;;) {
      const buf = this.alloc(256);
      const iov = this.alloc(8);
      this.dv.setUint32(iov, buf, true);
      this.dv.setUint32(iov + 4, 256, true);
      const n = this.alloc(4);
      const e = this.w.fd_read(fd, iov, 1, n);
      if (e !== 0) throw new Error(`fd_read = errno ${e}`);
      const got = this.u32(n);
      if (got === 0) return out;
      out += dec.decode(new Uint8Array(this.memory.buffer, buf, got));
    }
  }

  write(fd: number, s: string): number {
    const [buf, len] = this.str(s);
    const iov = this.alloc(8);
    this.dv.setUint32(iov, buf, true);
    this.dv.setUint32(iov + 4, len, true);
    return this.w.fd_write(fd, iov, 1, this.alloc(4));
  }

  mkdir(p: string, dirfd = 3): number { const [a, b] = this.str(p); return this.w.path_create_directory(dirfd, a, b); }
  rmdir(p: string, dirfd = 3): number { const [a, b] = this.str(p); return this.w.path_remove_directory(dirfd, a, b); }
  unlink(p: string, dirfd = 3): number { const [a, b] = this.str(p); return this.w.path_unlink_file(dirfd, a, b); }

  rename(from: string, to: string, fromFd = 3, toFd = 3): number {
    const [a, b] = this.str(from);
    const [c, d] = this.str(to);
    return this.w.path_rename(fromFd, a, b, toFd, c, d);
  }

  link(from: string, to: string, flags = 0, fromFd = 3, toFd = 3): number {
    const [a, b] = this.str(from);
    const [c, d] = this.str(to);
    return this.w.path_link(fromFd, flags, a, b, toFd, c, d);
  }

  symlink(target: string, p: string, dirfd = 3): number {
    const [a, b] = this.str(target);
    const [c, d] = this.str(p);
    return this.w.path_symlink(a, b, dirfd, c, d);
  }

  readlink(p: string, dirfd = 3): { errno: number; target: string } {
    const [a, b] = this.str(p);
    const buf = this.alloc(512);
    const used = this.alloc(4);
    const errno = this.w.path_readlink(dirfd, a, b, buf, 512, used);
    return { errno, target: errno === 0 ? dec.decode(new Uint8Array(this.memory.buffer, buf, this.u32(used))) : "" };
  }

  stat(p: string, flags = 0, dirfd = 3): { errno: number; filetype: number; ino: bigint; size: bigint } {
    const [a, b] = this.str(p);
    const out = this.alloc(64);
    const errno = this.w.path_filestat_get(dirfd, flags, a, b, out);
    return { errno, filetype: new Uint8Array(this.memory.buffer)[out + 16]!, ino: this.u64(out + 8), size: this.u64(out + 32) };
  }

  /** path_filestat_set_times to a fixed, recognisable time (2001-09-09). */
  setTimes(p: string, flags = 0, dirfd = 3): number {
    const [a, b] = this.str(p);
    const t = 1_000_000_000_000_000_000n;
    return this.w.path_filestat_set_times(dirfd, flags, a, b, t, t, FST_SET);
  }
}

/** fstflags ATIM | MTIM. */
const FST_SET = 1 | 4;
const FILETYPE_REGULAR = 4;
const FILETYPE_SYMLINK = 7;

// ---------------------------------------------------------------------------------------------
// Fixture and the outside snapshot.

let base = "";
let sandbox = "";
let secret = "";
let secretFile = "";
let guest: Guest;
/** Names directly under `base` that are not "outside" (preopened trees); per test. */
let notOutside: Set<string>;
let before: Map<string, string>;

function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, rel: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (rel === "" && notOutside.has(name)) continue;
      const full = path.join(dir, name);
      const r = rel === "" ? name : `${rel}/${name}`;
      const st = fs.lstatSync(full, { bigint: true });
      const meta = `mode=${st.mode} nlink=${st.nlink} size=${st.size} mtime=${st.mtimeNs} ctime=${st.ctimeNs} ino=${st.ino}`;
      if (st.isSymbolicLink()) out.set(r, `link ${fs.readlinkSync(full)} ${meta}`);
      else if (st.isDirectory()) { out.set(r, `dir ${meta}`); walk(full, r); }
      else out.set(r, `file ${fs.readFileSync(full, "utf8")} ${meta}`);
    }
  };
  walk(base, "");
  return out;
}

function expectOutsideUnchanged(): void {
  expect(Object.fromEntries(snapshot())).toEqual(Object.fromEntries(before));
  expect(fs.readFileSync(secretFile, "utf8")).toBe("SECRET");
}

function sb(...parts: string[]): string { return path.join(sandbox, ...parts); }

beforeEach(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "anywasi-sandbox-")));
  sandbox = path.join(base, "sandbox");
  secret = path.join(base, "secret");
  secretFile = path.join(secret, "file");
  fs.mkdirSync(path.join(sandbox, "a", "b"), { recursive: true });
  fs.mkdirSync(path.join(sandbox, "emptydir"));
  fs.mkdirSync(path.join(sandbox, "sub"));
  fs.writeFileSync(sb("top"), "top content");
  fs.writeFileSync(sb("a", "b", "file"), "inner");
  fs.mkdirSync(path.join(secret, "b"), { recursive: true });
  fs.writeFileSync(secretFile, "SECRET");
  fs.writeFileSync(path.join(secret, "b", "file"), "OUTSIDE-B");
  fs.writeFileSync(path.join(base, "x"), "OUTSIDE-X");
  fs.mkdirSync(path.join(base, "ro", "sub"), { recursive: true });
  fs.mkdirSync(path.join(base, "ro", "emptydir"));
  fs.writeFileSync(path.join(base, "ro", "data"), "RO");
  fs.writeFileSync(path.join(base, "ro", "sub", "f"), "RO-SUB");
  fs.symlinkSync("data", path.join(base, "ro", "datalink"));
  notOutside = new Set(["sandbox"]);
  guest = new Guest({ dirs: { "/sandbox": sandbox } });
  before = snapshot();
});

afterEach(() => {
  try {
    guest.close();
    expectOutsideUnchanged();
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

function expectEscapeRefused(errno: number): void {
  expect(ESCAPE, `errno ${errno}`).toContain(errno);
}

// ---------------------------------------------------------------------------------------------

describe("`..` and absolute paths", () => {
  const climbing = [
    "..", "../", "../.", "./..", "../secret", "../secret/file", "../x", "a/../..", "a/../../secret/file",
    "a/b/../../../x", "a/b/../../..", "a/./../../x", "sub/../../secret/file", "a/b/../../../sandbox/top",
    "emptydir/../../secret/b/file", "a//..//..//secret/file",
  ];

  test.each(climbing)("path_open %j is refused (with and without SYMLINK_FOLLOW)", (p) => {
    for (const dirflags of [0, FOLLOW]) {
      expectEscapeRefused(guest.open(p, { dirflags, rights: READ_ONLY_RIGHTS }).errno);
      expectEscapeRefused(guest.open(p, { dirflags, oflags: OFlags.DIRECTORY }).errno);
    }
  });

  test.each(climbing)("path_filestat_get / path_readlink / path_filestat_set_times %j are refused", (p) => {
    expectEscapeRefused(guest.stat(p).errno);
    expectEscapeRefused(guest.stat(p, FOLLOW).errno);
    expectEscapeRefused(guest.readlink(p).errno);
    expectEscapeRefused(guest.setTimes(p));
    expectEscapeRefused(guest.setTimes(p, FOLLOW));
  });

  test.each(["../new", "../secret/new", "a/../../secret/new", "a/b/../../../new"])("creating %j is refused", (p) => {
    expectEscapeRefused(guest.open(p, { oflags: OFlags.CREAT }).errno);
    expectEscapeRefused(guest.open(p, { oflags: OFlags.CREAT | OFlags.EXCL }).errno);
    expectEscapeRefused(guest.mkdir(p));
    expectEscapeRefused(guest.symlink("top", p));
    expectEscapeRefused(guest.link("top", p));
    expectEscapeRefused(guest.rename("top", p));
    expect(fs.existsSync(sb("top"))).toBe(true);
  });

  test("truncating and writing an outside file through `..` is refused", () => {
    expectEscapeRefused(guest.open("../secret/file", { oflags: OFlags.TRUNC }).errno);
    expectEscapeRefused(guest.open("a/../../secret/file", { oflags: OFlags.CREAT | OFlags.TRUNC }).errno);
    expectEscapeRefused(guest.open("../secret/file", { rights: BigInt(Rights.FD_WRITE), fdflags: FdFlags.APPEND }).errno);
  });

  test("removing outside entries through `..` is refused", () => {
    expectEscapeRefused(guest.unlink("../secret/file"));
    expectEscapeRefused(guest.unlink("a/../../x"));
    expectEscapeRefused(guest.rmdir("../secret/b"));
    expectEscapeRefused(guest.rmdir(".."));
    expectEscapeRefused(guest.rmdir("../sandbox/emptydir"));
    expect(fs.existsSync(sb("emptydir"))).toBe(true);
  });

  test.each(["/etc/passwd", "/sandbox/top", "/sandbox", "/", "//top", "/proc/self/root/etc/passwd"])("absolute path %j is refused", (p) => {
    expectEscapeRefused(guest.open(p, { rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.open(p, { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.stat(p, FOLLOW).errno);
    expectEscapeRefused(guest.open(`${p}/new`, { oflags: OFlags.CREAT }).errno);
    expectEscapeRefused(guest.mkdir(`${p}/newdir`));
  });

  test("the host's own absolute path of an outside file is refused", () => {
    expectEscapeRefused(guest.open(secretFile, { rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.open(path.join(secret, "new"), { oflags: OFlags.CREAT }).errno);
    expectEscapeRefused(guest.unlink(secretFile));
  });

  test("a directory fd is its own root: `..` from it is refused, even towards the preopen", () => {
    const a = guest.open("a", { oflags: OFlags.DIRECTORY });
    expect(a.errno).toBe(0);
    expectEscapeRefused(guest.open("../top", { dirfd: a.fd, rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.open("b/../../top", { dirfd: a.fd, rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.rename("../top", "stolen", a.fd, a.fd));
    expect(guest.readFile("b/file", { dirfd: a.fd })).toBe("inner");
  });

  test("a NUL byte is INVAL; a backslash is just a character", () => {
    expect(guest.open("top\0/../../secret/file").errno).toBe(Errno.INVAL);
    expect(guest.open("..\\secret\\file", { rights: READ_ONLY_RIGHTS }).errno).toBe(Errno.NOENT);
    expect(guest.open("a\\..\\..\\x", { oflags: OFlags.CREAT }).errno).toBe(0);
    expect(fs.existsSync(sb("a\\..\\..\\x"))).toBe(true);
  });
});

describe("symlinks created on disk that point outside", () => {
  beforeEach(() => {
    fs.symlinkSync(secretFile, sb("abs"));
    fs.symlinkSync("../secret/file", sb("rel"));
    fs.symlinkSync("../../../secret/file", sb("a", "b", "deep"));
    fs.symlinkSync("link2", sb("link1"));
    fs.symlinkSync("../secret/file", sb("link2"));
    fs.symlinkSync("link4", sb("link3"));
    fs.symlinkSync(secretFile, sb("link4"));
    fs.symlinkSync("../secret", sb("linkdir"));
    fs.symlinkSync(secret, sb("absdir"));
    fs.symlinkSync("..", sb("dotdot"));
    fs.symlinkSync("b/../../..", sb("a", "sneaky"));
    fs.symlinkSync(path.join(secret, "nonexistent"), sb("dangle"));
    fs.symlinkSync("../secret/new", sb("danglerel"));
    fs.symlinkSync("linkdir", sb("chaindir"));
    fs.symlinkSync("/proc/self/cwd", sb("proc"));
    // A link whose target is written with the host's full path to a file *inside* the sandbox.
    fs.symlinkSync(sb("top"), sb("abs-inside"));
    before = snapshot();
  });

  const fileLinks = ["abs", "rel", "a/b/deep", "link1", "link3", "dangle", "danglerel", "abs-inside", "linkdir/file",
    "absdir/file", "chaindir/file", "dotdot/secret/file", "a/sneaky/secret/file", "absdir/b/file", "linkdir/b/file", "proc/x"];

  test.each(fileLinks)("following %j is refused", (p) => {
    expectEscapeRefused(guest.open(p, { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.open(p, { dirflags: FOLLOW, oflags: OFlags.CREAT }).errno);
    expectEscapeRefused(guest.open(p, { dirflags: FOLLOW, oflags: OFlags.TRUNC }).errno);
    expectEscapeRefused(guest.stat(p, FOLLOW).errno);
    expectEscapeRefused(guest.setTimes(p, FOLLOW));
    expectEscapeRefused(guest.link(p, "hard", FOLLOW));
  });

  test.each(["abs", "rel", "link1", "dangle", "danglerel", "linkdir", "absdir"])("%j as a last component without SYMLINK_FOLLOW is the link itself", (p) => {
    // Opening a symlink without following it is ELOOP (NOTDIR with O_DIRECTORY), as Linux's O_NOFOLLOW.
    expect(guest.open(p, { rights: READ_ONLY_RIGHTS }).errno).toBe(Errno.LOOP);
    expect(guest.open(p, { oflags: OFlags.CREAT }).errno).toBe(Errno.LOOP);
    expect(guest.open(p, { oflags: OFlags.DIRECTORY }).errno).toBe(Errno.NOTDIR);
    const st = guest.stat(p);
    expect(st.errno).toBe(0);
    expect(st.filetype).toBe(FILETYPE_SYMLINK);
    // readlink hands back the text verbatim (as wasmtime); it does not give access to the target.
    expect(guest.readlink(p).errno).toBe(0);
  });

  test("O_CREAT | O_EXCL on an escaping symlink creates nothing", () => {
    for (const p of ["dangle", "danglerel", "rel"]) {
      const e = guest.open(p, { oflags: OFlags.CREAT | OFlags.EXCL }).errno;
      expect([Errno.EXIST, Errno.LOOP, ...ESCAPE]).toContain(e);
      expectEscapeRefused(guest.open(p, { dirflags: FOLLOW, oflags: OFlags.CREAT | OFlags.EXCL }).errno);
    }
    expect(fs.existsSync(path.join(secret, "new"))).toBe(false);
    expect(fs.existsSync(path.join(secret, "nonexistent"))).toBe(false);
  });

  test.each(["linkdir", "absdir", "chaindir", "dotdot/secret", "a/sneaky/secret"])("a link to an outside directory is refused as an intermediate component: %j", (d) => {
    expectEscapeRefused(guest.open(`${d}/file`, { rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.open(`${d}/new`, { oflags: OFlags.CREAT }).errno);
    expectEscapeRefused(guest.open(`${d}/`, { oflags: OFlags.DIRECTORY }).errno);
    expectEscapeRefused(guest.open(`${d}/.`, { oflags: OFlags.DIRECTORY }).errno);
    expectEscapeRefused(guest.mkdir(`${d}/newdir`));
    expectEscapeRefused(guest.unlink(`${d}/file`));
    expectEscapeRefused(guest.rmdir(`${d}/b`));
    expectEscapeRefused(guest.rename(`${d}/file`, "stolen"));
    expectEscapeRefused(guest.rename("top", `${d}/planted`));
    expectEscapeRefused(guest.link(`${d}/file`, "hard"));
    expectEscapeRefused(guest.link("top", `${d}/hard`));
    expectEscapeRefused(guest.symlink("x", `${d}/sym`));
    expectEscapeRefused(guest.setTimes(`${d}/file`));
    expectEscapeRefused(guest.readlink(`${d}/file`).errno);
    expect(fs.existsSync(sb("top"))).toBe(true);
    expect(fs.existsSync(sb("stolen"))).toBe(false);
  });

  test("the link itself can be removed, renamed and re-linked inside without touching its target", () => {
    expect(guest.rename("rel", "a/rel2")).toBe(0);
    expect(guest.unlink("abs")).toBe(0);
    expect(guest.unlink("linkdir")).toBe(0);
    expect(guest.rmdir("absdir")).toBe(Errno.NOTDIR);
    expect(guest.link("link2", "hardlink-to-link")).toBe(0);
    expect(guest.setTimes("link4")).toBe(0);
    expect(fs.lstatSync(sb("link4")).isSymbolicLink()).toBe(true);
  });

  test("looping links are LOOP", () => {
    fs.symlinkSync("loop2", sb("loop1"));
    fs.symlinkSync("loop1", sb("loop2"));
    fs.symlinkSync("self", sb("self"));
    fs.symlinkSync("loopdir/x", sb("loopdir"));
    fs.symlinkSync("./a/../selfdir", sb("selfdir"));
    for (const p of ["loop1", "loop2", "self", "loopdir", "selfdir"]) {
      expect(guest.open(p, { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno).toBe(Errno.LOOP);
      expect(guest.open(p, { dirflags: FOLLOW, oflags: OFlags.CREAT }).errno).toBe(Errno.LOOP);
      expect(guest.open(`${p}/x`, { rights: READ_ONLY_RIGHTS }).errno).toBe(Errno.LOOP);
      expect(guest.stat(p, FOLLOW).errno).toBe(Errno.LOOP);
      expect(guest.mkdir(`${p}/d`)).toBe(Errno.LOOP);
    }
    // A long chain that ends outside: LOOP or PERM, never the target.
    for (let i = 0; i < 60; i++) fs.symlinkSync(i === 59 ? "../secret/file" : `c${i + 1}`, sb(`c${i}`));
    expect([Errno.LOOP, ...ESCAPE]).toContain(guest.open("c0", { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.open("c50", { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno);
  });
});

describe("symlinks created by the guest", () => {
  test("a link with an absolute target is refused (PERM) and nothing reaches the disk", () => {
    for (const [target, name] of [[secretFile, "g2"], ["/etc/passwd", "g3"], ["/", "g4"]] as const) {
      expect(guest.symlink(target, name)).toBe(Errno.PERM);
      expect(fs.existsSync(sb(name))).toBe(false);
      expect(guest.symlink(target, `a/b/${name}`)).toBe(Errno.PERM);
      expect(fs.existsSync(sb(`a/b/${name}`))).toBe(false);
    }
  });

  test("creating a relative link to outside is allowed; following it is not", () => {
    expect(guest.symlink("../secret/file", "g1")).toBe(0);
    expect(guest.symlink("../secret", "gdir")).toBe(0);
    expect(guest.symlink("../../..", "a/b/gup")).toBe(0);
    expect(fs.readlinkSync(sb("g1"))).toBe("../secret/file");
    expect(guest.readlink("g1")).toEqual({ errno: 0, target: "../secret/file" });
    for (const p of ["g1", "gdir/file", "gdir/b/file", "a/b/gup/secret/file", "a/b/gup/x"]) {
      expectEscapeRefused(guest.open(p, { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno);
      expectEscapeRefused(guest.open(p, { dirflags: FOLLOW, oflags: OFlags.CREAT | OFlags.TRUNC }).errno);
      expectEscapeRefused(guest.stat(p, FOLLOW).errno);
      expectEscapeRefused(guest.setTimes(p, FOLLOW));
    }
    expectEscapeRefused(guest.mkdir("gdir/new"));
    expectEscapeRefused(guest.unlink("gdir/file"));
    expectEscapeRefused(guest.link("g1", "h1", FOLLOW));
    expect(fs.existsSync(sb("h1"))).toBe(false);
  });

  test("O_CREAT through an escaping guest link does not create its target", () => {
    expect(guest.symlink("../secret/created", "gc")).toBe(0);
    expect(guest.symlink(path.join(base, "created-abs"), "gca")).toBe(Errno.PERM);
    expect(guest.symlink("../newdir/f", "gcd")).toBe(0);
    for (const p of ["gc", "gcd"]) {
      expectEscapeRefused(guest.open(p, { dirflags: FOLLOW, oflags: OFlags.CREAT }).errno);
      expectEscapeRefused(guest.open(p, { dirflags: FOLLOW, oflags: OFlags.CREAT | OFlags.EXCL }).errno);
      expect(guest.open(p, { oflags: OFlags.CREAT }).errno).toBe(Errno.LOOP);
    }
    expect(fs.existsSync(path.join(secret, "created"))).toBe(false);
    expect(fs.existsSync(path.join(base, "created-abs"))).toBe(false);
  });

  test("moving a link does not make it escape: it is resolved where it is used", () => {
    // From a/b, "../../secret/file" is sandbox/secret/file (inside, missing); from the root it climbs out.
    expect(guest.symlink("../../secret/file", "a/b/s")).toBe(0);
    expect(guest.open("a/b/s", { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno).toBe(Errno.NOENT);
    expect(guest.rename("a/b/s", "s")).toBe(0);
    expectEscapeRefused(guest.open("s", { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno);
    expect(guest.link("s", "s-hard")).toBe(0);
    expectEscapeRefused(guest.open("s-hard", { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno);
  });
});

describe("rename and link across the boundary", () => {
  beforeEach(() => {
    fs.symlinkSync("../secret", sb("linkdir"));
    fs.symlinkSync(secretFile, sb("abs"));
    before = snapshot();
  });

  test("path_rename with an escaping source or target moves nothing", () => {
    expectEscapeRefused(guest.rename("../secret/file", "stolen"));
    expectEscapeRefused(guest.rename("../secret", "stolendir"));
    expectEscapeRefused(guest.rename("../x", "a/stolen"));
    expectEscapeRefused(guest.rename("top", "../secret/planted"));
    expectEscapeRefused(guest.rename("a", "../a-moved"));
    expectEscapeRefused(guest.rename("top", "../secret/file"));
    expectEscapeRefused(guest.rename("top", "/tmp/planted"));
    expectEscapeRefused(guest.rename("linkdir/file", "stolen"));
    expectEscapeRefused(guest.rename("top", "linkdir/file"));
    expectEscapeRefused(guest.rename("a/b/file", "a/../../x"));
    expect(fs.readFileSync(sb("top"), "utf8")).toBe("top content");
    expect(fs.existsSync(sb("a", "b", "file"))).toBe(true);
    expect(fs.existsSync(sb("stolen"))).toBe(false);
  });

  test("path_link with an escaping source or target links nothing", () => {
    expectEscapeRefused(guest.link("../secret/file", "hl"));
    expectEscapeRefused(guest.link("../secret/file", "hl", FOLLOW));
    expectEscapeRefused(guest.link("a/../../x", "hl"));
    expectEscapeRefused(guest.link("linkdir/file", "hl"));
    expectEscapeRefused(guest.link("abs", "hl", FOLLOW));
    expectEscapeRefused(guest.link("top", "../secret/hl"));
    expectEscapeRefused(guest.link("top", "linkdir/hl"));
    expectEscapeRefused(guest.link("top", "/tmp/hl"));
    expect(fs.existsSync(sb("hl"))).toBe(false);
    expect(fs.statSync(sb("top")).nlink).toBe(1);
  });

  test("rename and link between two directory fds of the preopen stay inside", () => {
    const a = guest.open("a", { oflags: OFlags.DIRECTORY });
    const sub = guest.open("sub", { oflags: OFlags.DIRECTORY });
    expectEscapeRefused(guest.rename("../top", "t", a.fd, sub.fd));
    expectEscapeRefused(guest.rename("b/file", "../../secret/f", a.fd, sub.fd));
    expect(guest.rename("b/file", "moved", a.fd, sub.fd)).toBe(0);
    expect(guest.link("moved", "b/back", 0, sub.fd, a.fd)).toBe(0);
    expect(fs.readFileSync(sb("a", "b", "back"), "utf8")).toBe("inner");
  });

  test("rename and link between two preopens of different directories are XDEV", () => {
    guest.close();
    const other = path.join(base, "other");
    fs.mkdirSync(other);
    notOutside.add("other");
    before = snapshot();
    guest = new Guest({ dirs: { "/sandbox": sandbox, "/other": other } });
    expect(guest.rename("top", "moved", 3, 4)).toBe(Errno.XDEV);
    expect(guest.link("top", "linked", 0, 3, 4)).toBe(Errno.XDEV);
    expect(fs.existsSync(sb("top"))).toBe(true);
    expect(fs.readdirSync(other)).toEqual([]);
  });
});

describe("a regular file used as a directory", () => {
  test.each(["top/x", "top/", "top/.", "top/..", "a/b/file/x", "a/b/file/../file", "tolink/x", "tolink/"])("%j is NOTDIR", (p) => {
    fs.symlinkSync("top", sb("tolink"));
    expect(guest.open(p, { rights: READ_ONLY_RIGHTS }).errno).toBe(Errno.NOTDIR);
    expect(guest.open(p, { dirflags: FOLLOW, rights: READ_ONLY_RIGHTS }).errno).toBe(Errno.NOTDIR);
    expect(guest.stat(p, FOLLOW).errno).toBe(Errno.NOTDIR);
  });

  test("creating under a file is NOTDIR", () => {
    expect(guest.open("top/x", { oflags: OFlags.CREAT }).errno).toBe(Errno.NOTDIR);
    expect(guest.mkdir("top/x")).toBe(Errno.NOTDIR);
    expect(guest.symlink("y", "top/x")).toBe(Errno.NOTDIR);
    expect(guest.rename("a/b/file", "top/x")).toBe(Errno.NOTDIR);
  });
});

describe("a preopen whose host path goes through a symlink", () => {
  test("works and stays confined", () => {
    guest.close();
    fs.symlinkSync("sandbox", path.join(base, "via"));
    fs.symlinkSync(path.join(base, "via"), path.join(base, "via2"));
    before = snapshot();
    guest = new Guest({ dirs: { "/s": path.join(base, "via2") } });
    expect(guest.readFile("top")).toBe("top content");
    expect(guest.readFile("a/../a/b/file")).toBe("inner");
    expectEscapeRefused(guest.open("../secret/file", { rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.open("../via/top", { rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.open("..", { oflags: OFlags.DIRECTORY }).errno);
    expect(guest.open("made", { oflags: OFlags.CREAT }).errno).toBe(0);
    expect(fs.existsSync(sb("made"))).toBe(true);
    // Re-pointing the host link afterwards does not move the preopen: it was resolved once.
    fs.unlinkSync(path.join(base, "via"));
    fs.symlinkSync("secret", path.join(base, "via"));
    notOutside.add("via");
    before = snapshot();
    expect(guest.readFile("top")).toBe("top content");
    expect(guest.open("file", { rights: READ_ONLY_RIGHTS }).errno).toBe(Errno.NOENT);
  });
});

describe("read-only preopens", () => {
  let ro = "";
  let roBefore: Map<string, string>;
  const roSnapshot = (): Map<string, string> => {
    const saved = notOutside;
    const savedBase = base;
    notOutside = new Set();
    base = ro;
    try {
      return snapshot();
    } finally {
      notOutside = saved;
      base = savedBase;
    }
  };

  beforeEach(() => {
    guest.close();
    ro = path.join(base, "ro");
    notOutside.add("ro");
    before = snapshot();
    roBefore = roSnapshot();
    guest = new Guest({ dirs: { "/ro": { path: ro, readOnly: true } } });
  });

  afterEach(() => {
    expect(Object.fromEntries(roSnapshot())).toEqual(Object.fromEntries(roBefore));
  });

  function refused(errno: number): void {
    expect(REFUSED_RO, `errno ${errno}`).toContain(errno);
  }

  test("reading works", () => {
    expect(guest.readFile("data")).toBe("RO");
    expect(guest.readFile("sub/f")).toBe("RO-SUB");
    expect(guest.readFile("datalink", { dirflags: FOLLOW })).toBe("RO");
    expect(guest.stat("data").errno).toBe(0);
    expect(guest.stat("data").size).toBe(2n);
    expect(guest.readlink("datalink")).toEqual({ errno: 0, target: "data" });
    const d = guest.open("sub", { oflags: OFlags.DIRECTORY });
    expect(d.errno).toBe(0);
    const buf = guest.alloc(1024);
    const used = guest.alloc(4);
    expect(guest.w.fd_readdir(d.fd, buf, 1024, 0n, used)).toBe(0);
    expect(guest.u32(used)).toBeGreaterThan(0);
    expect(guest.readFile("f", { dirfd: d.fd })).toBe("RO-SUB");
  });

  test("path_open that could write is refused", () => {
    refused(guest.open("new", { oflags: OFlags.CREAT, rights: READ_ONLY_RIGHTS }).errno);
    refused(guest.open("new", { oflags: OFlags.CREAT | OFlags.EXCL, rights: READ_ONLY_RIGHTS }).errno);
    refused(guest.open("data", { oflags: OFlags.CREAT, rights: READ_ONLY_RIGHTS }).errno);
    refused(guest.open("data", { oflags: OFlags.TRUNC, rights: READ_ONLY_RIGHTS }).errno);
    refused(guest.open("data", { rights: BigInt(Rights.FD_WRITE) }).errno);
    refused(guest.open("data", { rights: BigInt(Rights.FD_READ | Rights.FD_WRITE), fdflags: FdFlags.APPEND }).errno);
    refused(guest.open("data", { rights: BigInt(Rights.FD_FILESTAT_SET_SIZE) }).errno);
    refused(guest.open("data", { rights: BigInt(Rights.FD_ALLOCATE) }).errno);
    refused(guest.open("data", { rights: BigInt(RIGHTS_FILE) }).errno);
    refused(guest.open("datalink", { dirflags: FOLLOW, rights: BigInt(Rights.FD_WRITE) }).errno);
    refused(guest.open("sub/new", { oflags: OFlags.CREAT }).errno);
    expect(fs.existsSync(path.join(ro, "new"))).toBe(false);
  });

  test("every path call that writes is refused", () => {
    refused(guest.mkdir("newdir"));
    refused(guest.mkdir("sub/newdir"));
    refused(guest.rmdir("emptydir"));
    refused(guest.unlink("data"));
    refused(guest.unlink("datalink"));
    refused(guest.rename("data", "renamed"));
    refused(guest.rename("sub", "emptydir"));
    refused(guest.link("data", "hard"));
    refused(guest.link("datalink", "hard", FOLLOW));
    refused(guest.symlink("data", "sym"));
    refused(guest.setTimes("data"));
    refused(guest.setTimes("datalink"));
    refused(guest.setTimes("datalink", FOLLOW));
    refused(guest.setTimes("."));
    refused(guest.setTimes("sub"));
    refused(guest.w.fd_filestat_set_times(3, 1n, 1n, FST_SET));
  });

  test("a sub-directory fd of a read-only preopen is read-only too", () => {
    const d = guest.open("sub", { oflags: OFlags.DIRECTORY });
    expect(d.errno).toBe(0);
    refused(guest.open("f", { dirfd: d.fd, rights: BigInt(Rights.FD_WRITE) }).errno);
    refused(guest.open("g", { dirfd: d.fd, oflags: OFlags.CREAT }).errno);
    refused(guest.mkdir("x", d.fd));
    refused(guest.unlink("f", d.fd));
    refused(guest.symlink("f", "s", d.fd));
    refused(guest.w.fd_filestat_set_times(d.fd, 1n, 1n, FST_SET));
  });

  test("an fd opened read-only cannot write, truncate, allocate or gain rights", () => {
    const f = guest.open("data", { rights: READ_ONLY_RIGHTS });
    expect(f.errno).toBe(0);
    refused(guest.write(f.fd, "pwned"));
    refused(guest.w.fd_filestat_set_size(f.fd, 0n));
    refused(guest.w.fd_filestat_set_size(f.fd, 100n));
    refused(guest.w.fd_allocate(f.fd, 0n, 100n));
    refused(guest.w.fd_fdstat_set_rights(f.fd, ALL_RIGHTS, 0n));
    refused(guest.w.fd_pwrite(f.fd, ...iovFor(guest, "x"), 0n, guest.alloc(4)));
    expect(guest.readFd(f.fd)).toBe("RO");
  });

  test("an fd opened with only FD_FILESTAT_SET_TIMES cannot change the file's times", () => {
    // FD_FILESTAT_SET_TIMES is not a "writing" right, so the file is opened O_RDONLY; futimes
    // on a read-only descriptor still succeeds on the host for the file's owner.
    const f = guest.open("data", { rights: READ_ONLY_RIGHTS | BigInt(Rights.FD_FILESTAT_SET_TIMES) });
    expect(f.errno).toBe(0);
    refused(guest.w.fd_filestat_set_times(f.fd, 1_000_000_000_000_000_000n, 1_000_000_000_000_000_000n, FST_SET));
  });
});

function iovFor(g: Guest, s: string): [number, number] {
  const [buf, len] = g.str(s);
  const iov = g.alloc(8);
  const dv = new DataView(g.memory.buffer);
  dv.setUint32(iov, buf, true);
  dv.setUint32(iov + 4, len, true);
  return [iov, 1];
}

describe("a writable preopen: descriptors opened without write rights", () => {
  test("fd_write / fd_filestat_set_size / fd_allocate on a read-only fd are NOTCAPABLE", () => {
    const f = guest.open("top", { rights: READ_ONLY_RIGHTS });
    expect(f.errno).toBe(0);
    expect(guest.write(f.fd, "pwned")).toBe(Errno.NOTCAPABLE);
    expect(guest.w.fd_filestat_set_size(f.fd, 0n)).toBe(Errno.NOTCAPABLE);
    expect(guest.w.fd_allocate(f.fd, 0n, 100n)).toBe(Errno.NOTCAPABLE);
    expect(guest.w.fd_fdstat_set_rights(f.fd, ALL_RIGHTS, 0n)).toBe(Errno.NOTCAPABLE);
    expect(fs.readFileSync(sb("top"), "utf8")).toBe("top content");
  });

  test("a directory fd without inheriting write rights cannot open files for writing", () => {
    const d = guest.open("a", { oflags: OFlags.DIRECTORY, inheriting: READ_ONLY_RIGHTS });
    expect(d.errno).toBe(0);
    const f = guest.open("b/file", { dirfd: d.fd });
    expect(f.errno).toBe(0);
    expect(guest.write(f.fd, "pwned")).toBe(Errno.NOTCAPABLE);
    expect(fs.readFileSync(sb("a", "b", "file"), "utf8")).toBe("inner");
  });
});

describe("races: directories swapped for symlinks", () => {
  test("an open directory fd keeps naming the original directory after a swap on disk", () => {
    const a = guest.open("a", { oflags: OFlags.DIRECTORY });
    expect(a.errno).toBe(0);
    fs.renameSync(sb("a"), sb("a.old"));
    fs.symlinkSync(secret, sb("a"));
    expect(guest.readFile("b/file", { dirfd: a.fd })).toBe("inner");
    const f = guest.open("b/new", { dirfd: a.fd, oflags: OFlags.CREAT });
    expect(f.errno).toBe(0);
    expect(guest.write(f.fd, "written")).toBe(0);
    expect(fs.readFileSync(sb("a.old", "b", "new"), "utf8")).toBe("written");
    expect(guest.mkdir("b/d", a.fd)).toBe(0);
    expect(fs.statSync(sb("a.old", "b", "d")).isDirectory()).toBe(true);
    expect(guest.rename("b/file", "b/file2", a.fd, a.fd)).toBe(0);
    expect(guest.unlink("b/file2", a.fd)).toBe(0);
    expect(fs.existsSync(path.join(secret, "b", "file"))).toBe(true);
    // Through the preopen, "a" is now a symlink to an absolute outside path.
    expectEscapeRefused(guest.open("a/b/file", { rights: READ_ONLY_RIGHTS }).errno);
    expectEscapeRefused(guest.open("a/b/new2", { oflags: OFlags.CREAT }).errno);
  });

  test("same with a relative symlink climbing out", () => {
    const a = guest.open("a", { oflags: OFlags.DIRECTORY });
    const b = guest.open("a/b", { oflags: OFlags.DIRECTORY });
    fs.renameSync(sb("a"), sb("a.old"));
    fs.symlinkSync("../secret", sb("a"));
    expect(guest.readFile("b/file", { dirfd: a.fd })).toBe("inner");
    expect(guest.readFile("file", { dirfd: b.fd })).toBe("inner");
    expectEscapeRefused(guest.open("a/b/file", { rights: READ_ONLY_RIGHTS }).errno);
  });

  test("the preopen itself swapped for a symlink on disk: the guest still sees the original", () => {
    notOutside.add("sandbox.old");
    fs.renameSync(sandbox, path.join(base, "sandbox.old"));
    fs.symlinkSync("secret", sandbox);
    before = snapshot();
    expect(guest.readFile("top")).toBe("top content");
    expect(guest.open("file", { rights: READ_ONLY_RIGHTS }).errno).toBe(Errno.NOENT);
    expect(guest.open("made", { oflags: OFlags.CREAT }).errno).toBe(0);
    expect(fs.existsSync(path.join(base, "sandbox.old", "made"))).toBe(true);
    expect(guest.unlink("made")).toBe(0);
  });

  /**
   * Swap `name` (in the sandbox) for a symlink to the outside at the precise moment the host has
   * just lstat'ed it — simulating another process racing the resolution. `when` picks the lstat
   * call, from its call stack.
   */
  function raceOnLstat(name: string, target: string, when: (stack: string) => boolean, run: () => void): boolean {
    return raceOn("lstatSync", name, target, when, run);
  }

  /**
   * Swap `name` for a symlink to `target` right after the host's `fn` (an fs call) touched it, or
   * right before it does with `before`.
   */
  function raceOn(fn: "lstatSync" | "openSync", name: string, target: string, when: (stack: string) => boolean, run: () => void, before = false): boolean {
    const require = createRequire(import.meta.url);
    const cjs = require("node:fs") as typeof fs;
    const orig = cjs[fn];
    let fired = false;
    const suffix = `/${name}`;
    const patchable = cjs as unknown as Record<string, unknown>;
    patchable[fn] = function (this: unknown, ...args: unknown[]) {
      const p = args[0];
      const swap = !fired && typeof p === "string" && p.endsWith(suffix) && when(new Error().stack ?? "");
      if (swap && before) {
        fired = true;
        fs.renameSync(sb(name), `${sb(name)}.old`);
        fs.symlinkSync(target, sb(name));
      }
      const res = (orig as (...a: unknown[]) => unknown).apply(this, args);
      if (swap && !before) {
        fired = true;
        const full = sb(name);
        fs.renameSync(full, `${full}.old`);
        fs.symlinkSync(target, full);
      }
      return res;
    };
    syncBuiltinESMExports();
    try {
      run();
    } finally {
      patchable[fn] = orig;
      syncBuiltinESMExports();
    }
    return fired;
  }

  const any = (): boolean => true;

  // Intermediate directories are opened in one step (O_DIRECTORY | O_NOFOLLOW), with no check
  // before it to race; the window left is after the open, and it must not matter: everything
  // below goes through the descriptor of the directory that was opened.
  test("an intermediate directory swapped right after its open is not followed", () => {
    let e = -1;
    expect(raceOn("openSync", "a", secret, any, () => { e = guest.open("a/b/file", { rights: READ_ONLY_RIGHTS }).errno; })).toBe(true);
    // Either the original directory's file is opened (it still exists, as a.old) or it is refused.
    expect([0, Errno.NOTDIR, Errno.LOOP, ...ESCAPE]).toContain(e);
  });

  test("an intermediate directory swapped during O_CREAT creates nothing outside", () => {
    let e = -1;
    expect(raceOn("openSync", "a", secret, any, () => { e = guest.open("a/b/new", { oflags: OFlags.CREAT }).errno; })).toBe(true);
    expect([0, Errno.NOTDIR, Errno.LOOP, ...ESCAPE]).toContain(e);
    expect(fs.existsSync(path.join(secret, "b", "new"))).toBe(false);
    // If it was created, it is in the directory that was opened, inside the sandbox.
    if (e === 0) expect(fs.existsSync(sb("a.old/b/new"))).toBe(true);
  });

  // path_open opens a last component at once (no lstat before it): the window is right before
  // that open, and the open must not follow what was swapped in.
  test.each([[0, "no"], [FOLLOW, "with"]])("a last component swapped right before its open is not followed (O_TRUNC, %i: %s SYMLINK_FOLLOW)", (dirflags) => {
    fs.writeFileSync(sb("victim"), "victim");
    let e = 0;
    expect(raceOn("openSync", "victim", secretFile, any, () => {
      e = guest.open("victim", { dirflags, oflags: OFlags.TRUNC, rights: BigInt(Rights.FD_READ | Rights.FD_WRITE) }).errno;
    }, true)).toBe(true);
    expect([Errno.LOOP, ...ESCAPE]).toContain(e);
    expect(fs.readFileSync(secretFile, "utf8")).not.toBe("");
  });

  test("a last component swapped inside path_filestat_set_times is not followed", () => {
    fs.writeFileSync(sb("victim"), "victim");
    // Swap right after the host's own lstat in setTimesPath, before it sets the times by path.
    const inSetTimes = (stack: string): boolean => stack.includes("setTimesPath");
    let e = -1;
    expect(raceOnLstat("victim", secretFile, inSetTimes, () => { e = guest.setTimes("victim"); })).toBe(true);
    // Either refused, or the times landed on the link itself — never on the outside file
    // (checked by the outside snapshot in afterEach).
    expect(fs.statSync(secretFile).mtimeMs).not.toBe(1_000_000_000_000);
    expect([0, Errno.LOOP, ...ESCAPE]).toContain(e);
  });
});

describe("descriptors after close()", () => {
  // close() releases the host descriptors; if the WASI object is still driven afterwards (a
  // guest still running, a late call), its numbers may by then name someone else's files.
  test("a closed environment never writes through a host descriptor number reused by someone else", () => {
    const f = guest.open("top", { rights: BigInt(Rights.FD_READ | Rights.FD_WRITE) });
    expect(f.errno).toBe(0);
    guest.close();
    // The host opens outside files: they take the lowest free numbers, those just released.
    const host: number[] = [];
    for (let i = 0; i < 16; i++) host.push(fs.openSync(secretFile, "r+"));
    try {
      expect(guest.write(f.fd, "pwned")).not.toBe(0);
    } finally {
      for (const fd of host) fs.closeSync(fd);
    }
  });

  test("a closed environment never resolves paths in a directory descriptor number reused by someone else", () => {
    const a = guest.open("a", { oflags: OFlags.DIRECTORY });
    expect(a.errno).toBe(0);
    guest.close();
    const host: number[] = [];
    for (let i = 0; i < 16; i++) host.push(fs.openSync(secret, "r"));
    try {
      expect(guest.open("file", { rights: READ_ONLY_RIGHTS }).errno).not.toBe(0);
      expect(guest.open("file", { dirfd: a.fd, rights: READ_ONLY_RIGHTS }).errno).not.toBe(0);
      expect(guest.open("planted", { oflags: OFlags.CREAT }).errno).not.toBe(0);
    } finally {
      for (const fd of host) fs.closeSync(fd);
    }
  });
});

describe("legitimate use keeps working", () => {
  test("symlinks inside the preopen resolve to the right content", () => {
    fs.symlinkSync("top", sb("rl"));
    fs.symlinkSync("../../top", sb("a", "b", "up"));
    fs.symlinkSync("l2", sb("l1"));
    fs.symlinkSync("a/b/file", sb("l2"));
    fs.symlinkSync("a/b", sb("dl"));
    fs.symlinkSync("dl", sb("dl2"));
    fs.symlinkSync(".", sb("dot"));
    fs.symlinkSync("..", sb("a", "up1"));
    fs.symlinkSync("b/", sb("a", "bslash"));
    expect(guest.readFile("rl", { dirflags: FOLLOW })).toBe("top content");
    expect(guest.readFile("a/b/up", { dirflags: FOLLOW })).toBe("top content");
    expect(guest.readFile("l1", { dirflags: FOLLOW })).toBe("inner");
    expect(guest.readFile("dl/file")).toBe("inner");
    expect(guest.readFile("dl2/file")).toBe("inner");
    expect(guest.readFile("dot/dot/top")).toBe("top content");
    expect(guest.readFile("a/up1/top")).toBe("top content");
    expect(guest.readFile("a/up1/a/up1/a/b/file")).toBe("inner");
    expect(guest.readFile("a/bslash/file")).toBe("inner");
    expect(guest.open("dl", { dirflags: FOLLOW, oflags: OFlags.DIRECTORY }).errno).toBe(0);
    const viaLink = guest.stat("l1", FOLLOW);
    expect(viaLink.errno).toBe(0);
    expect(viaLink.filetype).toBe(FILETYPE_REGULAR);
    expect(viaLink.ino).toBe(fs.statSync(sb("a", "b", "file"), { bigint: true }).ino);
  });

  test("`..` that stays inside works", () => {
    expect(guest.readFile("a/../top")).toBe("top content");
    expect(guest.readFile("a/b/../../a/b/file")).toBe("inner");
    expect(guest.readFile("./a/./b/.././b/file")).toBe("inner");
    expect(guest.open("a/..", { oflags: OFlags.DIRECTORY }).errno).toBe(0);
    expect(guest.open(".", { oflags: OFlags.DIRECTORY }).errno).toBe(0);
    expect(guest.mkdir("a/../newdir")).toBe(0);
    expect(fs.statSync(sb("newdir")).isDirectory()).toBe(true);
  });

  test("guest-made links inside, and O_CREAT through a dangling inside link", () => {
    expect(guest.symlink("a/b/file", "gl")).toBe(0);
    expect(guest.readFile("gl", { dirflags: FOLLOW })).toBe("inner");
    expect(guest.symlink("sub/created", "gd")).toBe(0);
    const f = guest.open("gd", { dirflags: FOLLOW, oflags: OFlags.CREAT });
    expect(f.errno).toBe(0);
    expect(guest.write(f.fd, "hello")).toBe(0);
    expect(fs.readFileSync(sb("sub", "created"), "utf8")).toBe("hello");
    expect(guest.link("gl", "hard", FOLLOW)).toBe(0);
    expect(fs.statSync(sb("a", "b", "file")).nlink).toBe(2);
    expect(guest.rename("hard", "a/hard2")).toBe(0);
    expect(guest.setTimes("gl", FOLLOW)).toBe(0);
  });
});
