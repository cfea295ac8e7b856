// The number fast path of fd_read/fd_write: the cursor is a number while it is at most 2^53 − 1
// and the handle's readAt/writeAt take a number offset, but only for a range that ends within
// both the handle's maxFileSize and 2^53 − 1; every other range goes through read/write with a
// bigint offset, and the cursor stays exact past 2^53.
import { describe, expect, it } from "vitest";
import { Errno, FileType, MemFS, WASI, type FileHandle, type FileStat } from "../../packages/core/src/index.js";

const MAX_SAFE = 2 ** 53 - 1;

/** A file that records how each transfer reached it (with bigint offsets only); size limit `maxFileSize`. */
class RecordingFile implements FileHandle {
  readonly kind = "file";
  readonly calls: string[] = [];
  size = 0n;
  constructor(readonly maxFileSize: bigint) {}
  read(into: Uint8Array, offset: bigint): number {
    this.calls.push(`read ${offset}n ${into.length}`);
    return into.length;
  }
  write(bytes: Uint8Array, offset: bigint): number {
    this.calls.push(`write ${offset}n ${bytes.length}`);
    return bytes.length;
  }
  stat(): FileStat {
    return { dev: 1n, ino: 2n, filetype: FileType.REGULAR_FILE, nlink: 1n, size: this.size, atim: 0n, mtim: 0n, ctim: 0n };
  }
  setSize(size: bigint): void {
    this.size = size;
  }
  setTimes(): void {}
}

/** The same with `readAt`/`writeAt`, which must only ever see ranges ending at or below 2^53 − 1. */
class NumberFile extends RecordingFile {
  readAt(mem: Uint8Array, start: number, length: number, offset: number): number {
    expect(Number.isSafeInteger(offset + length)).toBe(true);
    expect(start + length).toBeLessThanOrEqual(mem.length);
    this.calls.push(`readAt ${offset} ${length}`);
    return length;
  }
  writeAt(mem: Uint8Array, start: number, length: number, offset: number): number {
    expect(Number.isSafeInteger(offset + length)).toBe(true);
    expect(start + length).toBeLessThanOrEqual(mem.length);
    this.calls.push(`writeAt ${offset} ${length}`);
    return length;
  }
}

function setup(file: RecordingFile) {
  const fs = MemFS.from({ "f.bin": "" });
  const root = fs.root;
  // Every open of a file gives the recording handle.
  root.openFile = () => file;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const wasi = new WASI({ preopens: { "/": root } });
  wasi.initialize({ exports: { memory } } as unknown as WebAssembly.Instance);
  const dv = new DataView(memory.buffer);
  new Uint8Array(memory.buffer).set(new TextEncoder().encode("f.bin"), 100);
  const w = wasi.wasiImport;
  expect(w.path_open(3, 0, 100, 5, 0, (1n << 29n) - 1n, 0n, 0, 200)).toBe(0);
  const fd = dv.getUint32(200, true);
  const seek = (at: bigint) => expect(w.fd_seek(fd, at, 0, 300)).toBe(0);
  const tell = () => (expect(w.fd_tell(fd, 300)).toBe(0), dv.getBigUint64(300, true));
  const io = (call: "fd_write" | "fd_read", len: number) => {
    dv.setUint32(400, 1000, true);
    dv.setUint32(404, len, true);
    const errno = w[call](fd, 400, 1, 408);
    return errno === 0 ? dv.getUint32(408, true) : -errno;
  };
  return { seek, tell, io };
}

describe("fd_read/fd_write: the number cursor", () => {
  it("uses readAt/writeAt below 2^53 and read/write with an exact bigint across and past it", () => {
    const file = new NumberFile((1n << 63n) - 1n);
    const { seek, tell, io } = setup(file);
    expect(io("fd_write", 16)).toBe(16);
    expect(io("fd_read", 8)).toBe(8);
    expect(tell()).toBe(24n);
    seek(BigInt(MAX_SAFE) - 15n);
    expect(io("fd_write", 15)).toBe(15); // ends at 2^53 − 1 exactly: still a number
    expect(tell()).toBe(BigInt(MAX_SAFE));
    expect(io("fd_write", 2)).toBe(2); // crosses 2^53: the bigint path
    expect(tell()).toBe(BigInt(MAX_SAFE) + 2n);
    expect(io("fd_read", 3)).toBe(3); // past 2^53: the cursor is a bigint, exact
    expect(tell()).toBe(BigInt(MAX_SAFE) + 5n);
    seek(8n);
    expect(io("fd_write", 4)).toBe(4); // back below: a number again
    expect(tell()).toBe(12n);
    expect(file.calls).toEqual([
      "writeAt 0 16",
      "readAt 16 8",
      `writeAt ${MAX_SAFE - 15} 15`,
      `write ${MAX_SAFE}n 2`,
      `read ${BigInt(MAX_SAFE) + 2n}n 3`,
      "writeAt 8 4",
    ]);
  });

  it("keeps a smaller maxFileSize: FBIG at it, a shortened write across it, a read there finds nothing", () => {
    const file = new NumberFile(1000n);
    const { seek, io } = setup(file);
    seek(990n);
    expect(io("fd_write", 10)).toBe(10); // ends at the limit: the fast path
    seek(995n);
    expect(io("fd_write", 10)).toBe(5); // crosses it: shortened through transferRoom
    seek(1000n);
    expect(io("fd_write", 1)).toBe(-Errno.FBIG);
    expect(io("fd_read", 4)).toBe(0);
    expect(file.calls).toEqual(["writeAt 990 10", "write 995n 5"]);
  });

  it("a handle without readAt/writeAt only ever sees bigint offsets", () => {
    const file = new RecordingFile((1n << 63n) - 1n);
    const { io } = setup(file);
    expect(io("fd_write", 4)).toBe(4);
    expect(io("fd_read", 4)).toBe(4);
    expect(file.calls).toEqual(["write 0n 4", "read 4n 4"]);
  });
});
