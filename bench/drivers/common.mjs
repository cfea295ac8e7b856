// Shared by the per-runtime drivers. A driver is run as
//   node --no-warnings DRIVER.mjs PROGRAM.wasm WORKDIR [GUEST_ARGS...]
// in a fresh process by bench/run.mjs, with stdout on /dev/null, the guest's stderr on fd 2 and a
// pipe on fd 3 that receives one JSON line: setup and run times (ms), the exit code and peak RSS.
import { readFileSync, writeSync } from "node:fs";
import { basename } from "node:path";

export function parseArgs() {
  const [wasmPath, workdir, ...rest] = process.argv.slice(2);
  if (wasmPath === undefined || workdir === undefined) {
    console.error("usage: node DRIVER.mjs PROGRAM.wasm WORKDIR [ARGS...]");
    process.exit(64);
  }
  return { bytes: readFileSync(wasmPath), workdir, args: [basename(wasmPath, ".wasm"), ...rest] };
}

/** Collects guest stderr chunks (copies) to write to fd 2 once the guest is done. */
export class Collected {
  chunks = [];
  push = (chunk) => { this.chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk)); };
  flushTo(fd) {
    for (const c of this.chunks) writeSync(fd, c);
  }
}

/** Sends the measurements on fd 3 and exits with the guest's exit code. */
export function report({ setupMs, runMs, exitCode }) {
  const maxRSSKiB = process.resourceUsage().maxRSS;
  writeSync(3, JSON.stringify({ setupMs, runMs, exitCode, maxRSSKiB }) + "\n");
  process.exitCode = exitCode;
}
