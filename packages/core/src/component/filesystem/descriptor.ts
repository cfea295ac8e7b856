import { Advice, FdFlags, FileType, LookupFlags, OFlags, Rights, RIGHTS_ALL, RIGHTS_WRITING } from "../../abi/constants.js";
import { Errno } from "../../abi/errno.js";
import { FDSTAT } from "../../abi/layout.js";
import type { Bridge } from "../bridge.js";
import { fail } from "../error-code.js";
import { InputStream, OutputStream } from "../io/streams.js";
import { DirectoryEntryStream } from "./directory-entry-stream.js";
import {
  descriptorStat, descriptorType, metadataHash, timeFlags,
  type DescriptorStat, type DescriptorType, type NewTimestamp,
} from "./stat.js";

/** `descriptor-flags`. */
export interface DescriptorFlags {
  read?: boolean;
  write?: boolean;
  fileIntegritySync?: boolean;
  dataIntegritySync?: boolean;
  requestedWriteSync?: boolean;
  mutateDirectory?: boolean;
}
/** `path-flags`. */
export interface PathFlags { symlinkFollow?: boolean }
/** `open-flags`. */
export interface OpenFlags { create?: boolean; directory?: boolean; exclusive?: boolean; truncate?: boolean }

const ADVICE = {
  normal: Advice.NORMAL, sequential: Advice.SEQUENTIAL, random: Advice.RANDOM,
  "will-need": Advice.WILLNEED, "dont-need": Advice.DONTNEED, "no-reuse": Advice.NOREUSE,
} as const;

const dispose: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("dispose");

type MetadataHash = { lower: bigint; upper: bigint };

/** preview1 lookup flags of `path-flags`. */
const follow = (f: PathFlags): number => (f.symlinkFollow === true ? LookupFlags.SYMLINK_FOLLOW : 0);

/**
 * `wasi:filesystem/types` `descriptor`: a preview1 descriptor in the shared table, so every method is
 * the preview1 call with the same rights, path resolution and sandbox (`..`, absolute paths and
 * escaping symlinks are `not-permitted`), read-only preopens and `maxOpenFiles` limit. Dropping it
 * closes the descriptor; a preopen is never closed (each `get-directories` gives a new resource).
 */
export class Descriptor {
  readonly #b: Bridge;
  readonly #fd: number;
  readonly #preopen: boolean;
  constructor(b: Bridge, fd: number, preopen: boolean) {
    this.#b = b;
    this.#fd = fd;
    this.#preopen = preopen;
  }

  /** The preview1 descriptor of `d` (another resource passed as an argument). */
  static fd(d: Descriptor): number {
    return d.#fd;
  }

  /** Releases the preview1 descriptor when the component drops the resource. */
  [dispose](): void {
    if (!this.#preopen) this.#b.p1.fd_close(this.#fd);
  }

  /** A stream reading the file from byte `offset` on (`bad-descriptor` when not opened for reading). */
  readViaStream(offset: bigint): InputStream {
    this.#require(Rights.FD_READ);
    return new InputStream(this.#b, this.#fd, offset);
  }

  /** A stream writing the file from byte `offset` on (`bad-descriptor` when not opened for writing). */
  writeViaStream(offset: bigint): OutputStream {
    this.#require(Rights.FD_WRITE);
    return new OutputStream(this.#b, this.#fd, offset);
  }

  /** A stream appending to the file. */
  appendViaStream(): OutputStream {
    this.#require(Rights.FD_WRITE);
    return new OutputStream(this.#b, this.#fd, "append");
  }

  /** Advisory only (`fd_advise`). */
  advise(offset: bigint, length: bigint, advice: keyof typeof ADVICE): void {
    this.#b.check(this.#b.p1.fd_advise(this.#fd, offset, length, ADVICE[advice]));
  }

  /** `fd_datasync`. */
  syncData(): void {
    this.#b.check(this.#b.p1.fd_datasync(this.#fd));
  }

  /** `fd_sync`. */
  sync(): void {
    this.#b.check(this.#b.p1.fd_sync(this.#fd));
  }

  /** How the descriptor was opened, from its preview1 rights and flags. */
  getFlags(): DescriptorFlags {
    const [type, flags, rights] = this.#fdstat();
    const flag: DescriptorFlags = {
      read: (rights & (type === FileType.DIRECTORY ? Rights.FD_READDIR : Rights.FD_READ)) !== 0,
      write: (rights & Rights.FD_WRITE) !== 0,
      fileIntegritySync: (flags & FdFlags.SYNC) !== 0,
      dataIntegritySync: (flags & FdFlags.DSYNC) !== 0,
      requestedWriteSync: (flags & FdFlags.RSYNC) !== 0,
      mutateDirectory: type === FileType.DIRECTORY && (rights & Rights.PATH_CREATE_FILE) !== 0,
    };
    return flag;
  }

  /** The type of the object. */
  getType(): DescriptorType {
    return descriptorType(this.#fdstat()[0]);
  }

  /** `fd_filestat_set_size`. */
  setSize(size: bigint): void {
    this.#b.check(this.#b.p1.fd_filestat_set_size(this.#fd, size));
  }

  /** `fd_filestat_set_times`. */
  setTimes(atim: NewTimestamp, mtim: NewTimestamp): void {
    const [flags, a, m] = timeFlags(atim, mtim);
    this.#b.check(this.#b.p1.fd_filestat_set_times(this.#fd, a, m, flags));
  }

  /** Up to `length` bytes at `offset`, and whether the end of the file was reached. */
  read(length: bigint, offset: bigint): [Uint8Array, boolean] {
    const n = length > 1n << 20n ? 1 << 20 : Number(length);
    const b = this.#b.begin();
    const [iov, buf] = b.iovec(n);
    const out = b.alloc(4);
    this.#io(b.p1.fd_pread(this.#fd, iov, 1, offset, out));
    const got = b.u32(out);
    return [b.copy(buf, got), got < n];
  }

  /** Write `buffer` at `offset`; returns the bytes written. */
  write(buffer: Uint8Array, offset: bigint): bigint {
    const b = this.#b.begin();
    const iov = b.ciovec(buffer);
    const out = b.alloc(4);
    this.#io(b.p1.fd_pwrite(this.#fd, iov, 1, offset, out));
    return BigInt(b.u32(out));
  }

  /** The directory's entries, without `.` and `..`. */
  readDirectory(): DirectoryEntryStream {
    if (this.#fdstat()[0] !== FileType.DIRECTORY) throw fail("not-directory");
    return new DirectoryEntryStream(this.#b, this.#fd);
  }

  /** `path_create_directory`. */
  createDirectoryAt(path: string): void | Promise<void> {
    return this.#b.directory(() => {
      const b = this.#b.begin();
      const [p, l] = b.str(path);
      b.check(b.p1.path_create_directory(this.#fd, p, l));
    });
  }

  /** Metadata of the open object. */
  stat(): DescriptorStat {
    return descriptorStat(this.#b.filestat(this.#fd));
  }

  /** Metadata of the object `path` names. */
  statAt(flags: PathFlags, path: string): DescriptorStat | Promise<DescriptorStat> {
    return this.#b.directory(() => descriptorStat(this.#b.filestat(this.#fd, path, flags.symlinkFollow === true)));
  }

  /** `path_filestat_set_times`. */
  setTimesAt(flags: PathFlags, path: string, atim: NewTimestamp, mtim: NewTimestamp): void | Promise<void> {
    return this.#b.directory(() => {
      const [fst, a, m] = timeFlags(atim, mtim);
      const b = this.#b.begin();
      const [p, l] = b.str(path);
      b.check(b.p1.path_filestat_set_times(this.#fd, follow(flags), p, l, a, m, fst));
    });
  }

  /** `path_link`. */
  linkAt(oldFlags: PathFlags, oldPath: string, newDir: Descriptor, newPath: string): void | Promise<void> {
    return this.#b.directory(() => {
      const b = this.#b.begin();
      const [op, ol] = b.str(oldPath);
      const [np, nl] = b.str(newPath);
      b.check(b.p1.path_link(this.#fd, follow(oldFlags), op, ol, newDir.#fd, np, nl));
    });
  }

  /** Open (and maybe create) `path` (`path_open`). */
  openAt(flags: PathFlags, path: string, open: OpenFlags, how: DescriptorFlags): Descriptor | Promise<Descriptor> {
    return this.#b.directory(() => {
      let oflags = 0;
      if (open.create === true) oflags |= OFlags.CREAT;
      if (open.directory === true) oflags |= OFlags.DIRECTORY;
      if (open.exclusive === true) oflags |= OFlags.EXCL;
      if (open.truncate === true) oflags |= OFlags.TRUNC;
      let fdflags = 0;
      if (how.fileIntegritySync === true) fdflags |= FdFlags.SYNC;
      if (how.dataIntegritySync === true) fdflags |= FdFlags.DSYNC;
      if (how.requestedWriteSync === true) fdflags |= FdFlags.RSYNC;
      // As wasmtime: a child directory keeps its parent's permission to mutate; files get only
      // the reading and writing asked for. preview1 narrows all of it to what the parent may hand down.
      let rights = RIGHTS_ALL;
      if (how.read !== true) rights &= ~Rights.FD_READ;
      if (how.write !== true) rights &= ~RIGHTS_WRITING;
      const b = this.#b.begin();
      const [p, l] = b.str(path);
      const out = b.alloc(4);
      b.check(b.p1.path_open(this.#fd, follow(flags), p, l, oflags, BigInt(rights), BigInt(RIGHTS_ALL), fdflags, out));
      return new Descriptor(this.#b, b.u32(out), false);
    });
  }

  /** The content of the symlink `path`. */
  readlinkAt(path: string): string | Promise<string> {
    return this.#b.directory(() => {
      for (let size = 4096; ; size *= 4) {
        const b = this.#b.begin();
        const [p, l] = b.str(path);
        const buf = b.alloc(size);
        const used = b.alloc(4);
        b.check(b.p1.path_readlink(this.#fd, p, l, buf, size, used));
        const n = b.u32(used);
        if (n < size) return new TextDecoder().decode(b.ctx.mem.u8.subarray(buf, buf + n));
      }
    });
  }

  /** `path_remove_directory`. */
  removeDirectoryAt(path: string): void | Promise<void> {
    return this.#b.directory(() => {
      const b = this.#b.begin();
      const [p, l] = b.str(path);
      b.check(b.p1.path_remove_directory(this.#fd, p, l));
    });
  }

  /** `path_rename`. */
  renameAt(oldPath: string, newDir: Descriptor, newPath: string): void | Promise<void> {
    return this.#b.directory(() => {
      const b = this.#b.begin();
      const [op, ol] = b.str(oldPath);
      const [np, nl] = b.str(newPath);
      b.check(b.p1.path_rename(this.#fd, op, ol, newDir.#fd, np, nl));
    });
  }

  /** `path_symlink`: a link at `newPath` whose content is `oldPath`, verbatim. */
  symlinkAt(oldPath: string, newPath: string): void | Promise<void> {
    return this.#b.directory(() => {
      const b = this.#b.begin();
      const [op, ol] = b.str(oldPath);
      const [np, nl] = b.str(newPath);
      b.check(b.p1.path_symlink(op, ol, this.#fd, np, nl));
    });
  }

  /** `path_unlink_file`. */
  unlinkFileAt(path: string): void | Promise<void> {
    return this.#b.directory(() => {
      const b = this.#b.begin();
      const [p, l] = b.str(path);
      b.check(b.p1.path_unlink_file(this.#fd, p, l));
    });
  }

  /** True when both descriptors refer to the same object (same device and inode). */
  isSameObject(other: Descriptor): boolean {
    const a = this.#b.filestat(this.#fd);
    const o = this.#b.filestat(other.#fd);
    return a.dev === o.dev && a.ino === o.ino;
  }

  /** A hash of the object's identity: equal for the same object. */
  metadataHash(): { lower: bigint; upper: bigint } {
    return metadataHash(this.#b.filestat(this.#fd));
  }

  /** `metadata-hash` of the object `path` names. */
  metadataHashAt(flags: PathFlags, path: string): MetadataHash | Promise<MetadataHash> {
    return this.#b.directory(() => metadataHash(this.#b.filestat(this.#fd, path, flags.symlinkFollow === true)));
  }

  /** `[filetype, fdflags, rights]` of the descriptor (`fd_fdstat_get`). */
  #fdstat(): [number, number, number] {
    const b = this.#b.begin();
    const out = b.alloc(FDSTAT.size);
    b.check(b.p1.fd_fdstat_get(this.#fd, out));
    return [b.u8(out + FDSTAT.filetype), b.ctx.mem.dv.getUint16(out + FDSTAT.flags, true), Number(b.u64(out + FDSTAT.rightsBase))];
  }

  /** A stream needs its right: without it the descriptor is `bad-descriptor`, as in wasmtime. */
  #require(right: number): void {
    const [type, , rights] = this.#fdstat();
    if (type === FileType.DIRECTORY) throw fail("is-directory");
    if ((rights & right) === 0) throw fail("bad-descriptor");
  }

  /** Positional I/O without the right is `bad-descriptor` (wasmtime), other errors as usual. */
  #io(errno: number): void {
    this.#b.check(errno === Errno.NOTCAPABLE ? Errno.BADF : errno);
  }
}
