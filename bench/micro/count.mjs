#!/usr/bin/env node
// One runtime, one syscall, N calls, then exit: for instruction counting under valgrind, where
// the machine's load does not change the figure. Per-call cost = (Ir(N) - Ir(0)) / N.
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null --smc-check=all-non-file \
//     node --no-warnings bench/micro/count.mjs RUNTIME CASE N
// RUNTIME: node-wasi | anywasi-core | anywasi-core-watch (a trace hook checking a MemoryWatch) | anywasi-core-perfclock | anywasi-node | tybys (@tybys/wasm-util) | floor | hrtime-floor | node-floor;
// CASE: clock1 | clock0 | random32 | write16 | poll0 (poll_oneoff on one relative monotonic clock of timeout 0, program 7's loop) | stdout64k (64 KiB writes to fd 1) | fwrite4k | fread4k
// (4 KiB writes to / reads from a file in a real directory; on anywasi-core, in its MemFS) | open | open-sub (open + fstat +
// close of "f.txt" / "d/f.txt", program 5's loop) | readdir (N whole listings of a 1,000-file
// directory with fd_readdir into a 4 KiB buffer, program 5's other loop). The file cases run node-wasi and anywasi-node
// on a fresh directory under /dev/shm, preopened at "/" (descriptor 3).
import { ftruncateSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { WASI as NodeWASI } from "node:wasi";

const [runtime, kase, nStr] = process.argv.slice(2);
const N = Number(nStr);
const module = new WebAssembly.Module(readFileSync(new URL("./syscalls.wasm", import.meta.url)));
const devnull = openSync("/dev/null", "w");
const FILE_CASES = ["fwrite4k", "fread4k", "open", "open-sub", "readdir"];
let dir = null;
// r.dat holds at least 20 000 blocks whatever N is, so that the two runs of a count
// (Ir(N) - Ir(N0)) set up the same file: an in-memory one scaled with N made the larger run
// collect garbage (external memory pressure) that was then counted as a per-call cost.
const R_BLOCKS = Math.max(N, 20000);
if (FILE_CASES.includes(kase)) {
  dir = mkdtempSync("/dev/shm/anywasi-count-");
  mkdirSync(`${dir}/d`);
  writeFileSync(`${dir}/f.txt`, "x".repeat(30));
  writeFileSync(`${dir}/d/f.txt`, "x".repeat(30));
  if (kase === "readdir") {
    mkdirSync(`${dir}/list`);
    for (let i = 0; i < 1000; i++) writeFileSync(`${dir}/list/file-${String(i).padStart(4, "0")}.txt`, "x".repeat(i % 61));
  }
  const big = openSync(`${dir}/r.dat`, "w");
  ftruncateSync(big, R_BLOCKS * 4096);
  closeSync(big);
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}
let imports;
let init = () => {};
let makeInstance = null;
if (runtime === "node-wasi") {
  const wasi = new NodeWASI({ version: "preview1", returnOnExit: true, stdout: devnull, preopens: dir === null ? {} : { "/": dir } });
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
} else if (runtime === "anywasi-core") {
  // The file cases run on a MemFS holding the same files as the real directory of the others.
  const { MemFS, WASI } = await import("@anywasi/core");
  const tree = dir === null ? {} : {
    "f.txt": "x".repeat(30), d: { "f.txt": "x".repeat(30) }, "r.dat": new Uint8Array(R_BLOCKS * 4096),
    ...(kase === "readdir" ? { list: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`file-${String(i).padStart(4, "0")}.txt`, "x".repeat(i % 61)])) } : {}),
  };
  const wasi = new WASI({ preopens: { "/": MemFS.from(tree).root }, stdout: () => {} });
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
} else if (runtime === "anywasi-core-watch") {
  // anywasi-core as a wasi:http handler's worker runs it since the memory watch: a trace hook
  // after every call that checks the instance's memories against maxMemoryPages (4096).
  const { MemFS, WASI } = await import("@anywasi/core");
  const { MemoryWatch } = await import("@anywasi/core/component");
  const watch = new MemoryWatch(4096);
  const wasi = new WASI({ preopens: { "/": MemFS.from({}).root }, stdout: () => {}, trace: () => watch.check() });
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
  makeInstance = () => watch.instantiateCore(module, imports);
} else if (runtime === "anywasi-core-perfclock") {
  // The clock anywasi had before process.hrtime.bigint: performance.now() and its number path.
  const { MemFS, WASI } = await import("@anywasi/core");
  const clock = {
    now: (id) => BigInt(Math.round(performance.now() * 1e6)),
    nowNumber: (id) => Math.round(performance.now() * 1e6),
    resolution: () => 1000n,
  };
  const wasi = new WASI({ preopens: { "/": MemFS.from({}).root }, stdout: () => {}, clock });
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
} else if (runtime === "anywasi-node") {
  const { createNodeWASI } = await import("@anywasi/node");
  const { wasi } = createNodeWASI(dir === null ? {} : { dirs: { "/": dir } });
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
} else if (runtime === "tybys") {
  const { WASI } = await import("@tybys/wasm-util");
  const wasi = new WASI({ version: "preview1", returnOnExit: true, print: () => {} });
  imports = wasi.getImportObject();
  init = (i) => wasi.initialize(i);
} else if (runtime === "node-floor") {
  // The least JavaScript a Node runtime can do for the file cases: one node:fs call per host
  // operation, no checks, no descriptor table (the guest's descriptor is the host's). What any
  // runtime written in JavaScript on node:fs pays, whatever it does on top.
  let dv = null;
  let u8 = null;
  const pos = new Map();
  const dec = new TextDecoder();
  const fsm = await import("node:fs");
  const f = {
    fd_write: (fd, iovs, _n, nw) => {
      const p = dv.getUint32(iovs, true), len = dv.getUint32(iovs + 4, true);
      const at = pos.get(fd);
      const n = fsm.writeSync(fd, u8, p, len, at ?? null);
      if (at !== undefined) pos.set(fd, at + n);
      dv.setUint32(nw, n, true);
      return 0;
    },
    fd_read: (fd, iovs, _n, nr) => {
      const p = dv.getUint32(iovs, true), len = dv.getUint32(iovs + 4, true);
      const at = pos.get(fd);
      const n = fsm.readSync(fd, u8, p, len, at);
      pos.set(fd, at + n);
      dv.setUint32(nr, n, true);
      return 0;
    },
    path_open: (_dirfd, _fl, path, len, oflags, _rb, _ri, _fdfl, fdp) => {
      const flags = fsm.constants.O_NOFOLLOW | ((oflags & 1) !== 0 ? fsm.constants.O_CREAT | fsm.constants.O_RDWR : fsm.constants.O_RDONLY) | ((oflags & 8) !== 0 ? fsm.constants.O_TRUNC : 0);
      const fd = fsm.openSync(`/proc/self/fd/${root}/${dec.decode(u8.subarray(path, path + len))}`, flags, 0o666);
      if (fsm.fstatSync(fd).isDirectory()) throw new Error("directory");
      pos.set(fd, 0);
      dv.setUint32(fdp, fd, true);
      return 0;
    },
    fd_filestat_get: (fd, ptr) => {
      const st = fsm.fstatSync(fd, { bigint: true });
      dv.setBigUint64(ptr, st.dev, true); dv.setBigUint64(ptr + 8, st.ino, true); dv.setBigUint64(ptr + 16, 4n, true);
      dv.setBigUint64(ptr + 24, st.nlink, true); dv.setBigUint64(ptr + 32, st.size, true); dv.setBigUint64(ptr + 40, st.atimeNs, true);
      dv.setBigUint64(ptr + 48, st.mtimeNs, true); dv.setBigUint64(ptr + 56, st.ctimeNs, true);
      return 0;
    },
    fd_close: (fd) => { fsm.closeSync(fd); pos.delete(fd); return 0; },
  };
  const root = dir === null ? -1 : fsm.openSync(dir, "r");
  imports = { wasi_snapshot_preview1: f };
  init = (i) => { dv = new DataView(i.exports.memory.buffer); u8 = new Uint8Array(i.exports.memory.buffer); };
} else {
  let dv = null;
  const hr = process.hrtime.bigint;
  const f = {
    clock_time_get: runtime === "hrtime-floor"
      ? (_id, _p, ptr) => { dv.setBigUint64(ptr, hr(), true); return 0; }
      : (_id, _p, ptr) => { const t = Math.round(performance.now() * 1e6); dv.setUint32(ptr, t % 4294967296, true); dv.setUint32(ptr + 4, Math.floor(t / 4294967296), true); return 0; },
    random_get: (ptr, len) => { crypto.getRandomValues(new Uint8Array(dv.buffer, ptr, len)); return 0; },
    fd_write: () => 0,
  };
  imports = { wasi_snapshot_preview1: f };
  init = (i) => { dv = new DataView(i.exports.memory.buffer); };
}
// The floors implement only what their cases call: every other import is ENOSYS.
for (const imp of WebAssembly.Module.imports(module)) imports[imp.module][imp.name] ??= () => 52;
const instance = makeInstance === null ? new WebAssembly.Instance(module, imports) : await makeInstance();
init(instance);
const x = instance.exports;
/** Open `path` under the preopen (descriptor 3) with `oflags`: the new descriptor. */
function open(path, oflags) {
  const bytes = new TextEncoder().encode(path);
  new Uint8Array(x.memory.buffer, 256, bytes.length).set(bytes);
  const fd = x.open(3, bytes.length, oflags);
  if (fd < 0) { console.error(`open ${path}: errno ${-fd}`); process.exit(1); }
  return fd;
}
function pathLen(path) {
  const bytes = new TextEncoder().encode(path);
  new Uint8Array(x.memory.buffer, 256, bytes.length).set(bytes);
  return bytes.length;
}
/** Program 5's listing loop: N whole listings of a 1,000-file directory (open, fd_readdir, close). */
function listings(n) {
  const entries = x.listings(3, pathLen("list"), n);
  // node:wasi (uvwasi) lists no "." and "..".
  return entries === n * 1002 || entries === n * 1000 ? 0 : `listed ${entries} entries, expected ${n * 1002}`;
}
const err = kase === "clock1" ? x.clocks(1, N) : kase === "clock0" ? x.clocks(0, N) : kase === "random32" ? x.randoms(32, N)
  : kase === "poll0" ? x.polls(0n, N)
  : kase === "stdout64k" ? x.writes(1, 65536, N)
  : kase === "fwrite4k" ? x.writes(open("w.dat", 1 | 8), 4096, N)
  : kase === "fread4k" ? x.reads(open("r.dat", 0), 4096, N)
  : kase === "open" ? x.opens(3, pathLen("f.txt"), N)
  : kase === "open-sub" ? x.opens(3, pathLen("d/f.txt"), N)
  : kase === "readdir" ? listings(N)
  : x.writes(1, 16, N);
if (err !== 0) { console.error(`errors: ${err}`); process.exit(1); }
