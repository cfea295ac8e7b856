import { LimitError, type MemFSTree } from "@anywasi/core";
import * as Comlink from "comlink";
import { chooseMode } from "./modes.js";
import type { GuestControl, Outcome, OutputMessage, StartRequest, WireError, WireStdin } from "./protocol.js";
import { pushStream } from "./push-stream.js";
import { createRing } from "./ring-layout.js";
import { RingWriter } from "./ring-writer.js";
import { toWireSource } from "./source.js";
import { stdinStream, type StdinTarget } from "./stdin-writer.js";
import type { GuestSource, Process, SpawnOptions, WaitMode } from "./types.js";

/** Exit code reported after `kill()`: 128 + SIGKILL (9), as a shell reports a killed process. */
export const KILLED_EXIT_CODE = 137;

const encoder = new TextEncoder();

function envList(env: SpawnOptions["env"]): string[] {
  if (env === undefined) return [];
  if (Array.isArray(env)) return [...(env as readonly string[])];
  return Object.entries(env as Readonly<Record<string, string>>).map(([k, v]) => `${k}=${v}`);
}

function toError(e: WireError): Error {
  if (e.name === "LimitError") return new LimitError(e.kind ?? "time", e.message);
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}

/**
 * Run a WASI preview1 command in a new dedicated Web Worker. Syscalls, filesystems and descriptors
 * stay in the worker; the page sees stdio streams and the exit. The worker ends with the guest.
 * @throws Error synchronously when `stdinMode` names an unavailable mode, or when
 * `stdin: "interactive"` is asked and neither JSPI nor cross-origin isolation is available;
 * TypeError for a source of another type.
 */
export function spawn(source: GuestSource, options: SpawnOptions = {}): Process {
  const interactive = options.stdin === "interactive";
  const mode = chooseMode(options.stdinMode ?? "auto", interactive);
  const wire = toWireSource(source);

  let stdin: WireStdin;
  let ring: RingWriter | null = null;
  if (!interactive) {
    const given = options.stdin;
    stdin = { kind: "bytes", bytes: typeof given === "string" ? encoder.encode(given) : (given?.slice() ?? new Uint8Array(0)) };
  } else if (mode === "sab") {
    const buffer = createRing();
    ring = new RingWriter(buffer);
    stdin = { kind: "ring", buffer };
  } else {
    stdin = { kind: "queue" };
  }

  const dirs: [string, MemFSTree][] = [];
  if (options.files !== undefined) dirs.push(["/", options.files]);
  for (const [path, tree] of Object.entries(options.dirs ?? {})) dirs.push([path, tree]);
  const request: StartRequest = {
    source: wire,
    args: [...(options.args ?? [])],
    env: envList(options.env),
    dirs,
    opfs: Object.entries(options.opfs ?? {}),
    mode,
    stdin,
    collectRoot: options.files !== undefined,
    tty: options.tty === true,
    trace: options.trace === true,
    limits: {
      ...(options.maxOutputBytes === undefined ? {} : { maxOutputBytes: options.maxOutputBytes }),
      ...(options.maxMemoryPages === undefined ? {} : { maxMemoryPages: options.maxMemoryPages }),
      ...(options.maxOpenFiles === undefined ? {} : { maxOpenFiles: options.maxOpenFiles }),
    },
  };

  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const control = Comlink.wrap<GuestControl>(worker);
  const stdout = pushStream<Uint8Array>();
  const stderr = pushStream<Uint8Array>();
  const trace = pushStream<string>();

  let settle!: (outcome: Outcome | "killed") => void;
  const ended = new Promise<Outcome | "killed">((resolve) => { settle = resolve; });
  let over = false;
  let received = 0;
  let pending: Outcome | null = null;

  const finish = (outcome: Outcome | "killed"): void => {
    if (over) return;
    over = true;
    ring?.detach();
    channel.port1.close();
    stdout.close();
    stderr.close();
    trace.close();
    settle(outcome);
    worker.terminate();
  };
  // The outcome comes back on comlink's port, the output on its own: end the run only once the
  // last output message the worker counted has arrived.
  const arrived = (outcome: Outcome): void => {
    if (received >= outcome.chunks) finish(outcome);
    else pending = outcome;
  };

  const channel = new MessageChannel();
  channel.port1.onmessage = (e: MessageEvent<OutputMessage>) => {
    const message = e.data;
    if (message[0] === "running") startClock();
    else if (message[0] === "trace") trace.push(message[1]);
    else (message[0] === 1 ? stdout : stderr).push(message[1]);
    received++;
    if (pending !== null && received >= pending.chunks) finish(pending);
  };
  const failed = (message: string): void => finish({ error: { name: "Error", message }, files: null, chunks: 0 });
  // The time limit counts from when the guest starts, not from spawn: loading a worker and
  // compiling a module take a time the guest does not control (seconds on a busy machine).
  const startClock = (): void => {
    if (options.timeoutMs === undefined || over) return;
    const ms = options.timeoutMs;
    const timer = setTimeout(() => finish({
      error: { name: "LimitError", kind: "time", message: `the guest ran past its time limit of ${ms} ms and was killed` },
      files: null, chunks: 0,
    }), ms);
    void ended.then(() => clearTimeout(timer));
  };
  worker.addEventListener("error", (e) => failed(`the guest worker failed to load or crashed: ${e.message || "(no message)"}`));
  control.start(Comlink.transfer(request, transferables(request)), Comlink.transfer(channel.port2, [channel.port2])).then(
    arrived,
    (e: unknown) => failed(`the guest worker failed: ${e instanceof Error ? e.message : String(e)}`),
  );

  const exit = ended.then((o) => {
    if (o === "killed") return KILLED_EXIT_CODE;
    if ("error" in o) throw toError(o.error);
    return o.exitCode;
  });
  // `exit` may legitimately be ignored by a caller who only reads the output.
  exit.catch(() => {});

  const target: StdinTarget = !interactive ? { kind: "none" } : ring !== null ? { kind: "ring", ring } : { kind: "queue", control };
  return {
    stdout: stdout.stream,
    stderr: stderr.stream,
    trace: trace.stream,
    stdin: stdinStream(target, ended),
    exit,
    mode: Promise.resolve(mode),
    kill: () => finish("killed"),
    files: async () => {
      const o = await ended;
      if (o === "killed") throw new Error("the guest was killed: its in-memory filesystem is gone");
      if (o.files === null && "error" in o && options.files !== undefined) throw toError(o.error);
      return o.files ?? {};
    },
  };
}

/** The buffers of a request that can move to the worker instead of being copied. */
function transferables(request: StartRequest): Transferable[] {
  const out: Transferable[] = [];
  if (request.source.kind === "bytes") out.push(request.source.bytes.buffer as ArrayBuffer);
  if (request.stdin.kind === "bytes" && request.stdin.bytes.length > 0) out.push(request.stdin.bytes.buffer as ArrayBuffer);
  return out;
}
