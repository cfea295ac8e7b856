// The page's side of the Ruby worker: boots ruby.wasm lazily in a dedicated Web Worker and
// evaluates Ruby code there. One evaluation at a time; kill() ends the worker (a Ruby loop that
// never returns), and the next call boots a fresh VM.
//
//   const ruby = new RubyWorker(rubyWasmUrl, { stdout: (t) => term.write(t) });
//   const { result, stdout } = await ruby.evalRuby(`puts 1; "x" * 3`);   // "xxx", "1\n"
import type { MemFSTree } from "@anywasi/core";
import type { BootReply, EvalReply, RubyRequest, RubyResponse } from "./protocol.js";

export type { BootReply, EvalReply } from "./protocol.js";

export interface RubyWorkerOptions {
  /** Environment of the VM (ENV), fixed at boot. */
  env?: Record<string, string>;
  /** stdout and stderr text as the code writes it (the full text is also in EvalReply). */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export type RubyState = "off" | "booting" | "ready";

/** A request before its id is given (Omit distributed over the union). */
type Unsent<T> = T extends unknown ? Omit<T, "id"> : never;
type Request = Unsent<RubyRequest>;

type Pending = { resolve: (value: BootReply | EvalReply) => void; reject: (error: Error) => void };

export class RubyWorker {
  private worker: Worker | null = null;
  private booted: Promise<BootReply> | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private _state: RubyState = "off";
  /** The last boot's details, once booted. */
  info: BootReply | null = null;

  /** @param wasmUrl the ruby.wasm module (resolved against the page's URL). */
  constructor(private readonly wasmUrl: string, private readonly options: RubyWorkerOptions = {}) {}

  get state(): RubyState {
    return this._state;
  }

  /** Start the worker and the VM, if not yet done (evalRuby does it too). */
  boot(): Promise<BootReply> {
    if (this.booted !== null) return this.booted;
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "ruby" });
    this.worker = worker;
    this._state = "booting";
    worker.addEventListener("message", (e: MessageEvent<RubyResponse>) => this.receive(e.data));
    worker.addEventListener("error", (e) => this.fail(new Error(`the Ruby worker failed: ${e.message || "could not load"}`)));
    const url = new URL(this.wasmUrl, location.href).href;
    const booted = this.request({ type: "boot", url, env: this.options.env ?? {} }) as Promise<BootReply>;
    this.booted = booted.then(
      (info) => { this.info = info; this._state = "ready"; return info; },
      (e: unknown) => { this.kill(); throw e; },
    );
    return this.booted;
  }

  /**
   * Evaluate `code` at the top level of the VM. `files`, when given, becomes the VM's `/` first
   * (the page's file panel); the reply has the filesystem as the code left it. A Ruby exception
   * is reported in `error`, not thrown; the promise rejects only when the worker fails or is killed.
   */
  evalRuby(code: string, files: MemFSTree | null = null): Promise<EvalReply> {
    const run = async (): Promise<EvalReply> => {
      await this.boot();
      return this.request({ type: "eval", code, files }) as Promise<EvalReply>;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }

  /** End the worker now, even inside a Ruby loop; pending calls reject. */
  kill(): void {
    this.worker?.terminate();
    this.worker = null;
    this.booted = null;
    this.info = null;
    this._state = "off";
    this.fail(new Error("the Ruby VM was stopped"));
  }

  private request(message: Request): Promise<BootReply | EvalReply> {
    const worker = this.worker;
    if (worker === null) return Promise.reject(new Error("the Ruby VM was stopped"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } as RubyRequest);
    });
  }

  private receive(message: RubyResponse): void {
    if (message.type === "output") {
      this.options[message.stream]?.(message.text);
      return;
    }
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new Error(message.error));
  }

  private fail(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}
