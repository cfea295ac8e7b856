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
 * Rights bits. The ABI type is u64, but every defined right fits in 30 bits, so the core keeps
 * them as plain numbers (no bigint work on hot paths) and converts only at the fdstat boundary.
 * @enum
 */
export const Rights = {
  FD_DATASYNC,
  FD_READ,
  FD_SEEK,
  FD_FDSTAT_SET_FLAGS,
  FD_SYNC,
  FD_TELL,
  FD_WRITE,
  FD_ADVISE,
  FD_ALLOCATE,
  PATH_CREATE_DIRECTORY,
  PATH_CREATE_FILE,
  PATH_LINK_SOURCE,
  PATH_LINK_TARGET,
  PATH_OPEN,
  FD_READDIR,
  PATH_READLINK,
  PATH_RENAME_SOURCE,
  PATH_RENAME_TARGET,
  PATH_FILESTAT_GET,
  PATH_FILESTAT_SET_SIZE,
  PATH_FILESTAT_SET_TIMES,
  FD_FILESTAT_GET,
  FD_FILESTAT_SET_SIZE,
  FD_FILESTAT_SET_TIMES,
  PATH_SYMLINK,
  PATH_REMOVE_DIRECTORY,
  PATH_UNLINK_FILE,
  POLL_FD_READWRITE,
  SOCK_SHUTDOWN,
  SOCK_ACCEPT,
} as const;

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
export const ClockId = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, THREAD_CPUTIME_ID: 3 } as const;
/** A `ClockId` value. */
export type ClockIdValue = 0 | 1 | 2 | 3;

/** File types (`filetype`) reported by `fd_filestat_get`, `fd_readdir` and friends. @enum */
export const FileType = {
  UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4,
  SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7,
} as const;
/** A `FileType` value. */
export type FileTypeValue = (typeof FileType)[keyof typeof FileType];

/** Origins of `fd_seek` (`whence`). @enum */
export const Whence = { SET: 0, CUR: 1, END: 2 } as const;

/** Descriptor flags (`fdflags`). @enum */
export const FdFlags = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;
/** Flags of `path_open` (`oflags`). @enum */
export const OFlags = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;
/** Path lookup flags (`lookupflags`). @enum */
export const LookupFlags = { SYMLINK_FOLLOW: 1 } as const;
/** Which timestamps `*_filestat_set_times` changes (`fstflags`). @enum */
export const FstFlags = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;
/** Subscription and event types of `poll_oneoff` (`eventtype`). @enum */
export const EventType = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;
/** Flags of a clock subscription (`subclockflags`). @enum */
export const SubClockFlags = { ABSTIME: 1 } as const;
/** Flags of an fd_read/fd_write event (`eventrwflags`). @enum */
export const EventRwFlags = { HANGUP: 1 } as const;
/** File access advice of `fd_advise` (`advice`). @enum */
export const Advice = { NORMAL: 0, SEQUENTIAL: 1, RANDOM: 2, WILLNEED: 3, DONTNEED: 4, NOREUSE: 5 } as const;
/** Preopen types of `fd_prestat_get` (`preopentype`). @enum */
export const PreopenType = { DIR: 0 } as const;
/** Which directions `sock_shutdown` shuts (`sdflags`). @enum */
export const SdFlags = { RD: 1, WR: 2 } as const;
