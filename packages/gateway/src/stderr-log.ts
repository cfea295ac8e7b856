/** Default cap on the stderr bytes logged for one request. */
export const MAX_LOGGED_STDERR = 64 * 1024;

/**
 * Turns a guest's stderr into log lines, each prefixed (e.g. with the request), up to a byte
 * budget so a chatty guest cannot flood the logs.
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
    for (const line of lines) this.log(`${this.prefix}${line}`);
    if (this.budget <= 0) this.log(`${this.prefix}(stderr truncated)`);
  }

  /** Log the last, unterminated line. */
  end(): void {
    const last = this.partial + this.decoder.decode();
    this.partial = "";
    if (last !== "") this.log(`${this.prefix}${last}`);
  }
}
