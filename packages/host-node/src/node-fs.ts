import { Errno, WasiError, type DirectoryHandle } from "@anywasi/core";
import { realpath } from "./node-fs-host.js";
import { Shared } from "./node-fs-shared.js";
import { NodeDirectory } from "./node-directory.js";

/** Options of `NodeFS`. */
export interface NodeFSOptions {
  /** Refuse every change (`ROFS`): the guest can read but not write, create or remove. */
  readOnly?: boolean;
}

/**
 * A real host directory as a WASI filesystem. The core resolves every path component itself;
 * this host only ever acts on one name inside a directory it already holds open, never follows
 * a symlink in that name (`O_NOFOLLOW`, `lstat`), and on Linux reaches the directory through
 * `/proc/self/fd`, so a concurrent rename or symlink swap cannot redirect it outside the preopen.
 */
export class NodeFS {
  /** The root directory handle, to pass as a preopen. */
  readonly root: DirectoryHandle;
  private readonly shared: Shared;

  /**
   * @param hostPath a directory on the host; symlinks in it are resolved once, here.
   * @throws Error when `hostPath` is not a directory.
   */
  constructor(hostPath: string, options: NodeFSOptions = {}) {
    const real = realpath(hostPath);
    this.shared = new Shared(options.readOnly === true);
    try {
      // O_DIRECTORY refuses anything else: no stat beforehand.
      this.root = NodeDirectory.open(this.shared, real);
    } catch (e) {
      if (e instanceof WasiError && e.errno === Errno.NOTDIR) throw new Error(`not a directory: ${hostPath}`, { cause: e });
      throw e;
    }
  }

  /** Close every host descriptor this filesystem holds (open files stay valid until then). */
  close(): void {
    this.shared.closeAll();
  }
}
