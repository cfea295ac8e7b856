/**
 * The wasm signature of every `wasi_snapshot_preview1` import (witx, lowered to core wasm): the
 * parameter types, and whether it returns an errno (all but `proc_exit`). Used to check a
 * module's imports before instantiation, to decode arguments for tracing, and as the list of the
 * 46 functions itself.
 */
export type ValType = "i32" | "i64";

// One letter per parameter (i: i32, l: i64): compact, because it ships in every bundle.
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

/** The 46 functions of `wasi_snapshot_preview1`, in witx order. */
export const PREVIEW1_FUNCTIONS = Object.keys(COMPACT) as Preview1Name[];

/** Parameter types of each function. */
// Marked pure so that bundlers drop the table where only the names are used (the core's entry).
export const SIGNATURES = /* @__PURE__ */ Object.fromEntries(
  PREVIEW1_FUNCTIONS.map((name) => [name, Array.from(COMPACT[name], (c): ValType => (c === "i" ? "i32" : "i64"))]),
) as unknown as Record<Preview1Name, readonly ValType[]>;

/** Does the function return an errno (i32)? Only `proc_exit` returns nothing. */
export function returnsErrno(name: string): boolean {
  return name !== "proc_exit";
}

/** Human-readable signature, e.g. `(i32, i64) -> i32`. */
export function formatSignature(params: readonly string[], results: readonly string[]): string {
  return `(${params.join(", ")}) -> ${results.length === 0 ? "nil" : results.join(", ")}`;
}
