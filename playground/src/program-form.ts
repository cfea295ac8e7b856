// The form for the picked program: title and hint, argv[0] and the arguments (or Ruby's code
// line), preset chips, environment, the webhook's body; mirrored into the query string.
import type { StdinMode } from "@anywasi/browser";
import { ui } from "./dom.js";
import { defaults, guestKind, isHttp, isRuby, programName, type GuestKind, type Program } from "./program.js";
import { markPicked } from "./sample-list.js";
import { SAMPLES } from "./samples.js";
import { writeUrlState, type UrlState } from "./url-state.js";

export interface FormHooks {
  /** A preset chip was clicked: run the program with these arguments (or evaluate this Ruby). */
  runWith(args: string): void;
}

const KIND_LABELS: Record<GuestKind, [string, string]> = {
  module: ["preview1 module", "A WASI preview1 core module"],
  component: ["WASI 0.2 component", "A WASI 0.2 command component: the component layer and jco's transpiler load when it first runs"],
  http: ["wasi:http handler", "A WASI 0.2 component exporting wasi:http/incoming-handler, served in a worker by @anywasi/gateway's serve()"],
};

export class ProgramForm {
  program: Program = { kind: "sample", sample: SAMPLES[0]! };
  /** The stdin mode, kept here because it is part of the link. */
  mode: StdinMode = "auto";

  constructor(private readonly hooks: FormHooks) {
    ui.args.addEventListener("input", () => this.save());
    ui.env.addEventListener("input", () => { this.updateEnvCount(); this.save(); });
    ui.body.addEventListener("input", () => this.save());
    // The hint says where the file panel is, which depends on the layout.
    window.addEventListener("resize", () => this.renderHint());
  }

  /** Show `p` in the form; `state` (from the URL) overrides the defaults. */
  select(p: Program, state?: Partial<UrlState>): void {
    this.program = p;
    const d = defaults(p);
    ui.args.value = state?.args ?? d.args;
    ui.env.value = (state?.env ?? d.env).join("\n");
    ui.body.value = state?.body ?? d.body;
    ui.argv0.textContent = programName(p);
    const sample = p.kind === "sample" ? p.sample : null;
    ui.title.textContent = p.kind === "sample" ? p.sample.title : p.kind === "file" ? `${p.name}.wasm (local file)` : p.url;
    this.showKind(guestKind(p));
    this.renderHint();
    ui.showSource.hidden = sample === null;
    const rb = isRuby(p);
    const http = isHttp(p);
    ui.showSource.textContent = rb ? "Embedder source" : sample?.sourcePath.endsWith(".js") === true ? "JS source" : "C source";
    // The wasi:http sample is sent requests (the editor's Send), not run with arguments.
    ui.command.hidden = http;
    ui.httpBox.hidden = !http;
    document.body.classList.toggle("http", http);
    ui.argv0.title = rb ? "Ruby: the code is evaluated in the VM's top level" : "argv[0]";
    ui.args.placeholder = rb ? "Ruby code — Enter evaluates it" : "arguments";
    ui.args.setAttribute("aria-label", rb ? "Ruby code" : "arguments");
    ui.envBox.hidden = rb;
    ui.webhookBox.hidden = sample?.webhook !== true;
    ui.presets.hidden = sample?.presets === undefined;
    ui.presets.replaceChildren(...(sample?.presets ?? []).map((args) => {
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.textContent = args;
      chip.title = rb ? "Evaluate this" : `Run ${programName(p)} ${args}`;
      chip.addEventListener("click", () => {
        ui.args.value = args;
        this.save();
        this.hooks.runWith(args);
      });
      return chip;
    }));
    markPicked(sample?.id ?? null);
    this.updateEnvCount();
    this.save();
  }

  /** The environment lines (KEY=VALUE), without blanks and # comments. */
  envLines(): string[] {
    return ui.env.value.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  }

  /** Write the program and what differs from its defaults into the query string. */
  save(): void {
    const program = this.program;
    const d = defaults(program);
    const env = this.envLines();
    const state: UrlState = { mode: this.mode };
    if (program.kind === "sample") state.sample = program.sample.id;
    if (program.kind === "url") state.url = program.url;
    if (ui.args.value !== d.args) state.args = ui.args.value;
    if (env.join("\n") !== d.env.join("\n")) state.env = env;
    if (program.kind === "sample" && program.sample.webhook === true && ui.body.value !== d.body) state.body = ui.body.value;
    writeUrlState(state);
  }

  /**
   * The tag beside the title: module, component or wasi:http handler; hidden when not known (a URL
   * before it is fetched; runner.ts shows it then).
   */
  showKind(kind: GuestKind | null): void {
    ui.kind.hidden = kind === null;
    if (kind === null) return;
    ui.kind.textContent = KIND_LABELS[kind][0];
    ui.kind.title = KIND_LABELS[kind][1];
    ui.kind.dataset["kind"] = kind;
  }

  /** While a program runs, its form stays as it was started. */
  setLocked(locked: boolean): void {
    for (const chip of ui.presets.querySelectorAll("button")) chip.disabled = locked;
  }

  private renderHint(): void {
    const p = this.program;
    ui.hint.textContent = p.kind === "sample"
      ? p.sample.hint.replace("{files}", filesPlace())
      : p.kind === "file"
        ? `A local file${guestKind(p) === "component" ? " (a WASI 0.2 component)" : ""}: it is not part of the link. Set arguments and environment, then Run.`
        : "Loaded from its URL (the server must allow CORS). Set arguments and environment, then Run.";
  }

  private updateEnvCount(): void {
    const n = this.envLines().length;
    ui.envCount.textContent = n === 0 ? "" : String(n);
  }
}

/** Where the file panel is, seen from the run panel: beside it on a wide screen, under it on a narrow one. */
function filesPlace(): string {
  const run = ui.runPanel.getBoundingClientRect();
  const files = ui.filesPanel.getBoundingClientRect();
  return files.left >= run.right ? "on the right" : "below";
}
