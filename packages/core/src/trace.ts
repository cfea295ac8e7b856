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

const decoder = new TextDecoder();

/**
 * Build the event for one call. Only a path string is read now (the guest may reuse its memory
 * right after the call); the line is formatted when `text()` is called, so a hook that never
 * asks for it (a limit check after every call) costs an object, not a formatted string.
 */
export function traceEvent(mem: GuestMemory, name: Preview1Name, args: readonly (number | bigint)[], errno: number | null): TraceEvent {
  const digits = name.startsWith("path_") ? PATH_STRING_ARGS[PREVIEW1_FUNCTIONS.indexOf(name) - FIRST_PATH_CALL] ?? "" : "";
  // The bytes of each path argument, or null for a bad pointer.
  const paths: (Uint8Array | null)[] = [];
  for (const digit of digits) {
    const p = Number(digit);
    try {
      paths.push(mem.copy(Number(args[p]) >>> 0, Math.min(Number(args[p + 1]) >>> 0, 4096)));
    } catch {
      paths.push(null);
    }
  }
  return {
    name, args, errno,
    text: () => {
      const shown: string[] = args.map(String);
      paths.forEach((bytes, k) => {
        const p = Number(digits[k]);
        shown[p] = bytes === null ? `<bad pointer ${Number(args[p]) >>> 0}>` : JSON.stringify(decoder.decode(bytes));
        shown[p + 1] = "";
      });
      const result = errno === null ? "= ? (guest ended)" : errno === 0 ? "= 0" : `= ${errno} (E${errnoName(errno)})`;
      return `${name}(${shown.filter((s) => s !== "").join(", ")}) ${result}`;
    },
  };
}
