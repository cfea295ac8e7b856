import { errnoName } from "./abi/errno.js";
import type { GuestMemory } from "./memory.js";
import { PREVIEW1_FUNCTIONS, type Preview1Name } from "./abi/signatures.js";

/**
 * Which arguments of a call point to strings worth showing as text (each one's length follows
 * it): only path_* calls have any. One group of digits per path_* function, in
 * `PREVIEW1_FUNCTIONS` order (path_create_directory [1], path_filestat_get [2], ...,
 * path_link [2, 5], ..., path_symlink [0, 3], path_unlink_file [1]): a string, because this table
 * ships in every bundle.
 */
const PATH_STRING_ARGS = "1 2 2 25 2 1 1 14 03 1".split(" ");
const FIRST_PATH_CALL = PREVIEW1_FUNCTIONS.indexOf("path_create_directory");

/** One completed syscall, handed to a `trace` hook. */
export interface TraceEvent {
  /** The syscall, e.g. `"fd_write"`. */
  name: Preview1Name;
  /** Raw arguments as the guest passed them (i64 as bigint). */
  args: readonly (number | bigint)[];
  /** The errno returned, or null when the call ended the guest (`proc_exit`, a trap). */
  errno: number | null;
  /** An strace-like line: `path_open(3, 0, "dir/file.txt", ...) = 44 (ENOENT)`. */
  text(): string;
}

/** Build the event for one call; decoding is deferred to `text()` so an unused trace costs little. */
export function traceEvent(mem: GuestMemory, name: Preview1Name, args: readonly (number | bigint)[], errno: number | null): TraceEvent {
  // Strings must be read now: the guest may reuse the memory right after the call.
  const shown: string[] = args.map(String);
  for (const digit of PATH_STRING_ARGS[PREVIEW1_FUNCTIONS.indexOf(name) - FIRST_PATH_CALL] ?? "") {
    const p = Number(digit);
    const l = p + 1;
    const ptr = Number(args[p]) >>> 0;
    const len = Number(args[l]) >>> 0;
    let s: string;
    try {
      s = JSON.stringify(new TextDecoder().decode(mem.copy(ptr, Math.min(len, 4096))));
    } catch {
      s = `<bad pointer ${ptr}>`;
    }
    shown[p] = s;
    shown[l] = "";
  }
  const list = shown.filter((s) => s !== "").join(", ");
  const result = errno === null ? "= ? (guest ended)" : errno === 0 ? "= 0" : `= ${errno} (E${errnoName(errno)})`;
  const line = `${name}(${list}) ${result}`;
  return { name, args, errno, text: () => line };
}
