import { FileType } from "../../abi/constants.js";
import { FDSTAT } from "../../abi/layout.js";
import type { Bridge } from "../bridge.js";
import { InputStream, OutputStream } from "../io/streams.js";

/**
 * `wasi:cli/stdin`, `stdout` and `stderr`: streams over preview1 descriptors 0, 1 and 2, so the
 * embedder's `stdin`/`stdout`/`stderr` options, the output limit and flushing at exit are the
 * preview1 ones. Dropping a stream does not close the descriptor.
 */
export function cliStdio(b: Bridge): {
  stdin: { getStdin(): InputStream };
  stdout: { getStdout(): OutputStream };
  stderr: { getStderr(): OutputStream };
} {
  return {
    stdin: { getStdin: () => new InputStream(b, 0, null) },
    stdout: { getStdout: () => new OutputStream(b, 1, null) },
    stderr: { getStderr: () => new OutputStream(b, 2, null) },
  };
}

/** `wasi:cli/terminal-input` `terminal-input`: no methods in 0.2. */
export class TerminalInput {}
/** `wasi:cli/terminal-output` `terminal-output`: no methods in 0.2. */
export class TerminalOutput {}

/** True when preview1 reports descriptor `fd` as a character device (an `isTTY` stream). */
function isTerminal(b: Bridge, fd: number): boolean {
  b.begin();
  const out = b.alloc(FDSTAT.size);
  return b.p1.fd_fdstat_get(fd, out) === 0 && b.u8(out + FDSTAT.filetype) === FileType.CHARACTER_DEVICE;
}

/** The `wasi:cli/terminal-*` interfaces: a terminal exactly when the stream is a TTY. */
export function cliTerminal(b: Bridge): Record<string, Record<string, unknown>> {
  return {
    "wasi:cli/terminal-input": { TerminalInput },
    "wasi:cli/terminal-output": { TerminalOutput },
    "wasi:cli/terminal-stdin": { getTerminalStdin: () => (isTerminal(b, 0) ? new TerminalInput() : undefined) },
    "wasi:cli/terminal-stdout": { getTerminalStdout: () => (isTerminal(b, 1) ? new TerminalOutput() : undefined) },
    "wasi:cli/terminal-stderr": { getTerminalStderr: () => (isTerminal(b, 2) ? new TerminalOutput() : undefined) },
  };
}
