/** Default cap on the stderr bytes logged for one request. */
export const MAX_LOGGED_STDERR = 64 * 1024;

// C0 controls but tab, DEL and C1 controls (U+009B is CSI on some terminals).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

/**
 * `line` with every control character but tab written as `\xNN`, so a guest's output cannot
 * move the cursor, recolour, retitle or clear the terminal a server log is read on, nor forge a
 * log line with a bare `\r`. A CR ending the line (a CRLF line end) is dropped.
 */
export function escapeControls(line: string): string {
  return (line.endsWith("\r") ? line.slice(0, -1) : line).replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/**
 * Turns a guest's stderr into log lines, each prefixed (e.g. with the request), up to a byte
 * budget so a chatty guest cannot flood the logs. Control characters are escaped (`escapeControls`).
 */
export class StderrLog {
  private readonly decoder = new TextDecoder();
  private partial = "";
  private budget: number;

  constructor(private readonly prefix: string, private readonly log: (line: string) => void, maxBytes = MAX_LOGGED_STDERR) {
    this.budget = maxBytes;
  }

  write(chunk: Uint8Array): void {
    if (this.budget <= 0) return;
    const part = chunk.length > this.budget ? chunk.subarray(0, this.budget) : chunk;
    this.budget -= part.length;
    const lines = (this.partial + this.decoder.decode(part, { stream: true })).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.log(`${this.prefix}${escapeControls(line)}`);
    if (this.budget <= 0) this.log(`${this.prefix}(stderr truncated)`);
  }

  /** Log the last, unterminated line. */
  end(): void {
    const last = this.partial + this.decoder.decode();
    this.partial = "";
    if (last !== "") this.log(`${this.prefix}${escapeControls(last)}`);
  }
}
