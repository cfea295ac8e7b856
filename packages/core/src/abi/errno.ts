// The names in value order (a name's index is its value): a string costs a third of the bytes of
// the object literal in every bundle. The literal types are in Errno's annotation (inline, so that
// the API reference lists them).
const NAMES =
  "SUCCESS 2BIG ACCES ADDRINUSE ADDRNOTAVAIL AFNOSUPPORT AGAIN ALREADY BADF BADMSG BUSY " +
  "CANCELED CHILD CONNABORTED CONNREFUSED CONNRESET DEADLK DESTADDRREQ DOM DQUOT EXIST " +
  "FAULT FBIG HOSTUNREACH IDRM ILSEQ INPROGRESS INTR INVAL IO ISCONN ISDIR LOOP MFILE " +
  "MLINK MSGSIZE MULTIHOP NAMETOOLONG NETDOWN NETRESET NETUNREACH NFILE NOBUFS NODEV NOENT " +
  "NOEXEC NOLCK NOLINK NOMEM NOMSG NOPROTOOPT NOSPC NOSYS NOTCONN NOTDIR NOTEMPTY " +
  "NOTRECOVERABLE NOTSOCK NOTSUP NOTTY NXIO OVERFLOW OWNERDEAD PERM PIPE PROTO " +
  "PROTONOSUPPORT PROTOTYPE RANGE ROFS SPIPE SRCH STALE TIMEDOUT TXTBSY XDEV NOTCAPABLE";

/**
 * WASI preview1 `errno` values, by name. Numbers are the ABI values from
 * `wasi_snapshot_preview1.witx`.
 * @enum
 */
export const Errno: {
  readonly SUCCESS: 0; readonly "2BIG": 1; readonly ACCES: 2; readonly ADDRINUSE: 3;
  readonly ADDRNOTAVAIL: 4; readonly AFNOSUPPORT: 5; readonly AGAIN: 6; readonly ALREADY: 7;
  readonly BADF: 8; readonly BADMSG: 9; readonly BUSY: 10; readonly CANCELED: 11;
  readonly CHILD: 12; readonly CONNABORTED: 13; readonly CONNREFUSED: 14; readonly CONNRESET: 15;
  readonly DEADLK: 16; readonly DESTADDRREQ: 17; readonly DOM: 18; readonly DQUOT: 19;
  readonly EXIST: 20; readonly FAULT: 21; readonly FBIG: 22; readonly HOSTUNREACH: 23;
  readonly IDRM: 24; readonly ILSEQ: 25; readonly INPROGRESS: 26; readonly INTR: 27;
  readonly INVAL: 28; readonly IO: 29; readonly ISCONN: 30; readonly ISDIR: 31; readonly LOOP: 32;
  readonly MFILE: 33; readonly MLINK: 34; readonly MSGSIZE: 35; readonly MULTIHOP: 36;
  readonly NAMETOOLONG: 37; readonly NETDOWN: 38; readonly NETRESET: 39; readonly NETUNREACH: 40;
  readonly NFILE: 41; readonly NOBUFS: 42; readonly NODEV: 43; readonly NOENT: 44;
  readonly NOEXEC: 45; readonly NOLCK: 46; readonly NOLINK: 47; readonly NOMEM: 48;
  readonly NOMSG: 49; readonly NOPROTOOPT: 50; readonly NOSPC: 51; readonly NOSYS: 52;
  readonly NOTCONN: 53; readonly NOTDIR: 54; readonly NOTEMPTY: 55; readonly NOTRECOVERABLE: 56;
  readonly NOTSOCK: 57; readonly NOTSUP: 58; readonly NOTTY: 59; readonly NXIO: 60;
  readonly OVERFLOW: 61; readonly OWNERDEAD: 62; readonly PERM: 63; readonly PIPE: 64;
  readonly PROTO: 65; readonly PROTONOSUPPORT: 66; readonly PROTOTYPE: 67; readonly RANGE: 68;
  readonly ROFS: 69; readonly SPIPE: 70; readonly SRCH: 71; readonly STALE: 72;
  readonly TIMEDOUT: 73; readonly TXTBSY: 74; readonly XDEV: 75; readonly NOTCAPABLE: 76;
} = Object.fromEntries(NAMES.split(" ").map((n, i) => [n, i])) as typeof Errno;

/** An errno name such as `"NOENT"`. */
export type ErrnoName = keyof typeof Errno;
/** A numeric errno value. */
export type ErrnoCode = (typeof Errno)[ErrnoName];

// Errno has every value in order, 0 to 76, so a name's index is its value.
const names: readonly string[] = Object.keys(Errno);

/** The name of an errno value (`44` → `"NOENT"`), or `"E<n>"` for an unknown one. */
export function errnoName(code: number): string {
  return names[code] ?? `E${code}`;
}
