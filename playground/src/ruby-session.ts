// The Ruby sample as an irb-like session: one ruby.wasm VM in a worker (ruby/), booted on first
// use and kept across evaluations; code comes from the code line, a chip or the terminal, and the
// terminal shows ">> code", the output and "=> value". Stop (or Ctrl-C) kills the VM; the next
// evaluation boots a new one.
import { RubyWorker, type BootReply } from "./ruby/client.js";
import { formatMs, type RunControls } from "./run-control.js";
import type { PlaygroundTerminal, TerminalSink } from "./terminal.js";
import type { Workspace } from "./workspace.js";

/** The last Ruby evaluation, for the tests (window.__playground.ruby()). */
export interface RubyResult {
  code: string;
  result: string;
  inspect: string;
  error: string | null;
  stdout: string;
  stderr: string;
  /** The evaluation's time in the VM, in ms. */
  ms: number;
}

export class RubySession {
  busy = false;
  last: RubyResult | null = null;
  private vm: RubyWorker | null = null;
  /** The terminal holds the Ruby session (not a program's output). */
  private ownsTerminal = false;
  /** The terminal ends with the ">> " prompt. */
  private atPrompt = false;
  /** The last character Ruby wrote ("" before any). */
  private lastChar = "";
  private stopping = false;

  /** Typing in the terminal while the Ruby sample is picked: each line is evaluated. */
  readonly sink: TerminalSink = {
    line: (text) => { if (this.canEval()) void this.eval(text.replace(/\n$/, ""), true); },
    end: () => {},
    interrupt: () => this.stop(),
  };

  /**
   * @param wasm the URL of ruby.wasm
   * @param canEval false while anything (a program, an evaluation) runs
   * @param filesChanged called when Ruby changed the files
   */
  constructor(
    private readonly wasm: string,
    private readonly terminal: PlaygroundTerminal,
    private readonly workspace: Workspace,
    private readonly controls: RunControls,
    private readonly canEval: () => boolean,
    private readonly filesChanged: () => Promise<void>,
  ) {}

  get state(): string {
    return this.vm?.state ?? "off";
  }

  get bootInfo(): BootReply | null {
    return this.vm?.info ?? null;
  }

  /** A program took over the terminal: the next evaluation starts on a clean screen. */
  release(): void {
    this.ownsTerminal = false;
    this.atPrompt = false;
  }

  /** The terminal was cleared: show a fresh prompt if the session is idle there. */
  cleared(): void {
    this.atPrompt = false;
    if (this.ownsTerminal && !this.busy) {
      this.terminal.prompt();
      this.atPrompt = true;
    }
  }

  /** Kill the VM in the middle of an evaluation. */
  stop(): void {
    if (!this.busy || this.vm === null) return;
    this.stopping = true;
    this.vm.kill();
  }

  /** Evaluate `code` (booting the VM first if needed); `typed`: the terminal already shows it. */
  async eval(code: string, typed = false): Promise<void> {
    if (this.busy) return;
    const { terminal, controls } = this;
    this.vm ??= new RubyWorker(this.wasm, {
      stdout: (text) => this.output(text, false),
      stderr: (text) => this.output(text, true),
    });
    const client = this.vm;
    let echo = !typed;
    if (!this.ownsTerminal) {
      terminal.clear();
      this.ownsTerminal = true;
      this.atPrompt = false;
      echo = true;
    }
    if (code.trim() === "") {
      if (!this.atPrompt) terminal.prompt();
      this.atPrompt = true;
      return;
    }
    this.busy = true;
    this.stopping = false;
    controls.setRunning(true);
    controls.setTiming(null);
    try {
      if (client.state !== "ready") {
        controls.setStatus("running", "loading Ruby…");
        if (this.atPrompt) terminal.write("\n");
        terminal.note("loading Ruby… (ruby.wasm with its standard library, 30 MB; first use only)");
        const t0 = performance.now();
        const info = await client.boot();
        terminal.note(`${info.version} on @anywasi/core — ready in ${formatMs(performance.now() - t0)}` +
          ` (download + compile ${formatMs(info.fetchCompileMs)}, boot ${formatMs(info.instantiateMs)})`);
        this.atPrompt = false;
        echo = true;
      }
      if (echo) {
        if (!this.atPrompt) terminal.prompt();
        terminal.write(`${code}\n`);
      }
      this.atPrompt = false;
      this.lastChar = "\n";
      controls.setStatus("running", "running…");
      const reply = await client.evalRuby(code, await this.workspace.list());
      if (this.lastChar !== "\n") terminal.write("\n");
      if (reply.error !== null) terminal.writeError(`${reply.error}\n`);
      else terminal.value(reply.inspect);
      const { files: _, ...rest } = reply;
      this.last = { code, ...rest };
      controls.setStatus(reply.error === null ? "ok" : "fail", reply.error === null ? "ok" : "exception");
      controls.setTiming(reply.ms);
      if (await this.workspace.replace(reply.files)) await this.filesChanged();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (this.stopping) {
        terminal.note("^C — the Ruby VM was stopped; the next evaluation starts a new one");
        controls.setStatus("killed", "stopped");
      } else {
        terminal.note(`Ruby failed: ${message}`, true);
        controls.setStatus("error", "failed");
      }
      this.last = { code, result: "", inspect: "", error: message, stdout: "", stderr: "", ms: 0 };
    } finally {
      this.busy = false;
      controls.setRunning(false);
      terminal.prompt();
      this.atPrompt = true;
    }
  }

  private output(text: string, error: boolean): void {
    if (error) this.terminal.writeError(text);
    else this.terminal.write(text);
    this.lastChar = text.slice(-1);
  }
}
