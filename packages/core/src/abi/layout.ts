/**
 * Struct layouts of wasi_snapshot_preview1, as sizes and byte offsets. Everything that writes a
 * struct into guest memory uses these tables, and the byte-image tests check them.
 */
export const Layout = {
  /** `filestat`: 64 bytes. */
  FILESTAT: {
    /** Size of the struct. */ size: 64,
    /** `dev` (u64): device. */ dev: 0,
    /** `ino` (u64): inode. */ ino: 8,
    /** `filetype` (u8). */ filetype: 16,
    /** `nlink` (u64): hard links. */ nlink: 24,
    /** `size` (u64): size in bytes. */ fileSize: 32,
    /** `atim` (u64): access time, ns. */ atim: 40,
    /** `mtim` (u64): modification time, ns. */ mtim: 48,
    /** `ctim` (u64): status change time, ns. */ ctim: 56,
  },
  /** `fdstat`: 24 bytes. */
  FDSTAT: {
    /** Size of the struct. */ size: 24,
    /** `fs_filetype` (u8). */ filetype: 0,
    /** `fs_flags` (u16): fdflags. */ flags: 2,
    /** `fs_rights_base` (u64). */ rightsBase: 8,
    /** `fs_rights_inheriting` (u64). */ rightsInheriting: 16,
  },
  /** `dirent` (the name follows it): 24 bytes. */
  DIRENT: {
    /** Size of the struct, without the name. */ size: 24,
    /** `d_next` (u64): the cookie of the next entry. */ next: 0,
    /** `d_ino` (u64): inode. */ ino: 8,
    /** `d_namlen` (u32): length of the name. */ namlen: 16,
    /** `d_type` (u8): filetype. */ type: 20,
  },
  /** `prestat`: 8 bytes. */
  PRESTAT: {
    /** Size of the struct. */ size: 8,
    /** `tag` (u8): preopentype. */ tag: 0,
    /** `pr_name_len` (u32): length of the preopen's name. */ nameLen: 4,
  },
  /** `iovec` and `ciovec`: 8 bytes. */
  IOVEC: {
    /** Size of the struct. */ size: 8,
    /** `buf` (u32): pointer to the buffer. */ buf: 0,
    /** `buf_len` (u32): its length. */ len: 4,
  },
  /** `subscription`: userdata, then a tagged union at 8 whose payload starts at 16. */
  SUBSCRIPTION: {
    /** Size of the struct. */ size: 48,
    /** `userdata` (u64). */ userdata: 0,
    /** `u.tag` (u8): eventtype. */ tag: 8,
    /** Clock payload: `id` (u32): clockid. */ clockId: 16,
    /** Clock payload: `timeout` (u64), ns. */ clockTimeout: 24,
    /** Clock payload: `precision` (u64), ns. */ clockPrecision: 32,
    /** Clock payload: `flags` (u16): subclockflags. */ clockFlags: 40,
    /** fd_read/fd_write payload: `file_descriptor` (u32). */ fd: 16,
  },
  /** `event`: 32 bytes. */
  EVENT: {
    /** Size of the struct. */ size: 32,
    /** `userdata` (u64): the subscription's. */ userdata: 0,
    /** `error` (u16): errno. */ error: 8,
    /** `type` (u8): eventtype. */ type: 10,
    /** fd_read/fd_write: `nbytes` (u64). */ nbytes: 16,
    /** fd_read/fd_write: `flags` (u16): eventrwflags. */ flags: 24,
  },
} as const;

// Each layout on its own, for the core's modules.
export const { FILESTAT, FDSTAT, DIRENT, PRESTAT, IOVEC, SUBSCRIPTION, EVENT } = Layout;
