// Runs test/differential/fsops.wasm (a filesystem-operation interpreter) on one program of
// operations against three filesystems, and dumps each resulting tree in one normalized shape:
// anywasi over MemFS, anywasi over NodeFS on a real temporary directory, and node:wasi (libuv's
// uvwasi, an independent implementation) on another real temporary directory.
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WASI as NodeWASI } from "node:wasi";
// The built packages (run `npm run build` first), so that MemFS, NodeFS and the core share one
// `WasiError` class, as they do for users.
import { FileType, MemFS, OutputCollector, WASI, type DirectoryHandle } from "@anywasi/core";
import { NodeFS } from "@anywasi/node";

import { INITIAL } from "./programs.js";

export const GUEST = new WebAssembly.Module(fs.readFileSync(new URL("./fsops.wasm", import.meta.url)));

/** A tree as path → "dir" | "file:<content>" | "link:<target>", every path listed. */
export type Dump = Record<string, string>;

const dec = new TextDecoder();

export interface Outcome { lines: string[]; tree: Dump }

function seedDisk(dir: string): void {
  for (const [path, content] of Object.entries(INITIAL)) {
    if (content === null) fs.mkdirSync(join(dir, path), { recursive: true });
    else {
      fs.mkdirSync(join(dir, path, ".."), { recursive: true });
      if (typeof content === "string") fs.writeFileSync(join(dir, path), content);
      else fs.symlinkSync(content.symlink, join(dir, path));
    }
  }
}

function seedMemory(): MemFS {
  const tree: Record<string, string | { symlink: string } | Record<string, never>> = {};
  for (const [path, content] of Object.entries(INITIAL)) tree[path] = content === null ? {} : content;
  return MemFS.from(tree);
}

/** Every entry under a real directory (lstat, never following). */
export function dumpDisk(root: string): Dump {
  const out: Dump = {};
  const walk = (rel: string): void => {
    for (const name of fs.readdirSync(join(root, rel)).sort()) {
      const path = rel === "" ? name : `${rel}/${name}`;
      const st = fs.lstatSync(join(root, path));
      if (st.isDirectory()) {
        out[path] = "dir";
        walk(path);
      } else if (st.isSymbolicLink()) out[path] = `link:${fs.readlinkSync(join(root, path))}`;
      else out[path] = `file:${fs.readFileSync(join(root, path), "latin1")}`;
    }
  };
  walk("");
  return out;
}

/** Every entry under a `DirectoryHandle`, in the shape of `dumpDisk`. */
export function dumpHandle(root: DirectoryHandle): Dump {
  const out: Dump = {};
  const walk = (dir: DirectoryHandle, rel: string): void => {
    // A copy: the handle's array is its own (MemFS hands out the same one until the directory changes).
    for (const e of [...dir.readDirectory()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.filetype === FileType.DIRECTORY) {
        out[path] = "dir";
        const sub = dir.openDirectory(e.name);
        try { walk(sub, path); } finally { sub.close?.(); }
      } else if (e.filetype === FileType.SYMBOLIC_LINK) out[path] = `link:${dir.readlinkAt(e.name)}`;
      else {
        const f = dir.openFile(e.name, { create: false, exclusive: false, truncate: false, read: true, write: false });
        const bytes = new Uint8Array(Number(f.stat().size));
        const n = f.read(bytes, 0n);
        f.close?.();
        out[path] = `file:${Buffer.from(bytes.subarray(0, n)).toString("latin1")}`;
      }
    }
  };
  walk(root, "");
  return out;
}

function runAnywasi(program: readonly string[], root: DirectoryHandle): string[] {
  const stdout = new OutputCollector();
  const wasi = new WASI({ args: ["fsops", ...program], preopens: { "/": root }, stdout, stderr: stdout });
  const instance = new WebAssembly.Instance(GUEST, wasi.getImportObject());
  const code = wasi.start(instance);
  if (code !== 0) throw new Error(`fsops exited with ${code}: ${stdout.text()}`);
  return stdout.text().split("\n").slice(0, -1);
}

/** anywasi over a fresh MemFS. */
export function onMemFS(program: string[]): Outcome {
  const mem = seedMemory();
  const lines = runAnywasi(program, mem.root);
  return { lines, tree: dumpHandle(mem.root) };
}

function scratch(prefix: string): string {
  const dir = fs.mkdtempSync(join(tmpdir(), prefix));
  seedDisk(dir);
  return dir;
}

/** anywasi over NodeFS on a fresh temporary directory. */
export function onNodeFS(program: string[]): Outcome {
  const dir = scratch("anywasi-diff-nodefs-");
  const nodefs = new NodeFS(dir);
  try {
    const lines = runAnywasi(program, nodefs.root);
    return { lines, tree: dumpDisk(dir) };
  } finally {
    nodefs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** node:wasi (uvwasi) on a fresh temporary directory: the independent oracle. */
export function onNodeWasi(program: string[]): Outcome {
  const dir = scratch("anywasi-diff-nodewasi-");
  const outPath = join(dir, "..", `${dir.split("/").pop()}.out`);
  const out = fs.openSync(outPath, "w+");
  try {
    const wasi = new NodeWASI({ version: "preview1", args: ["fsops", ...program], preopens: { "/": dir }, stdout: out, stderr: out, returnOnExit: true });
    const instance = new WebAssembly.Instance(GUEST, wasi.getImportObject() as WebAssembly.Imports);
    const code = wasi.start(instance);
    const text = dec.decode(fs.readFileSync(outPath));
    if (code !== 0) throw new Error(`fsops exited with ${code} under node:wasi: ${text}`);
    return { lines: text.split("\n").slice(0, -1), tree: dumpDisk(dir) };
  } finally {
    fs.closeSync(out);
    fs.rmSync(outPath, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** WASI errno numbers of the POSIX error codes Node's fs reports. */
const ERRNO: Record<string, number> = {
  EACCES: 2, EBADF: 8, EBUSY: 10, EEXIST: 20, EINVAL: 28, EISDIR: 31, ELOOP: 32, ENAMETOOLONG: 37,
  ENOENT: 44, ENOTDIR: 54, ENOTEMPTY: 55, EPERM: 63, EXDEV: 75,
};

/** Marks an operation whose path leaves the temporary directory: Node's fs cannot be asked. */
export const ESCAPES = "escapes";

/**
 * What Linux answers, through Node's fs, for operation `program[i]` (a path operation on the root,
 * "r") after `program[0..i)` ran on anywasi+NodeFS: the oracle where node:wasi is known to be
 * wrong. Returns a line in fsops' format, `ESCAPES` when the path would leave the directory, or
 * null when the operation is not one it can answer (descriptor operations, slot bases).
 */
export function linuxAnswer(program: string[], i: number): string | null {
  const t = program[i]!.split(" ");
  const op = t[0]!;
  const dir = scratch("anywasi-diff-linux-");
  const nodefs = new NodeFS(dir);
  try {
    const lines = runAnywasi(program.slice(0, i), nodefs.root);
    const slots = slotPaths(program.slice(0, i), lines);
    // A base ("r" or a slot) and a path as one path under the root, or null when unknown.
    const rel = (b: string, p: string): string | null => {
      if (b === "r") return p;
      const s = slots.get(b);
      return s === undefined ? null : s === "" ? p : `${s}/${p}`;
    };
    const rootOnly = (k: number): boolean => {
      const r = rel(t[k]!, t[k + 1]!);
      if (r === null) return false;
      t[k] = "r";
      t[k + 1] = r;
      return true;
    };
    const inside = (rel: string, follow: boolean): boolean => {
      // The deepest existing ancestor (or the path itself, followed) must resolve inside `dir`.
      let p = follow ? join(dir, rel) : join(dir, rel, "..");
      for (;;) {
        try {
          const real = fs.realpathSync(p);
          return real === fs.realpathSync(dir) || real.startsWith(`${fs.realpathSync(dir)}/`);
        } catch {
          if (p === dir) return true;
          p = join(p, "..");
        }
      }
    };
    const at = (k: number): string => join(dir, t[k]!);
    const answer = (f: () => string): string => {
      try {
        return f();
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? "";
        if (!(code in ERRNO)) throw e;
        return `E${ERRNO[code]}`;
      }
    };
    const statLine = (st: fs.Stats): string => st.isDirectory() ? "ok dir"
      : `ok ${st.isSymbolicLink() ? "link" : st.isFile() ? "file" : "other"} size=${st.size} nlink=${st.nlink}`;
    switch (op) {
      case "mkdir": case "rmdir": case "unlink": case "stat": case "statf": case "readlink": {
        if (!rootOnly(1)) return null;
        if (!inside(t[2]!, op === "statf")) return ESCAPES;
        const p = at(2);
        return answer(() => {
          if (op === "mkdir") fs.mkdirSync(p);
          else if (op === "rmdir") fs.rmdirSync(p);
          else if (op === "unlink") fs.unlinkSync(p);
          else if (op === "stat") return statLine(fs.lstatSync(p));
          else if (op === "statf") return statLine(fs.statSync(p));
          else return `ok ${fs.readlinkSync(p)}`;
          return "ok";
        });
      }
      case "rename": case "link": {
        if (!rootOnly(1) || !rootOnly(3)) return null;
        if (!inside(t[2]!, false) || !inside(t[4]!, false)) return ESCAPES;
        return answer(() => {
          if (op === "rename") fs.renameSync(at(2), at(4));
          else fs.linkSync(at(2), at(4));
          return "ok";
        });
      }
      case "symlink": {
        if (!rootOnly(2)) return null;
        // A relative target is relative to the link's own directory: the same from any base.
        if (!inside(t[3]!, false)) return ESCAPES;
        return answer(() => {
          fs.symlinkSync(t[1]!, at(3));
          return "ok";
        });
      }
      case "open": {
        if (!rootOnly(2)) return null;
        const f = t[4]!;
        if (!inside(t[3]!, f.includes("f"))) return ESCAPES;
        const C = fs.constants;
        let flags = f.includes("w") ? C.O_RDWR : C.O_RDONLY;
        if (!f.includes("f")) flags |= C.O_NOFOLLOW;
        if (f.includes("c")) flags |= C.O_CREAT;
        if (f.includes("e")) flags |= C.O_EXCL;
        if (f.includes("t")) flags |= C.O_TRUNC;
        if (f.includes("d")) flags |= C.O_DIRECTORY;
        return answer(() => {
          fs.closeSync(fs.openSync(at(3), flags));
          return "ok";
        });
      }
      case "readdir": {
        // node:wasi lists a directory descriptor by the path it was opened with, even after a rename.
        const slot = slots.get(t[1]!);
        if (slot === undefined) return null;
        return answer(() => {
          const names = fs.readdirSync(join(dir, slot), { withFileTypes: true }).map((e) =>
            `${e.name}:${e.isDirectory() ? "dir" : e.isSymbolicLink() ? "link" : e.isFile() ? "file" : "other"}`);
          return ["ok", ...names.sort()].join(" ");
        });
      }
      default:
        return null;
    }
  } finally {
    nodefs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The path under the root of the directory each slot holds after `program` (whose answers were
 * `lines`), following successful renames of it or its ancestors. A slot whose directory was
 * reached through a symlink or removed, or moved by a rename between unknown places, is left out.
 */
function slotPaths(program: readonly string[], lines: readonly string[]): Map<string, string> {
  const slots = new Map<string, string>();
  program.forEach((line, i) => {
    const t = line.split(" ");
    const ok = (lines[i] ?? "").startsWith("ok");
    if (t[0] === "open") {
      slots.delete(t[1]!);
      const base = t[2] === "r" ? "" : slots.get(t[2]!);
      const f = t[4]!;
      const p = t[3]!;
      if (ok && base !== undefined && !p.includes("ldir") && !p.includes("lnk") && !f.includes("f")) {
        slots.set(t[1]!, normalize(base === "" ? p : `${base}/${p}`));
      }
    } else if (t[0] === "close") slots.delete(t[1]!);
    else if ((t[0] === "rename" || t[0] === "rmdir") && ok) {
      const under = (b: string, p: string): string | null => {
        const base = b === "r" ? "" : slots.get(b);
        return base === undefined ? null : normalize(base === "" ? p : `${base}/${p}`);
      };
      const from = under(t[1]!, t[2]!);
      const to = t[0] === "rename" ? under(t[3]!, t[4]!) : null;
      for (const [k, v] of [...slots]) {
        if (from === null) slots.delete(k);
        else if (v === from || v.startsWith(`${from}/`)) {
          if (to === null) slots.delete(k);
          else slots.set(k, to + v.slice(from.length));
        }
      }
    }
  });
  return slots;
}

function normalize(p: string): string {
  return p.split("/").filter((c) => c !== "" && c !== ".").join("/");
}
