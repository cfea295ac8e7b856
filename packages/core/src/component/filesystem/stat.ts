import { FileType, FstFlags } from "../../abi/constants.js";
import type { Filestat } from "../bridge.js";
import { datetime, nanoseconds, type Datetime } from "../clocks/wall-clock.js";

/** A `descriptor-type`. */
export type DescriptorType =
  | "unknown" | "block-device" | "character-device" | "directory" | "fifo" | "symbolic-link" | "regular-file" | "socket";

/** A `descriptor-stat`. */
export interface DescriptorStat {
  type: DescriptorType;
  linkCount: bigint;
  size: bigint;
  dataAccessTimestamp: Datetime;
  dataModificationTimestamp: Datetime;
  statusChangeTimestamp: Datetime;
}

/** A `new-timestamp`. */
export type NewTimestamp = { tag: "no-change" } | { tag: "now" } | { tag: "timestamp"; val: Datetime };

const TYPES: readonly DescriptorType[] = [];
const set = (ft: number, t: DescriptorType): void => { (TYPES as DescriptorType[])[ft] = t; };
set(FileType.UNKNOWN, "unknown");
set(FileType.BLOCK_DEVICE, "block-device");
set(FileType.CHARACTER_DEVICE, "character-device");
set(FileType.DIRECTORY, "directory");
set(FileType.REGULAR_FILE, "regular-file");
set(FileType.SOCKET_DGRAM, "socket");
set(FileType.SOCKET_STREAM, "socket");
set(FileType.SYMBOLIC_LINK, "symbolic-link");

/** preview1 `filetype` → `descriptor-type`. */
export function descriptorType(filetype: number): DescriptorType {
  return TYPES[filetype] ?? "unknown";
}

/** preview1 `filestat` → `descriptor-stat`, keeping every nanosecond. */
export function descriptorStat(st: Filestat): DescriptorStat {
  return {
    type: descriptorType(st.filetype),
    linkCount: st.nlink,
    size: st.size,
    dataAccessTimestamp: datetime(st.atim),
    dataModificationTimestamp: datetime(st.mtim),
    statusChangeTimestamp: datetime(st.ctim),
  };
}

/**
 * Two `new-timestamp`s → preview1 `fst_flags` and the times in ns, for `fd_filestat_set_times`
 * (whose decoding — `now` from the realtime clock, nanoseconds kept — is then shared).
 */
export function timeFlags(atim: NewTimestamp, mtim: NewTimestamp): [number, bigint, bigint] {
  let flags = 0;
  let a = 0n;
  let m = 0n;
  if (atim.tag === "now") flags |= FstFlags.ATIM_NOW;
  else if (atim.tag === "timestamp") { flags |= FstFlags.ATIM; a = nanoseconds(atim.val); }
  if (mtim.tag === "now") flags |= FstFlags.MTIM_NOW;
  else if (mtim.tag === "timestamp") { flags |= FstFlags.MTIM; m = nanoseconds(mtim.val); }
  return [flags, a, m];
}

/**
 * A `metadata-hash-value` for an object: a 128-bit mix of device, inode, size and modification
 * time. The WIT asks for a hash of the last-modification timestamp and size, so a write or a
 * replacement changes it; device and inode keep two files with equal sizes and times apart. Each
 * half goes through the splitmix64 finaliser so the inode number itself is not revealed.
 */
export function metadataHash(st: Filestat): { lower: bigint; upper: bigint } {
  const id = mix(st.ino ^ (st.dev << 32n));
  const content = mix(st.size ^ mix(st.mtim));
  return { lower: mix(id ^ content), upper: mix(st.dev ^ 0x9e3779b97f4a7c15n ^ st.ino ^ mix(content ^ st.size)) };
}

function mix(x: bigint): bigint {
  let z = BigInt.asUintN(64, x + 0x9e3779b97f4a7c15n);
  z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
  z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
  return z ^ (z >> 31n);
}
