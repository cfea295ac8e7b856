import { CgiHeaderParser, type CgiHead } from "./cgi-response.js";
import { OutputLimitError } from "./errors.js";

/**
 * A guest's stdout on its way to becoming a response: the header block is parsed as it arrives,
 * the body bytes after it are queued (copied) in `body` until the client reads them.
 */
export class CgiOutput {
  /** The response body: everything after the header block. */
  readonly body: ReadableStream<Uint8Array>;
  /** Resolves once the header block is complete (never, if it never is). */
  readonly headComplete: Promise<void>;
  private headValue: CgiHead | null = null;
  private readonly parser: CgiHeaderParser;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private resolveHead!: () => void;
  private written = 0;
  private stopped = false;

  /**
   * @param maxHeaderBytes largest header block.
   * @param maxOutputBytes largest stdout, header block included.
   * @param stop called (once) with why the guest must be stopped: `OutputLimitError`, a
   *   `MalformedResponseError`; or, with null, when the client cancelled the body.
   */
  constructor(maxHeaderBytes: number, private readonly maxOutputBytes: number, private readonly stop: (reason: Error | null) => void) {
    this.parser = new CgiHeaderParser(maxHeaderBytes);
    this.body = new ReadableStream<Uint8Array>({
      start: (c) => { this.controller = c; },
      cancel: () => this.halt(null),
    });
    this.headComplete = new Promise<void>((resolve) => { this.resolveHead = resolve; });
  }

  /** The parsed header block, once complete. */
  get head(): CgiHead | null {
    return this.headValue;
  }

  /** Bytes received that are not yet part of a complete header block. */
  get pending(): number {
    return this.parser.pending;
  }

  /** Take the next stdout chunk (a view: it is copied). Ignored once the guest was stopped. */
  write(chunk: Uint8Array): void {
    if (this.stopped) return;
    this.written += chunk.length;
    if (this.written > this.maxOutputBytes) {
      this.halt(new OutputLimitError(this.maxOutputBytes));
      return;
    }
    if (this.headValue !== null) {
      this.controller.enqueue(chunk.slice());
      return;
    }
    try {
      const r = this.parser.push(chunk);
      if (r === null) return;
      this.headValue = r.head;
      if (r.rest.length > 0) this.controller.enqueue(r.rest.slice());
      this.resolveHead();
    } catch (e) {
      this.halt(e as Error);
    }
  }

  /** End the body normally (quietly if the client already cancelled it). */
  close(): void {
    try {
      this.controller.close();
    } catch {
      // cancelled: nobody is reading
    }
  }

  /** End the body with an error: the client sees it cut short. */
  error(reason: Error): void {
    this.controller.error(reason);
  }

  private halt(reason: Error | null): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stop(reason);
  }
}
