/**
 * Struct layouts of wasi_snapshot_preview1, as sizes and byte offsets. Everything that writes a
 * struct into guest memory uses these tables, and the byte-image tests check them.
 */
/** `filestat`: 64 bytes. @enum */
export const FILESTAT = { size: 64, dev: 0, ino: 8, filetype: 16, nlink: 24, fileSize: 32, atim: 40, mtim: 48, ctim: 56 } as const;
/** `fdstat`: 24 bytes. @enum */
export const FDSTAT = { size: 24, filetype: 0, flags: 2, rightsBase: 8, rightsInheriting: 16 } as const;
/** `dirent` (the name follows it): 24 bytes. @enum */
export const DIRENT = { size: 24, next: 0, ino: 8, namlen: 16, type: 20 } as const;
/** `prestat`: 8 bytes. @enum */
export const PRESTAT = { size: 8, tag: 0, nameLen: 4 } as const;
/** `iovec` and `ciovec`: 8 bytes. @enum */
export const IOVEC = { size: 8, buf: 0, len: 4 } as const;
/** `subscription`: userdata, then a tagged union at 8 whose payload starts at 16. @enum */
export const SUBSCRIPTION = {
  size: 48, userdata: 0, tag: 8,
  clockId: 16, clockTimeout: 24, clockPrecision: 32, clockFlags: 40,
  fd: 16,
} as const;
/** `event`: 32 bytes. @enum */
export const EVENT = { size: 32, userdata: 0, error: 8, type: 10, nbytes: 16, flags: 24 } as const;
