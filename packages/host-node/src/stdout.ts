import { BufferedOutput } from "./buffered-output.js";
import * as fs from "node:fs";
import * as tty from "node:tty";

const retry = new Int32Array(new SharedArrayBuffer(4));

/**
 * Write all of `bytes` to a host descriptor, waiting out `EAGAIN` on a non-blocking pipe instead
 * of losing output.
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    try {
      off += fs.writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "EAGAIN") { Atomics.wait(retry, 0, 0, 1); continue; }
      if (code === "EPIPE") return; // the reader went away: like a closed pipe, drop the rest
      throw e;
    }
  }
}

/**
 * A host descriptor (1 or 2) as a guest output stream: line-buffered on a terminal, block-buffered
 * on a pipe or file when `buffered`, unbuffered otherwise.
 */
export function processOutput(fd: number, buffered: boolean): BufferedOutput {
  const isTTY = tty.isatty(fd);
  return new BufferedOutput((b) => writeAll(fd, b), buffered ? (isTTY ? "line" : "full") : "none", 65536, isTTY);
}
