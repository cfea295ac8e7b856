// Runs a WASI program — a preview1 module or a WASI 0.2 command component, spawn() takes either —
// in a Web Worker (@anywasi/browser's spawn) wired to the terminal: the arguments and environment
// from the form, the workspace's files, a signed body for the webhook; reports the exit code, a
// failure or a kill.
import { capabilities, spawn, type GuestSource, type Process, type StdinMode, type WaitMode } from "@anywasi/browser";
import { parseEnv, quoteArg, splitArgs } from "./args.js";
import { guestKind, isComponentBytes, programName, type GuestKind, type Program } from "./program.js";
import { formatMs, type RunControls } from "./run-control.js";
import { showMode } from "./stdin-mode.js";
import type { PlaygroundTerminal } from "./terminal.js";
import { requestEnv } from "./webhook.js";
import type { Workspace } from "./workspace.js";

/** How the last program run ended (window.__playground.result()). */
export interface RunResult {
  exitCode: number | null;
  error: string | null;
  killed: boolean;
  /** Wall-clock time from spawn to exit, in ms. */
  ms: number;
  /** Null when the guest never started. */
  mode: WaitMode | null;
  /** The guest was a WASI 0.2 component (null: it was never loaded). */
  component: boolean | null;
}

/** What the form holds when Run is pressed. */
export interface RunRequest {
  program: Program;
  /** Shell-quoted arguments after argv[0]. */
  args: string;
  /** KEY=VALUE lines. */
  env: string;
  /** The webhook's request body. */
  body: string;
  mode: StdinMode;
  /** Called when what the program is becomes known (a URL, once fetched). */
  showKind?: (kind: GuestKind) => void;
}

const encoder = new TextEncoder();

async function pump(stream: ReadableStream<Uint8Array>, write: (chunk: Uint8Array) => void): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    write(value);
  }
}

export class ProgramRunner {
  /** From Run until the guest's end (fetching, signing and spawning included). */
  busy = false;
  /** The running guest, if any. */
  private current: Process | null = null;
  lastResult: RunResult | null = null;
  /** Set when the user stopped the running guest (Stop or Ctrl-C). */
  private stopping = false;

  constructor(
    private readonly terminal: PlaygroundTerminal,
    private readonly workspace: Workspace,
    private readonly controls: RunControls,
  ) {}

  /** Kill the running guest (exit 137), or cancel a run still fetching; nothing when none runs. */
  stop(): void {
    if (!this.busy) return;
    this.stopping = true;
    this.current?.kill();
  }

  /** Run `req.program` to its end. A second call while one runs is ignored. */
  async run(req: RunRequest): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.stopping = false;
    this.controls.setRunning(true);
    try {
      await this.runGuest(req);
    } finally {
      this.current = null;
      this.busy = false;
      this.controls.setRunning(false);
    }
  }

  private async runGuest(req: RunRequest): Promise<void> {
    const { program } = req;
    const mode = req.mode;
    const { terminal, controls } = this;
    this.lastResult = null;
    const sample = program.kind === "sample" ? program.sample : null;
    const argv = [programName(program), ...splitArgs(req.args)];
    const { cols, rows } = terminal.size;
    let env: Record<string, string> = { TERM: "xterm-256color", COLUMNS: String(cols), LINES: String(rows), ...parseEnv(req.env) };
    const caps = capabilities();
    let interactive = sample?.interactive ?? true;
    let stdin: "interactive" | Uint8Array = "interactive";
    /** The program reads the keyboard, and this page has no way to let it wait for it. */
    let cannotType = false;
    // Null for a URL until it is fetched.
    let component: boolean | null = guestKind(program) === null ? null : guestKind(program) === "component";
    if (sample?.webhook === true) {
      const body = encoder.encode(req.body);
      env = await requestEnv(env, body);
      stdin = body;
      interactive = false;
      await this.workspace.ensureDir("data");
    } else if (!interactive) {
      // Nothing to read: a closed stdin.
      stdin = new Uint8Array(0);
    } else if (mode === "auto" && !caps.jspi && !caps.sab) {
      interactive = false;
      stdin = new Uint8Array(0);
      cannotType = true;
    }

    terminal.clear();
    terminal.note(`$ ${argv.map(quoteArg).join(" ")}`);
    if (sample?.webhook === true) terminal.note(`POST / with X-Signature: ${env["HTTP_X_SIGNATURE"]}`);
    if (cannotType) terminal.note("(this page cannot give interactive stdin: input is empty)");

    let source: GuestSource;
    if (program.kind === "sample") {
      source = program.sample.wasm;
    } else if (program.kind === "url") {
      // Fetched here rather than in the worker: a clearer error, and the page's CORS rules.
      try {
        const response = await fetch(program.url);
        if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        source = bytes;
        component = isComponentBytes(bytes);
        req.showKind?.(component ? "component" : "module");
      } catch (e) {
        this.notStarted(`cannot fetch ${program.url}: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
    } else {
      source = program.bytes;
    }

    if (this.stopping) {
      terminal.note("stopped before it started");
      controls.setStatus("killed", "stopped");
      this.lastResult = { exitCode: null, error: null, killed: true, ms: 0, mode: null, component };
      return;
    }
    const t0 = performance.now();
    let p: Process;
    try {
      p = spawn(source, { args: argv, env, stdin, stdinMode: mode, tty: true, ...this.workspace.spawnOptions() });
    } catch (e) {
      this.notStarted(e instanceof Error ? e.message : String(e));
      return;
    }
    this.current = p;
    controls.setStatus("running", "running…");
    controls.setTiming(null);
    const runMode = await p.mode;
    showMode(runMode, component === true);

    let writer: WritableStreamDefaultWriter<Uint8Array> | null = interactive ? p.stdin.getWriter() : null;
    terminal.attach({
      line: (text) => { writer?.write(encoder.encode(text)).catch(() => {}); },
      end: () => { writer?.close().catch(() => {}); writer = null; },
      interrupt: () => this.stop(),
    });
    terminal.focus();
    const output = Promise.all([
      pump(p.stdout, (chunk) => terminal.write(chunk)),
      pump(p.stderr, (chunk) => terminal.writeError(chunk)),
    ]);

    let exitCode: number | null = null;
    let error: string | null = null;
    try {
      exitCode = await p.exit;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    const ms = performance.now() - t0;
    await output;
    terminal.attach(null);
    await this.workspace.afterRun(p);
    this.current = null;
    const killed = this.stopping;
    this.lastResult = { exitCode, error, killed, ms, mode: runMode, component };
    const what = component === true ? " · component" : "";

    if (error !== null) {
      terminal.note(error, true);
      controls.setStatus("error", "failed");
    } else if (killed) {
      terminal.note(`[killed · exit ${exitCode} · ${formatMs(ms)}${what}]`);
      controls.setStatus("killed", `killed · exit ${exitCode}${what}`);
    } else {
      terminal.note(`[exit ${exitCode} · ${formatMs(ms)}${what}]`);
      controls.setStatus(exitCode === 0 ? "ok" : "fail", `exit ${exitCode}${what}`);
    }
    controls.setTiming(ms);
  }

  private notStarted(message: string): void {
    this.terminal.note(message, true);
    this.controls.setStatus("error", "could not start");
    this.lastResult = { exitCode: null, error: message, killed: false, ms: 0, mode: null, component: null };
  }
}
