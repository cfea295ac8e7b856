/** WASI preview1 flag, enum and rights constants (witx values). */

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

/**
 * Rights bits. The ABI type is u64, but every defined right fits in 30 bits, so the core keeps
 * them as plain numbers (no bigint work on hot paths) and converts only at the fdstat boundary.
 * @enum
 */
export const Rights = {
  FD_DATASYNC: (1 << 0),
  FD_READ: (1 << 1),
  FD_SEEK: (1 << 2),
  FD_FDSTAT_SET_FLAGS: (1 << 3),
  FD_SYNC: (1 << 4),
  FD_TELL: (1 << 5),
  FD_WRITE: (1 << 6),
  FD_ADVISE: (1 << 7),
  FD_ALLOCATE: (1 << 8),
  PATH_CREATE_DIRECTORY: (1 << 9),
  PATH_CREATE_FILE: (1 << 10),
  PATH_LINK_SOURCE: (1 << 11),
  PATH_LINK_TARGET: (1 << 12),
  PATH_OPEN: (1 << 13),
  FD_READDIR: (1 << 14),
  PATH_READLINK: (1 << 15),
  PATH_RENAME_SOURCE: (1 << 16),
  PATH_RENAME_TARGET: (1 << 17),
  PATH_FILESTAT_GET: (1 << 18),
  PATH_FILESTAT_SET_SIZE: (1 << 19),
  PATH_FILESTAT_SET_TIMES: (1 << 20),
  FD_FILESTAT_GET: (1 << 21),
  FD_FILESTAT_SET_SIZE: (1 << 22),
  FD_FILESTAT_SET_TIMES: (1 << 23),
  PATH_SYMLINK: (1 << 24),
  PATH_REMOVE_DIRECTORY: (1 << 25),
  PATH_UNLINK_FILE: (1 << 26),
  POLL_FD_READWRITE: (1 << 27),
  SOCK_SHUTDOWN: (1 << 28),
  SOCK_ACCEPT: (1 << 29),
} as const;

const R = Rights;
/** Every defined right. */
export const RIGHTS_ALL = (1 << 30) - 1;
/** Rights that make sense on a regular file. */
export const RIGHTS_FILE =
  R.FD_DATASYNC | R.FD_READ | R.FD_SEEK | R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.FD_TELL |
  R.FD_WRITE | R.FD_ADVISE | R.FD_ALLOCATE | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_SIZE |
  R.FD_FILESTAT_SET_TIMES | R.POLL_FD_READWRITE;
/** Rights that make sense on a directory (its own, not inherited). */
export const RIGHTS_DIR =
  R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.FD_DATASYNC | R.PATH_CREATE_DIRECTORY | R.PATH_CREATE_FILE |
  R.PATH_LINK_SOURCE | R.PATH_LINK_TARGET | R.PATH_OPEN | R.FD_READDIR | R.PATH_READLINK |
  R.PATH_RENAME_SOURCE | R.PATH_RENAME_TARGET | R.PATH_FILESTAT_GET | R.PATH_FILESTAT_SET_SIZE |
  R.PATH_FILESTAT_SET_TIMES | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_TIMES | R.PATH_SYMLINK |
  R.PATH_REMOVE_DIRECTORY | R.PATH_UNLINK_FILE | R.POLL_FD_READWRITE;
/** Rights of an input stream such as stdin. */
export const RIGHTS_INPUT = R.FD_READ | R.FD_FDSTAT_SET_FLAGS | R.FD_FILESTAT_GET | R.POLL_FD_READWRITE;
/** Rights of an output stream such as stdout. */
export const RIGHTS_OUTPUT = R.FD_WRITE | R.FD_FDSTAT_SET_FLAGS | R.FD_FILESTAT_GET | R.POLL_FD_READWRITE;
/** Rights that writing needs; used to decide whether a host opens a file for writing. */
export const RIGHTS_WRITING = R.FD_WRITE | R.FD_ALLOCATE | R.FD_FILESTAT_SET_SIZE | R.FD_DATASYNC;
/** Rights that reading needs. */
export const RIGHTS_READING = R.FD_READ | R.FD_READDIR;
