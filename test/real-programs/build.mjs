#!/usr/bin/env node
// Builds test/real-programs/sqlite3.wasm: the SQLite command-line shell (the upstream amalgamation,
// sqlite3.c + shell.c, unmodified) as a wasm32-wasi preview1 command, compiled with Debian's clang
// and wasi-libc. The source comes from the npm registry: the `sqlite3` package (node-sqlite3) ships
// SQLite's own sqlite-autoconf tarball in deps/, which holds both files. The built module is
// committed, so the tests need no toolchain; this script is how it was made. SQLite is in the public
// domain (https://sqlite.org/copyright.html), so the built module can be committed.
//
//   npm run fixtures:real        (needs clang, lld, wasi-libc: what .ci/run installs)
//
// Flags: SQLITE_THREADSAFE=0 and SQLITE_OMIT_LOAD_EXTENSION (no threads, no dlopen in WASI;
// sqlite3.c sees __wasi__ and picks its WASI configuration itself: no WAL, no mmap, dot-file locking);
// for shell.c SQLITE_WASI (no popen) and SQLITE_NOHAVE_SYSTEM (no system()), plus wasi-libc's
// emulations of signal(), getrusage()/clock() and getpid(). wasi-shim.c gives the two POSIX calls
// wasi-libc lacks (chmod, realpath) as failing calls (wasi-shim.h, force-included, declares them),
// and exports cabi_realloc, without which the component of a module built on Debian's wasi-libc
// traps once its heap grows (wasi-shim.c says why).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The npm package (and exact version) whose deps/ carry the SQLite source: SQLite 3.52.0. */
const PACKAGE = "sqlite3@6.0.1";
const HERE = fileURLToPath(new URL(".", import.meta.url));
const OUT = join(HERE, "sqlite3.wasm");

const work = mkdtempSync(join(tmpdir(), "anywasi-sqlite-build-"));
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], cwd: work, ...opts }).toString().trim();
try {
  const tgz = sh("npm", ["pack", "--silent", PACKAGE]).split("\n").pop();
  sh("tar", ["xzf", tgz, "package/deps"]);
  const autoconf = readdirSync(join(work, "package/deps")).find((f) => /^sqlite-autoconf-\d+\.tar\.gz$/.test(f));
  if (!autoconf) throw new Error(`${PACKAGE}: no sqlite-autoconf tarball in deps/`);
  sh("tar", ["xzf", join("package/deps", autoconf)]);
  const src = join(work, autoconf.replace(/\.tar\.gz$/, ""));
  // The prefix maps keep the build directory out of __FILE__ (shell.c's asserts), so that the
  // module is the same bytes wherever it is built.
  const cc = [
    "--target=wasm32-wasi", "-O2", "-DSQLITE_THREADSAFE=0", "-DSQLITE_OMIT_LOAD_EXTENSION",
    `-ffile-prefix-map=${work}=.`, `-ffile-prefix-map=${HERE}=test/real-programs`,
  ];
  const shell = ["-DSQLITE_WASI", "-DSQLITE_NOHAVE_SYSTEM", "-D_WASI_EMULATED_SIGNAL", "-D_WASI_EMULATED_PROCESS_CLOCKS", "-D_WASI_EMULATED_GETPID", "-include", join(HERE, "wasi-shim.h")];
  console.log(`build: ${PACKAGE} deps/${autoconf}: compiling sqlite3.c (about a minute) and shell.c`);
  sh("clang", [...cc, "-c", join(src, "sqlite3.c"), "-o", "sqlite3.o"]);
  sh("clang", [...cc, ...shell, "-c", join(src, "shell.c"), "-o", "shell.o"]);
  sh("clang", [...cc, "-c", join(HERE, "wasi-shim.c"), "-o", "shim.o"]);
  sh("clang", [
    "--target=wasm32-wasi", "-O2", "-Wl,--strip-debug", "shell.o", "sqlite3.o", "shim.o", "-o", OUT,
    "-lwasi-emulated-signal", "-lwasi-emulated-process-clocks", "-lwasi-emulated-getpid",
  ]);
  console.log(`build: ${OUT} (${statSync(OUT).size} bytes)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
