// The shared ring between a guest thread writing to a host descriptor and the thread that drains
// it in the background (output-worker.ts). Indices into the Int32Array of the control block;
// HEAD and TAIL are byte counters that wrap at 2^32 (their difference is what the ring holds).

/** Bytes written out so far; advanced only by the holder of LOCK. */
export const HEAD = 0;
/** Bytes put into the ring so far; advanced only by the guest thread. */
export const TAIL = 1;
/** 1 while the drain thread waits for data: the guest thread then notifies TAIL. */
export const IDLE = 2;
/** 1 while a thread is writing out of the ring: only the holder calls write(2). */
export const LOCK = 3;
/** 0, or why writing failed: PIPE (the reader went away) or IO (any other error). */
export const FAILED = 4;
/** 1 once the drain thread runs: until then the guest thread writes out each write itself. */
export const READY = 5;
export const CONTROL_WORDS = 6;

export const FAILED_PIPE = 1;
export const FAILED_IO = 2;

/** Ring size in bytes (a power of two). */
export const RING = 65536;
/**
 * How long the drain thread lets output gather after it wakes before writing it out, in ms: small
 * writes are then batched into one write(2), and output never sits unwritten for longer.
 */
export const GATHER_MS = 2;
