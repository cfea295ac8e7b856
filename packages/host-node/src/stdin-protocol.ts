/** Shared-memory protocol between the guest thread and the stdin reader thread (Int32 slots). */
export const STATUS = 0;
export const LEN = 1;
export const REQUEST = 2;
/** STATUS values. */
export const EMPTY = 0;
export const FULL = 1;
export const EOF = 2;
export const ERROR = 3;
/** Bytes per chunk. */
export const CHUNK = 65536;
