// The playground page: pick a program (a sample, a .wasm file or URL; a preview1 module or a WASI
// 0.2 component) — picking only loads it —, set its arguments and environment, press Run to run
// it in a Web Worker with @anywasi/browser wired to an xterm.js terminal (Stop, beside Run, kills
// it), and look at the files it left. The Ruby sample evaluates code in ruby.wasm's VM instead
// (ruby-session.ts); the wasi:http sample is sent requests from an editor (http-panel.ts). This
// file wires the parts together; each part is a module of its own.
import type { StdinMode } from "@anywasi/browser";
import { ui } from "./dom.js";
import { enableDrop } from "./drop.js";
import { FilesPanel, opfsWanted } from "./files-panel.js";
import { HttpPanel } from "./http-panel.js";
import { isComponentBytes, isHttp, isRuby, nameFromPath, urlProgram, type Program } from "./program.js";
import { ProgramForm } from "./program-form.js";
import { RubySession } from "./ruby-session.js";
import { RunControls } from "./run-control.js";
import { ProgramRunner } from "./runner.js";
import { lockSamples, renderSamples } from "./sample-list.js";
import { SAMPLES, SEED_FILES } from "./samples.js";
import { describeMode } from "./stdin-mode.js";
import { PlaygroundTerminal } from "./terminal.js";
import { readUrlState, type UrlState } from "./url-state.js";
import { showText } from "./viewer.js";
import { entryBytes, Workspace } from "./workspace.js";

const terminal = new PlaygroundTerminal(ui.terminal);
const workspace = new Workspace(SEED_FILES, opfsWanted());
/** A program or a Ruby evaluation is running: the form and the files stay as they are. */
const busy = (): boolean => runner.busy || ruby.busy || http.busy;
const controls = new RunControls(() => void run(), stop);
const form = new ProgramForm({ runWith: () => void run() });
const files = new FilesPanel(workspace, terminal, busy);
const runner = new ProgramRunner(terminal, workspace, controls);
const http = new HttpPanel(terminal, controls);
const ruby = new RubySession(SAMPLES.find((s) => s.ruby === true)!.wasm, terminal, workspace, controls, () => !busy(), () => files.refresh());
controls.onRunning((locked) => {
  files.setLocked(locked);
  form.setLocked(locked);
  lockSamples(locked);
  ui.wasmFile.disabled = locked;
  ui.httpSend.disabled = locked;
  ui.httpSign.disabled = locked;
  for (const el of ui.urlForm.querySelectorAll("input, button")) (el as HTMLInputElement).disabled = locked;
});

/** Load `p` into the form (nothing runs); `state` comes from the URL. */
function load(p: Program, state?: Partial<UrlState>): void {
  if (busy()) return;
  form.select(p, state);
  if (isHttp(p)) http.fill();
  terminal.attach(isRuby(p) ? ruby.sink : null);
}

/** Load `p` as the user's choice: say so in the terminal and put the focus on Run. */
function pick(p: Program, note: string): void {
  if (busy()) return;
  load(p);
  ruby.release();
  terminal.note(note);
  (isHttp(p) ? ui.httpSend : ui.run).focus();
}

async function run(): Promise<void> {
  if (busy()) return;
  const program = form.program;
  if (isRuby(program)) {
    await ruby.eval(ui.args.value);
    return;
  }
  ruby.release();
  if (program.kind === "sample" && isHttp(program)) {
    await http.send(program.sample);
    return;
  }
  await runner.run({ program, args: ui.args.value, env: ui.env.value, body: ui.body.value, mode: form.mode, showKind: (k) => form.showKind(k) });
  await files.refresh();
}

function stop(): void {
  runner.stop();
  ruby.stop();
}

async function openWasmFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    terminal.note(`${file.name} is not a WebAssembly module (no \\0asm header)`, true);
    return;
  }
  const what = isComponentBytes(bytes) ? ", a WASI 0.2 component" : "";
  pick({ kind: "file", name: nameFromPath(file.name), bytes }, `loaded ${file.name} (${bytes.length} bytes${what}) — press Run`);
}

// ---- events ----

ui.clear.addEventListener("click", () => {
  terminal.clear();
  if (isRuby(form.program)) ruby.cleared();
  terminal.focus();
});
ui.share.addEventListener("click", () => {
  form.save();
  void navigator.clipboard?.writeText(location.href).then(
    () => { ui.share.textContent = "Copied"; setTimeout(() => { ui.share.textContent = "Copy link"; }, 1500); },
    () => {},
  );
});
ui.modeSelect.addEventListener("change", () => {
  form.mode = ui.modeSelect.value as StdinMode;
  runner.lastResult = null;
  describeMode(form.mode, null);
  form.save();
});
ui.showSource.addEventListener("click", () => {
  const p = form.program;
  if (p.kind !== "sample") return;
  const { sourcePath, source } = p.sample;
  showText(sourcePath, source, sourcePath.split("/").pop()!, new TextEncoder().encode(source));
});
ui.wasmFile.addEventListener("change", () => {
  const file = ui.wasmFile.files?.[0];
  ui.wasmFile.value = "";
  if (file !== undefined) void openWasmFile(file);
});
ui.httpBox.addEventListener("submit", (e) => {
  e.preventDefault();
  if (!ui.httpSend.disabled) void run();
});
ui.urlForm.addEventListener("submit", (e) => {
  e.preventDefault();
  const url = ui.wasmUrl.value.trim();
  if (url === "") return;
  pick(urlProgram(url), `loaded ${url} — press Run`);
});
enableDrop((file) => void openWasmFile(file), (list) => void files.upload(list));

// ---- start ----

/** For the end-to-end tests and the curious: `window.__playground`. */
const hook = {
  terminalText: (): string => terminal.text(),
  running: (): boolean => busy(),
  result: () => runner.lastResult,
  /** The wasi:http sample's last response. */
  http: () => http.last,
  /** The last Ruby evaluation, and the VM's state ("off", "booting", "ready"). */
  ruby: () => ruby.last,
  rubyState: (): string => ruby.state,
  rubyBoot: () => ruby.bootInfo,
  files: async (): Promise<Record<string, string | number>> => {
    const out: Record<string, string | number> = {};
    for (const [path, entry] of Object.entries(await workspace.list())) {
      const bytes = entryBytes(entry);
      out[path] = bytes === null ? "dir" : bytes.length;
    }
    return out;
  },
  readFile: async (path: string): Promise<string | null> => {
    const bytes = await workspace.read(path);
    return bytes === null ? null : new TextDecoder().decode(bytes);
  },
};
declare global {
  interface Window { __playground: typeof hook }
}
window.__playground = hook;

renderSamples((sample) => pick({ kind: "sample", sample }, sample.ruby === true
  ? "Ruby loaded — type Ruby in the code line or here; Enter (or Run) evaluates it"
  : sample.http === true ? `${sample.title} loaded — edit the request, press Send` : `${sample.title} loaded — press Run`));
const initial = readUrlState();
form.mode = initial.mode;
ui.modeSelect.value = initial.mode;
load(initial.url !== undefined
  ? urlProgram(initial.url)
  : { kind: "sample", sample: SAMPLES.find((s) => s.id === initial.sample) ?? SAMPLES[0]! }, initial);
if (initial.env !== undefined) ui.envBox.open = true;
describeMode(form.mode, null);
terminal.note("anywasi playground — pick a sample, then press Run. Stop or Ctrl-C kills, Ctrl-D ends input.");
await files.refresh();
document.body.dataset["ready"] = "1";
