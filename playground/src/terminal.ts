// The terminal: xterm.js showing the guest's output as it arrives, and a small line discipline
// in front of the guest's stdin, as a cooked TTY has: typed characters are echoed locally and
// editable (Backspace, Ctrl-U), Enter sends the line, Ctrl-D sends a partial line or, on an empty
// line, ends the input, Ctrl-C interrupts.
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";

/** Where the line discipline delivers what the user typed. */
export interface TerminalSink {
  /** A completed line (with its "\n"), or a partial one flushed by Ctrl-D. */
  line(text: string): void;
  /** Ctrl-D on an empty line. */
  end(): void;
  /** Ctrl-C. */
  interrupt(): void;
}

const DIM = "\x1b[2m";
const RED = "\x1b[31m";
const CYAN = "\x1b[36m";
const RESET = "\x1b[0m";

export class PlaygroundTerminal {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private sink: TerminalSink | null = null;
  /** The line being typed (not yet sent). */
  private pending = "";

  constructor(container: HTMLElement) {
    this.term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: { background: "#14161b", foreground: "#e6e6e6", cursor: "#7fd1ff", selectionBackground: "#3a4a63" },
    });
    this.term.loadAddon(this.fit);
    this.term.open(container);
    this.refit();
    new ResizeObserver(() => this.refit()).observe(container);
    this.term.onData((data) => this.typed(data));
  }

  /** Columns and rows, for the guest's COLUMNS and LINES. */
  get size(): { cols: number; rows: number } {
    return { cols: this.term.cols, rows: this.term.rows };
  }

  refit(): void {
    try {
      this.fit.fit();
    } catch {
      // Not laid out yet (hidden): keep the current size.
    }
  }

  /** Route typed input to a running guest (null: nobody reads it). */
  attach(sink: TerminalSink | null): void {
    this.sink = sink;
    this.pending = "";
  }

  /** Guest output, as it arrives (UTF-8 sequences split across chunks are fine). */
  write(bytes: Uint8Array | string): void {
    this.term.write(bytes);
  }

  writeError(bytes: Uint8Array | string): void {
    this.term.write(RED);
    this.term.write(bytes);
    this.term.write(RESET);
  }

  /** A line from the playground itself (not the guest), dimmed. */
  note(text: string, error = false): void {
    const col = this.term.buffer.active.cursorX;
    this.term.write(`${col > 0 ? "\r\n" : ""}${error ? RED : DIM}${text}${RESET}\r\n`);
  }

  /** A REPL's prompt (the Ruby sample), at the start of a line. */
  prompt(text = ">> "): void {
    this.term.write(`${CYAN}${text}${RESET}`);
  }

  /** A REPL's value line: `=> value`, the arrow dimmed. */
  value(text: string): void {
    this.term.write(`${DIM}=>${RESET} ${text}\r\n`);
  }

  clear(): void {
    this.term.reset();
    this.pending = "";
  }

  focus(): void {
    this.term.focus();
  }

  /** The visible text and scrollback, wrapped lines joined (the tests read this). */
  text(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (line === undefined) continue;
      const s = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += s;
      else lines.push(s);
    }
    return lines.join("\n").replace(/\s+$/, "");
  }

  private typed(data: string): void {
    if (this.sink === null) return;
    // Escape sequences (arrows, function keys): no cursor movement in a cooked line.
    if (data.startsWith("\x1b")) return;
    for (const ch of data) {
      const sink = this.sink;
      if (sink === null) return;
      switch (ch) {
        case "\r":
        case "\n": {
          const line = this.pending + "\n";
          this.pending = "";
          this.term.write("\r\n");
          sink.line(line);
          break;
        }
        case "\x7f":
        case "\b":
          if (this.pending.length > 0) {
            const chars = [...this.pending];
            chars.pop();
            this.pending = chars.join("");
            this.term.write("\b \b");
          }
          break;
        case "\x15": // Ctrl-U: erase the line
          this.term.write("\b \b".repeat([...this.pending].length));
          this.pending = "";
          break;
        case "\x03": // Ctrl-C
          this.pending = "";
          this.term.write("^C\r\n");
          sink.interrupt();
          return;
        case "\x04": // Ctrl-D
          if (this.pending === "") {
            sink.end();
          } else {
            const partial = this.pending;
            this.pending = "";
            sink.line(partial);
          }
          break;
        default:
          if (ch < " " && ch !== "\t") break; // other control characters are not echoed
          this.pending += ch;
          this.term.write(ch);
      }
    }
  }
}
