/** WASI preview1 flag, enum and rights constants (witx values). */

// The rights as module constants, so that the masks below fold to plain numbers when minified
// (esbuild inlines only the constants that open a module: keep them first).
const FD_DATASYNC = 1 << 0;
const FD_READ = 1 << 1;
const FD_SEEK = 1 << 2;
const FD_FDSTAT_SET_FLAGS = 1 << 3;
const FD_SYNC = 1 << 4;
const FD_TELL = 1 << 5;
const FD_WRITE = 1 << 6;
const FD_ADVISE = 1 << 7;
const FD_ALLOCATE = 1 << 8;
const PATH_CREATE_DIRECTORY = 1 << 9;
const PATH_CREATE_FILE = 1 << 10;
const PATH_LINK_SOURCE = 1 << 11;
const PATH_LINK_TARGET = 1 << 12;
const PATH_OPEN = 1 << 13;
const FD_READDIR = 1 << 14;
const PATH_READLINK = 1 << 15;
const PATH_RENAME_SOURCE = 1 << 16;
const PATH_RENAME_TARGET = 1 << 17;
const PATH_FILESTAT_GET = 1 << 18;
const PATH_FILESTAT_SET_SIZE = 1 << 19;
const PATH_FILESTAT_SET_TIMES = 1 << 20;
const FD_FILESTAT_GET = 1 << 21;
const FD_FILESTAT_SET_SIZE = 1 << 22;
const FD_FILESTAT_SET_TIMES = 1 << 23;
const PATH_SYMLINK = 1 << 24;
const PATH_REMOVE_DIRECTORY = 1 << 25;
const PATH_UNLINK_FILE = 1 << 26;
const POLL_FD_READWRITE = 1 << 27;
const SOCK_SHUTDOWN = 1 << 28;
const SOCK_ACCEPT = 1 << 29;

/**
 * An enum object built from its member names in value order: values 0, 1, 2, ... or, with
 * `bits`, 1, 2, 4, .... `T` is the object's type (its literal values), which the caller states.
 * Why: a string of names costs about half the bytes of the object literal in every bundle, and
 * these tables ship in all of them. Object.fromEntries gives an object with fast properties, so
 * reading a member costs what it costs on a literal. Not exported (this module's exports are
 * public), and defined after the rights constants, which must open the module (see above).
 */
function enumOf<T>(names: string, bits = false): T {
  return Object.fromEntries(names.split(" ").map((name, i) => [name, bits ? 1 << i : i])) as T;
}

type RightsTable = {
  readonly FD_DATASYNC: number; readonly FD_READ: number; readonly FD_SEEK: number;
  readonly FD_FDSTAT_SET_FLAGS: number; readonly FD_SYNC: number; readonly FD_TELL: number;
  readonly FD_WRITE: number; readonly FD_ADVISE: number; readonly FD_ALLOCATE: number;
  readonly PATH_CREATE_DIRECTORY: number; readonly PATH_CREATE_FILE: number;
  readonly PATH_LINK_SOURCE: number; readonly PATH_LINK_TARGET: number; readonly PATH_OPEN: number;
  readonly FD_READDIR: number; readonly PATH_READLINK: number; readonly PATH_RENAME_SOURCE: number;
  readonly PATH_RENAME_TARGET: number; readonly PATH_FILESTAT_GET: number;
  readonly PATH_FILESTAT_SET_SIZE: number; readonly PATH_FILESTAT_SET_TIMES: number;
  readonly FD_FILESTAT_GET: number; readonly FD_FILESTAT_SET_SIZE: number;
  readonly FD_FILESTAT_SET_TIMES: number; readonly PATH_SYMLINK: number;
  readonly PATH_REMOVE_DIRECTORY: number; readonly PATH_UNLINK_FILE: number;
  readonly POLL_FD_READWRITE: number; readonly SOCK_SHUTDOWN: number; readonly SOCK_ACCEPT: number;
};

/**
 * Rights bits. The ABI type is u64, but every defined right fits in 30 bits, so the core keeps
 * them as plain numbers (no bigint work on hot paths) and converts only at the fdstat boundary.
 * @enum
 */
export const Rights = enumOf<RightsTable>(
  "FD_DATASYNC FD_READ FD_SEEK FD_FDSTAT_SET_FLAGS FD_SYNC FD_TELL FD_WRITE FD_ADVISE " +
  "FD_ALLOCATE PATH_CREATE_DIRECTORY PATH_CREATE_FILE PATH_LINK_SOURCE PATH_LINK_TARGET " +
  "PATH_OPEN FD_READDIR PATH_READLINK PATH_RENAME_SOURCE PATH_RENAME_TARGET " +
  "PATH_FILESTAT_GET PATH_FILESTAT_SET_SIZE PATH_FILESTAT_SET_TIMES FD_FILESTAT_GET " +
  "FD_FILESTAT_SET_SIZE FD_FILESTAT_SET_TIMES PATH_SYMLINK PATH_REMOVE_DIRECTORY " +
  "PATH_UNLINK_FILE POLL_FD_READWRITE SOCK_SHUTDOWN SOCK_ACCEPT",
  true,
);

/** Every defined right. */
export const RIGHTS_ALL = (1 << 30) - 1;
/** Rights that make sense on a regular file. */
export const RIGHTS_FILE =
  FD_DATASYNC | FD_READ | FD_SEEK | FD_FDSTAT_SET_FLAGS | FD_SYNC | FD_TELL |
  FD_WRITE | FD_ADVISE | FD_ALLOCATE | FD_FILESTAT_GET | FD_FILESTAT_SET_SIZE |
  FD_FILESTAT_SET_TIMES | POLL_FD_READWRITE;
/** Rights that make sense on a directory (its own, not inherited). */
export const RIGHTS_DIR =
  FD_FDSTAT_SET_FLAGS | FD_SYNC | FD_DATASYNC | PATH_CREATE_DIRECTORY | PATH_CREATE_FILE |
  PATH_LINK_SOURCE | PATH_LINK_TARGET | PATH_OPEN | FD_READDIR | PATH_READLINK |
  PATH_RENAME_SOURCE | PATH_RENAME_TARGET | PATH_FILESTAT_GET | PATH_FILESTAT_SET_SIZE |
  PATH_FILESTAT_SET_TIMES | FD_FILESTAT_GET | FD_FILESTAT_SET_TIMES | PATH_SYMLINK |
  PATH_REMOVE_DIRECTORY | PATH_UNLINK_FILE | POLL_FD_READWRITE;
/** Rights of an input stream such as stdin. */
export const RIGHTS_INPUT = FD_READ | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
/** Rights of an output stream such as stdout. */
export const RIGHTS_OUTPUT = FD_WRITE | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
/** Rights that writing needs; used to decide whether a host opens a file for writing. */
export const RIGHTS_WRITING = FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE | FD_DATASYNC;
/** Rights that reading needs. */
export const RIGHTS_READING = FD_READ | FD_READDIR;

/** Clock identifiers (`clockid`): the clocks `clock_time_get` and `poll_oneoff` accept. @enum */
export const ClockId = enumOf<{
  readonly REALTIME: 0; readonly MONOTONIC: 1; readonly PROCESS_CPUTIME_ID: 2;
  readonly THREAD_CPUTIME_ID: 3;
}>("REALTIME MONOTONIC PROCESS_CPUTIME_ID THREAD_CPUTIME_ID");
/** A `ClockId` value. */
export type ClockIdValue = 0 | 1 | 2 | 3;

/** File types (`filetype`) reported by `fd_filestat_get`, `fd_readdir` and friends. @enum */
export const FileType = enumOf<{
  readonly UNKNOWN: 0; readonly BLOCK_DEVICE: 1; readonly CHARACTER_DEVICE: 2;
  readonly DIRECTORY: 3; readonly REGULAR_FILE: 4; readonly SOCKET_DGRAM: 5;
  readonly SOCKET_STREAM: 6; readonly SYMBOLIC_LINK: 7;
}>("UNKNOWN BLOCK_DEVICE CHARACTER_DEVICE DIRECTORY REGULAR_FILE SOCKET_DGRAM SOCKET_STREAM SYMBOLIC_LINK");
/** A `FileType` value. */
export type FileTypeValue = (typeof FileType)[keyof typeof FileType];

/** Origins of `fd_seek` (`whence`). @enum */
export const Whence = enumOf<{ readonly SET: 0; readonly CUR: 1; readonly END: 2; }>("SET CUR END");

/** Descriptor flags (`fdflags`). @enum */
export const FdFlags = enumOf<{
  readonly APPEND: 1; readonly DSYNC: 2; readonly NONBLOCK: 4; readonly RSYNC: 8;
  readonly SYNC: 16;
}>("APPEND DSYNC NONBLOCK RSYNC SYNC", true);
/** Flags of `path_open` (`oflags`). @enum */
export const OFlags = enumOf<{
  readonly CREAT: 1; readonly DIRECTORY: 2; readonly EXCL: 4; readonly TRUNC: 8;
}>("CREAT DIRECTORY EXCL TRUNC", true);
/** Path lookup flags (`lookupflags`). @enum */
export const LookupFlags = { SYMLINK_FOLLOW: 1 } as const;
/** Which timestamps `*_filestat_set_times` changes (`fstflags`). @enum */
export const FstFlags = enumOf<{
  readonly ATIM: 1; readonly ATIM_NOW: 2; readonly MTIM: 4; readonly MTIM_NOW: 8;
}>("ATIM ATIM_NOW MTIM MTIM_NOW", true);
/** Subscription and event types of `poll_oneoff` (`eventtype`). @enum */
export const EventType = enumOf<{
  readonly CLOCK: 0; readonly FD_READ: 1; readonly FD_WRITE: 2;
}>("CLOCK FD_READ FD_WRITE");
/** Flags of a clock subscription (`subclockflags`). @enum */
export const SubClockFlags = { ABSTIME: 1 } as const;
/** Flags of an fd_read/fd_write event (`eventrwflags`). @enum */
export const EventRwFlags = { HANGUP: 1 } as const;
/** File access advice of `fd_advise` (`advice`). @enum */
export const Advice = enumOf<{
  readonly NORMAL: 0; readonly SEQUENTIAL: 1; readonly RANDOM: 2; readonly WILLNEED: 3;
  readonly DONTNEED: 4; readonly NOREUSE: 5;
}>("NORMAL SEQUENTIAL RANDOM WILLNEED DONTNEED NOREUSE");
/** Preopen types of `fd_prestat_get` (`preopentype`). @enum */
export const PreopenType = { DIR: 0 } as const;
/** Which directions `sock_shutdown` shuts (`sdflags`). @enum */
export const SdFlags = { RD: 1, WR: 2 } as const;
