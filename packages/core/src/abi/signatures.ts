/**
 * The wasm signature of every `wasi_snapshot_preview1` import (witx, lowered to core wasm): the
 * parameter types, and whether it returns an errno (all but `proc_exit`). Used to check a
 * module's imports before instantiation, to decode arguments for tracing, and as the list of the
 * 46 functions itself.
 */
export type ValType = "i32" | "i64";

// One letter per parameter (i: i32, l: i64). Only SIGNATURES reads it, so it is tree-shaken out of
// bundles that do not check imports (the core's entry: module-load.ts is a lazy chunk).
const COMPACT = {
  args_get: "ii",
  args_sizes_get: "ii",
  environ_get: "ii",
  environ_sizes_get: "ii",
  clock_res_get: "ii",
  clock_time_get: "ili",
  fd_advise: "illi",
  fd_allocate: "ill",
  fd_close: "i",
  fd_datasync: "i",
  fd_fdstat_get: "ii",
  fd_fdstat_set_flags: "ii",
  fd_fdstat_set_rights: "ill",
  fd_filestat_get: "ii",
  fd_filestat_set_size: "il",
  fd_filestat_set_times: "illi",
  fd_pread: "iiili",
  fd_prestat_get: "ii",
  fd_prestat_dir_name: "iii",
  fd_pwrite: "iiili",
  fd_read: "iiii",
  fd_readdir: "iiili",
  fd_renumber: "ii",
  fd_seek: "ilii",
  fd_sync: "i",
  fd_tell: "ii",
  fd_write: "iiii",
  path_create_directory: "iii",
  path_filestat_get: "iiiii",
  path_filestat_set_times: "iiiilli",
  path_link: "iiiiiii",
  path_open: "iiiiillii",
  path_readlink: "iiiiii",
  path_remove_directory: "iii",
  path_rename: "iiiiii",
  path_symlink: "iiiii",
  path_unlink_file: "iii",
  poll_oneoff: "iiii",
  proc_exit: "i",
  proc_raise: "i",
  sched_yield: "",
  random_get: "ii",
  sock_accept: "iii",
  sock_recv: "iiiiii",
  sock_send: "iiiii",
  sock_shutdown: "ii",
} as const;

/** The name of a preview1 function. */
export type Preview1Name = keyof typeof COMPACT;

// The same names as COMPACT's keys, in the same order (test/unit/abi-tables.test.ts checks): as
// one string, the list costs a bundle a fraction of what the object does.
/** The 46 functions of `wasi_snapshot_preview1`, in witx order. */
export const PREVIEW1_FUNCTIONS = (
  "args_get args_sizes_get environ_get environ_sizes_get clock_res_get clock_time_get " +
  "fd_advise fd_allocate fd_close fd_datasync fd_fdstat_get fd_fdstat_set_flags " +
  "fd_fdstat_set_rights fd_filestat_get fd_filestat_set_size fd_filestat_set_times fd_pread " +
  "fd_prestat_get fd_prestat_dir_name fd_pwrite fd_read fd_readdir fd_renumber fd_seek " +
  "fd_sync fd_tell fd_write path_create_directory path_filestat_get path_filestat_set_times " +
  "path_link path_open path_readlink path_remove_directory path_rename path_symlink " +
  "path_unlink_file poll_oneoff proc_exit proc_raise sched_yield random_get sock_accept " +
  "sock_recv sock_send sock_shutdown"
).split(" ") as Preview1Name[];

/** Parameter types of each function. */
// Marked pure (the call and its argument) so that bundlers drop the table where only the names
// are used (the core's entry).
export const SIGNATURES = /* @__PURE__ */ Object.fromEntries(
  /* @__PURE__ */ Object.entries(COMPACT).map(([name, sig]) => [
    name, Array.from(sig, (c): ValType => (c === "i" ? "i32" : "i64")),
  ]),
) as unknown as Record<Preview1Name, readonly ValType[]>;

/** Does the function return an errno (i32)? Only `proc_exit` returns nothing. */
export function returnsErrno(name: string): boolean {
  return name !== "proc_exit";
}

/** Human-readable signature, e.g. `(i32, i64) -> i32`. */
export function formatSignature(params: readonly string[], results: readonly string[]): string {
  return `(${params.join(", ")}) -> ${results.length === 0 ? "nil" : results.join(", ")}`;
}
