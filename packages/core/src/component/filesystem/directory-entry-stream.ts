import { DIRENT } from "../../abi/layout.js";
import type { Bridge } from "../bridge.js";
import { descriptorType, type DescriptorType } from "./stat.js";

/** A `directory-entry`. */
export interface DirectoryEntry {
  type: DescriptorType;
  name: string;
}

const BUFFER = 64 * 1024;
const decoder = new TextDecoder();

/**
 * `wasi:filesystem/types` `directory-entry-stream`: the listing of preview1 `fd_readdir`, read with
 * its cookies as the stream advances, without `.` and `..` (the WIT leaves them out).
 */
export class DirectoryEntryStream {
  readonly #b: Bridge;
  readonly #fd: number;
  #entries: DirectoryEntry[] = [];
  #next = 0;
  #cookie = 0n;
  #done = false;
  constructor(b: Bridge, fd: number) {
    this.#b = b;
    this.#fd = fd;
  }

  /** The next entry, or none at the end. */
  readDirectoryEntry(): DirectoryEntry | undefined | Promise<DirectoryEntry | undefined> {
    // Only a refill reads the directory (and may wait, through the embedder's `directoryCall`).
    if (this.#next < this.#entries.length) return this.#entries[this.#next++];
    if (this.#done) return undefined;
    return this.#b.directory(() => {
      while (this.#next >= this.#entries.length) {
        if (this.#done) return undefined;
        this.#fill();
      }
      return this.#entries[this.#next++];
    });
  }

  /** Read the next buffer of entries from the current cookie on. */
  #fill(): void {
    const b = this.#b.begin();
    const buf = b.alloc(BUFFER);
    const used = b.alloc(4);
    b.check(b.p1.fd_readdir(this.#fd, buf, BUFFER, this.#cookie, used));
    const n = b.u32(used);
    this.#entries = [];
    this.#next = 0;
    let p = buf;
    let complete = 0;
    while (p + DIRENT.size <= buf + n) {
      const len = b.u32(p + DIRENT.namlen);
      if (p + DIRENT.size + len > buf + n) break;
      const name = decoder.decode(b.ctx.mem.u8.subarray(p + DIRENT.size, p + DIRENT.size + len));
      this.#cookie = b.u64(p + DIRENT.next);
      if (name !== "." && name !== "..") this.#entries.push({ type: descriptorType(b.u8(p + DIRENT.type)), name });
      p += DIRENT.size + len;
      complete++;
    }
    // A full buffer may end in a cut entry: read again from its cookie. A short one is the end.
    if (n < BUFFER) this.#done = true;
    else if (complete === 0) throw new WebAssembly.RuntimeError("a directory entry does not fit the listing buffer");
  }
}
