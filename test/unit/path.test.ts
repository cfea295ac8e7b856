/** `resolve()` of guest paths over a MemFS: sandboxing, symlinks, and the shape of its result. */
import { describe, expect, it } from "vitest";
import { resolve as resolveIn, MAX_SYMLINK_HOPS, type Resolved } from "../../packages/core/src/path.js";
import { Errno, MemFS, WasiError, type DirectoryHandle, type MemFSTree } from "../../packages/core/src/index.js";

function errnoOf(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WasiError);
    return (e as WasiError).errno;
  }
  throw new Error("expected a WasiError");
}

const tree: MemFSTree = {
  "a/b/c/file.txt": "deep",
  "a/f": "F",
  "top.txt": "T",
  "empty": {},
  // symlinks
  "ln_file": { symlink: "top.txt" },
  "ln_dir": { symlink: "a/b" },
  "a/b/ln_rel": { symlink: "../f" }, // relative to a/b, so a/f
  "a/b/ln_up_dir": { symlink: ".." },
  "ln_abs": { symlink: "/top.txt" },
  "a/ln_escape": { symlink: "../../x" },
  "ln_escape2": { symlink: "a/../../top.txt" },
  "ln_self": { symlink: "ln_self" },
  "ln_ping": { symlink: "ln_pong" },
  "ln_pong": { symlink: "ln_ping" },
  "ln_dangling": { symlink: "missing" },
  "ln_trailing": { symlink: "a/" },
  "ln_dot": { symlink: "." },
};

const fs = MemFS.from(tree);
const root = fs.root;
/** resolve() with a list for the handles it opens (MemFS handles need no closing). */
const resolve = (start: DirectoryHandle, path: string, follow: boolean): Resolved => resolveIn(start, path, follow, []);
const ino = (path: string): bigint => {
  let d: DirectoryHandle = root;
  const parts = path.split("/").filter((p) => p !== "");
  const last = parts.pop();
  for (const p of parts) d = d.openDirectory(p);
  return last === undefined ? d.stat().ino : d.statAt(last).ino;
};

/** `r.dir` is the directory at `dirPath` and `r.name` is `name`. */
function expectAt(r: Resolved, dirPath: string, name: string | null, trailingSlash = false): void {
  expect(r.dir.stat().ino).toBe(ino(dirPath));
  expect(r.name).toBe(name);
  expect(r.trailingSlash).toBe(trailingSlash);
}

describe("resolve: plain components", () => {
  it("a single name stays in the start directory", () => {
    expectAt(resolve(root, "top.txt", false), "", "top.txt");
  });

  it("walks intermediate directories", () => {
    expectAt(resolve(root, "a/b/c/file.txt", false), "a/b/c", "file.txt");
  });

  it("empty components are skipped", () => {
    expectAt(resolve(root, "a//b///c/file.txt", false), "a/b/c", "file.txt");
  });

  it(". names the start directory itself", () => {
    const r = resolve(root, ".", false);
    expectAt(r, "", null);
    expect(r.parent).toBeNull();
    expectAt(resolve(root, "./a/./f", false), "a", "f");
    expectAt(resolve(root, "a/.", false), "a", null);
  });

  it(".. goes up inside the sandbox", () => {
    expectAt(resolve(root, "a/b/../f", false), "a", "f");
    expectAt(resolve(root, "a/b/c/../../../top.txt", false), "", "top.txt");
    const r = resolve(root, "a/b/..", false);
    expectAt(r, "a", null);
    expect(r.parent?.stat().ino).toBe(ino(""));
    expectAt(resolve(root, "a/..", false), "", null);
  });

  it("parent is the directory containing dir", () => {
    const r = resolve(root, "a/b/c/file.txt", false);
    expect(r.parent?.stat().ino).toBe(ino("a/b"));
  });
});

describe("resolve: errors", () => {
  it(".. above the start directory is PERM (63)", () => {
    expect(errnoOf(() => resolve(root, "..", false))).toBe(63);
    expect(errnoOf(() => resolve(root, "../x", false))).toBe(Errno.PERM);
    expect(errnoOf(() => resolve(root, "a/../../top.txt", false))).toBe(Errno.PERM);
    expect(errnoOf(() => resolve(root, "a/b/../../..", false))).toBe(Errno.PERM);
    // from a subdirectory as start, its own parent is outside too
    const a = root.openDirectory("a");
    expect(errnoOf(() => resolve(a, "../top.txt", false))).toBe(Errno.PERM);
  });

  it("absolute paths are PERM", () => {
    expect(errnoOf(() => resolve(root, "/top.txt", false))).toBe(Errno.PERM);
    expect(errnoOf(() => resolve(root, "/", false))).toBe(Errno.PERM);
  });

  it("NUL is INVAL", () => {
    expect(errnoOf(() => resolve(root, "top\0.txt", false))).toBe(Errno.INVAL);
    expect(errnoOf(() => resolve(root, "\0", false))).toBe(Errno.INVAL);
  });

  it("empty is NOENT", () => {
    expect(errnoOf(() => resolve(root, "", false))).toBe(Errno.NOENT);
    expect(errnoOf(() => resolve(root, "", true))).toBe(Errno.NOENT);
  });

  it("a file used as a directory is NOTDIR", () => {
    expect(errnoOf(() => resolve(root, "top.txt/x", false))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => resolve(root, "a/f/x/y", false))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => resolve(root, "ln_file/x", false))).toBe(Errno.NOTDIR);
  });

  it("a missing intermediate component is NOENT", () => {
    expect(errnoOf(() => resolve(root, "nope/x", false))).toBe(Errno.NOENT);
    expect(errnoOf(() => resolve(root, "a/nope/x", true))).toBe(Errno.NOENT);
    expect(errnoOf(() => resolve(root, "ln_dangling/x", false))).toBe(Errno.NOENT);
  });
});

describe("resolve: missing last component and trailing slash", () => {
  it("a missing last component is returned for creation", () => {
    expectAt(resolve(root, "new.txt", false), "", "new.txt");
    expectAt(resolve(root, "a/b/new", true), "a/b", "new");
  });

  it("a trailing slash is reported", () => {
    expectAt(resolve(root, "a/", false), "", "a", true);
    expectAt(resolve(root, "a/b//", false), "a", "b", true);
    expectAt(resolve(root, "newdir/", false), "", "newdir", true);
    // resolve only reports it; callers turn "file/" into NOTDIR
    expectAt(resolve(root, "top.txt/", false), "", "top.txt", true);
    expectAt(resolve(root, "top.txt", false), "", "top.txt", false);
    expectAt(resolve(root, "./", false), "", null, true);
  });
});

describe("resolve: symlinks", () => {
  it("in the middle are always followed", () => {
    expectAt(resolve(root, "ln_dir/c/file.txt", false), "a/b/c", "file.txt");
    expectAt(resolve(root, "ln_dir/ln_up_dir/f", false), "a", "f");
  });

  it("at the end only with follow", () => {
    expectAt(resolve(root, "ln_file", false), "", "ln_file");
    expectAt(resolve(root, "ln_file", true), "", "top.txt");
    expectAt(resolve(root, "ln_dir", false), "", "ln_dir");
    expectAt(resolve(root, "ln_dir", true), "a", "b");
  });

  it("at the end with a trailing slash are followed even without follow", () => {
    expectAt(resolve(root, "ln_dir/", false), "a", "b", true);
  });

  it("a target ending in / makes the result demand a directory", () => {
    expectAt(resolve(root, "ln_trailing", true), "", "a", true);
  });

  it("a target of . names the link's directory", () => {
    expectAt(resolve(root, "ln_dot", true), "", null);
    expectAt(resolve(root, "ln_dot/a/f", false), "a", "f");
  });

  it("relative targets resolve from the link's own directory", () => {
    expectAt(resolve(root, "a/b/ln_rel", true), "a", "f");
    expectAt(resolve(root, "ln_dir/ln_rel", true), "a", "f");
  });

  it("a dangling link at the end resolves to its missing target (for O_CREAT)", () => {
    expectAt(resolve(root, "ln_dangling", true), "", "missing");
    expectAt(resolve(root, "ln_dangling", false), "", "ln_dangling");
  });

  it("absolute targets are PERM", () => {
    expect(errnoOf(() => resolve(root, "ln_abs", true))).toBe(Errno.PERM);
    expect(errnoOf(() => resolve(root, "ln_abs/", false))).toBe(Errno.PERM);
    // not followed: the link itself is named, no error
    expectAt(resolve(root, "ln_abs", false), "", "ln_abs");
  });

  it("targets climbing out of the start directory are PERM", () => {
    expect(errnoOf(() => resolve(root, "a/ln_escape", true))).toBe(Errno.PERM);
    expect(errnoOf(() => resolve(root, "ln_escape2", true))).toBe(Errno.PERM);
    // from a/ as start, a/b/ln_up_dir/.. leaves the sandbox
    const a = root.openDirectory("a");
    expect(errnoOf(() => resolve(a, "b/ln_up_dir/..", false))).toBe(Errno.PERM);
    expectAt(resolve(a, "b/ln_up_dir/f", false), "a", "f");
  });

  it("loops are LOOP (32)", () => {
    expect(errnoOf(() => resolve(root, "ln_self", true))).toBe(32);
    expect(errnoOf(() => resolve(root, "ln_ping", true))).toBe(Errno.LOOP);
    expect(errnoOf(() => resolve(root, "ln_ping/x", false))).toBe(Errno.LOOP);
    // not followed at the end: no loop
    expectAt(resolve(root, "ln_ping", false), "", "ln_ping");
  });
});

describe("resolve: the 40-hop budget", () => {
  function chain(n: number): MemFS {
    const t: MemFSTree = { target: "end" };
    for (let i = 1; i <= n; i++) t[`l${i}`] = { symlink: i === n ? "target" : `l${i + 1}` };
    return MemFS.from(t);
  }

  it("is 40", () => {
    expect(MAX_SYMLINK_HOPS).toBe(40);
  });

  it("a chain of 40 links resolves", () => {
    const r = resolve(chain(40).root, "l1", true);
    expect(r.name).toBe("target");
  });

  it("a chain of 41 links is LOOP", () => {
    expect(errnoOf(() => resolve(chain(41).root, "l1", true))).toBe(Errno.LOOP);
  });

  it("hops count across the whole path, not per component", () => {
    // 20 links through a directory link in the middle, then 21 more at the end: 41 in all.
    const t: MemFSTree = { "d/target": "x" };
    for (let i = 1; i <= 20; i++) t[`m${i}`] = { symlink: i === 20 ? "d" : `m${i + 1}` };
    for (let i = 1; i <= 21; i++) t[`d/e${i}`] = { symlink: i === 21 ? "target" : `e${i + 1}` };
    const r = MemFS.from(t).root;
    expect(errnoOf(() => resolve(r, "m1/e1", true))).toBe(Errno.LOOP);
    expect(resolve(r, "m1/e2", true).name).toBe("target"); // 20 + 20 = 40
  });
});
