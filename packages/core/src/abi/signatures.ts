/**
 * The wasm signature of every `wasi_snapshot_preview1` import (witx, lowered to core wasm): the
 * parameter types, and whether it returns an errno (all but `proc_exit`). Used to check a
 * module's imports before instantiation and to decode arguments for tracing.
 */
export type ValType = "i32" | "i64";

const I = "i32";
const L = "i64";

export const SIGNATURES = {
  args_get: [I, I],
  args_sizes_get: [I, I],
  environ_get: [I, I],
  environ_sizes_get: [I, I],
  clock_res_get: [I, I],
  clock_time_get: [I, L, I],
  fd_advise: [I, L, L, I],
  fd_allocate: [I, L, L],
  fd_close: [I],
  fd_datasync: [I],
  fd_fdstat_get: [I, I],
  fd_fdstat_set_flags: [I, I],
  fd_fdstat_set_rights: [I, L, L],
  fd_filestat_get: [I, I],
  fd_filestat_set_size: [I, L],
  fd_filestat_set_times: [I, L, L, I],
  fd_pread: [I, I, I, L, I],
  fd_prestat_get: [I, I],
  fd_prestat_dir_name: [I, I, I],
  fd_pwrite: [I, I, I, L, I],
  fd_read: [I, I, I, I],
  fd_readdir: [I, I, I, L, I],
  fd_renumber: [I, I],
  fd_seek: [I, L, I, I],
  fd_sync: [I],
  fd_tell: [I, I],
  fd_write: [I, I, I, I],
  path_create_directory: [I, I, I],
  path_filestat_get: [I, I, I, I, I],
  path_filestat_set_times: [I, I, I, I, L, L, I],
  path_link: [I, I, I, I, I, I, I],
  path_open: [I, I, I, I, I, L, L, I, I],
  path_readlink: [I, I, I, I, I, I],
  path_remove_directory: [I, I, I],
  path_rename: [I, I, I, I, I, I],
  path_symlink: [I, I, I, I, I],
  path_unlink_file: [I, I, I],
  poll_oneoff: [I, I, I, I],
  proc_exit: [I],
  proc_raise: [I],
  sched_yield: [],
  random_get: [I, I],
  sock_accept: [I, I, I],
  sock_recv: [I, I, I, I, I, I],
  sock_send: [I, I, I, I, I],
  sock_shutdown: [I, I],
} as const satisfies Record<string, readonly ValType[]>;

/** Does the function return an errno (i32)? Only `proc_exit` returns nothing. */
export function returnsErrno(name: string): boolean {
  return name !== "proc_exit";
}

/** Human-readable signature, e.g. `(i32, i64) -> i32`. */
export function formatSignature(params: readonly string[], results: readonly string[]): string {
  return `(${params.join(", ")}) -> ${results.length === 0 ? "nil" : results.join(", ")}`;
}
