import { PRESTAT } from "../../abi/layout.js";
import type { Bridge } from "../bridge.js";
import { Descriptor } from "./descriptor.js";

/**
 * `wasi:filesystem/preopens`: the `WASI`'s preopens (descriptors 3, 4, ... as preview1 numbers
 * them), found with `fd_prestat_get`/`fd_prestat_dir_name` like a preview1 libc does.
 */
export function filesystemPreopens(b: Bridge): { getDirectories(): [Descriptor, string][] } {
  const found: [number, string][] = [];
  for (let fd = 3; ; fd++) {
    b.begin();
    const out = b.alloc(PRESTAT.size);
    if (b.p1.fd_prestat_get(fd, out) !== 0) break;
    const len = b.u32(out + PRESTAT.nameLen);
    const name = b.alloc(len);
    b.check(b.p1.fd_prestat_dir_name(fd, name, len));
    found.push([fd, new TextDecoder().decode(b.copy(name, len))]);
  }
  return { getDirectories: () => found.map(([fd, name]) => [new Descriptor(b, fd, true), name]) };
}
