// The playground page: pick a program (a sample, a .wasm file or URL), set its arguments and
// environment, run it in a Web Worker with @anywasi/browser wired to an xterm.js terminal, and
// look at the files it left. The Ruby sample evaluates code in ruby.wasm's VM instead (ruby/).
import { capabilities, chooseMode, spawn, type GuestSource, type MemFSTree, type Process, type StdinMode, type WaitMode } from "@anywasi/browser";
import { parseEnv, quoteArg, splitArgs } from "./args.js";
import { RubyWorker, type BootReply } from "./ruby/client.js";
import { DEFAULT_WEBHOOK_BODY, SAMPLES, SEED_FILES, type Sample } from "./samples.js";
import { PlaygroundTerminal, type TerminalSink } from "./terminal.js";
import { readUrlState, writeUrlState, type UrlState } from "./url-state.js";
import { requestEnv } from "./webhook.js";
import { entryBytes, Workspace } from "./workspace.js";

type Program =
  | { kind: "sample"; sample: Sample }
  | { kind: "file"; name: string; bytes: Uint8Array }
  | { kind: "url"; url: string; name: string };

/** The last Ruby evaluation, for the tests (window.__playground.ruby()). */
interface RubyResult {
  code: string;
  result: string;
  inspect: string;
  error: string | null;
  stdout: string;
  stderr: string;
  ms: number;
}

interface RunResult {
  exitCode: number | null;
  error: string | null;
  killed: boolean;
  ms: number;
  /** Null when the guest never started. */
  mode: WaitMode | null;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} is missing`);
  return el as T;
};

const encoder = new TextEncoder();
const OPFS_KEY = "anywasi-playground:opfs";
const MODE_NAMES: Record<WaitMode, string> = { jspi: "JSPI", sab: "SharedArrayBuffer", none: "none" };

const ui = {
  samples: $("samples"),
  wasmFile: $<HTMLInputElement>("wasm-file"),
  dropzone: $("dropzone"),
  urlForm: $<HTMLFormElement>("url-form"),
  wasmUrl: $<HTMLInputElement>("wasm-url"),
  title: $("program-title"),
  hint: $("program-hint"),
  showSource: $<HTMLButtonElement>("show-source"),
  command: $<HTMLFormElement>("command"),
  argv0: $("argv0"),
  args: $<HTMLInputElement>("args"),
  run: $<HTMLButtonElement>("run"),
  presets: $("presets"),
  envBox: $<HTMLDetailsElement>("env-box"),
  env: $<HTMLTextAreaElement>("env"),
  envCount: $("env-count"),
  webhookBox: $("webhook-box"),
  body: $<HTMLTextAreaElement>("body"),
  status: $("status"),
  timing: $("timing"),
  clear: $<HTMLButtonElement>("clear"),
  share: $<HTMLButtonElement>("share"),
  mode: $("mode"),
  modeSelect: $<HTMLSelectElement>("mode-select"),
  filesPanel: $("files-panel"),
  opfs: $<HTMLInputElement>("opfs"),
  upload: $<HTMLInputElement>("upload"),
  resetFiles: $<HTMLButtonElement>("reset-files"),
  tree: $("tree"),
  filesNote: $("files-note"),
  viewer: $<HTMLDialogElement>("viewer"),
  viewerTitle: $("viewer-title"),
  viewerBody: $("viewer-body"),
  viewerDownload: $<HTMLButtonElement>("viewer-download"),
  viewerClose: $<HTMLButtonElement>("viewer-close"),
};

const terminal = new PlaygroundTerminal($("terminal"));
const workspace = new Workspace(SEED_FILES, localStorage.getItem(OPFS_KEY) === "1");

let program: Program = { kind: "sample", sample: SAMPLES[0]! };
let current: Process | null = null;
let lastResult: RunResult | null = null;
let mode: StdinMode = "auto";
let files: MemFSTree = {};

// The Ruby sample: one VM in a worker, booted on first use, kept across evaluations.
let ruby: RubyWorker | null = null;
let rubyBusy = false;
/** The terminal holds the Ruby session (not a program's output). */
let rubyOwnsTerminal = false;
/** The terminal ends with the ">> " prompt. */
let rubyPrompt = false;
/** The last character Ruby wrote ("" before any). */
let rubyLastChar = "";
let lastRuby: RubyResult | null = null;

/** A program or a Ruby evaluation is running: the form and the files stay as they are. */
function busy(): boolean {
  return current !== null || rubyBusy;
}

function isRuby(p: Program): boolean {
  return p.kind === "sample" && p.sample.ruby === true;
}

// ---- the program and its form ----

function programName(p: Program): string {
  return p.kind === "sample" ? p.sample.argv0 : p.name;
}

function nameFromPath(path: string): string {
  const base = path.split(/[/\\]/).pop() ?? "program.wasm";
  return base.replace(/\.wasm$/i, "") || "program";
}

function defaults(p: Program): { args: string; env: string[]; body: string } {
  return p.kind === "sample"
    ? { args: p.sample.args, env: p.sample.env, body: DEFAULT_WEBHOOK_BODY }
    : { args: "", env: [], body: DEFAULT_WEBHOOK_BODY };
}

function envLines(): string[] {
  return ui.env.value.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
}

/** Show `p` in the form; `state` (from the URL) overrides the defaults. */
function selectProgram(p: Program, state?: Partial<UrlState>): void {
  if (busy()) return;
  program = p;
  const d = defaults(p);
  ui.args.value = state?.args ?? d.args;
  ui.env.value = (state?.env ?? d.env).join("\n");
  ui.body.value = state?.body ?? d.body;
  ui.argv0.textContent = programName(p);
  const sample = p.kind === "sample" ? p.sample : null;
  ui.title.textContent = p.kind === "sample" ? p.sample.title : p.kind === "file" ? `${p.name}.wasm (local file)` : p.url;
  ui.hint.textContent = sample?.hint ?? (p.kind === "file"
    ? "A local file: it is not part of the link. Set arguments and environment, then Run."
    : "Loaded from its URL (the server must allow CORS). Set arguments and environment, then Run.");
  ui.showSource.hidden = sample === null;
  const rb = isRuby(p);
  ui.showSource.textContent = rb ? "Embedder source" : "C source";
  ui.argv0.title = rb ? "Ruby: the code is evaluated in the VM's top level" : "argv[0]";
  ui.args.placeholder = rb ? "Ruby code — Enter evaluates it" : "arguments";
  ui.args.setAttribute("aria-label", rb ? "Ruby code" : "arguments");
  ui.envBox.hidden = rb;
  terminal.attach(rb ? rubySink : null);
  ui.webhookBox.hidden = sample?.webhook !== true;
  ui.presets.hidden = sample?.presets === undefined;
  ui.presets.replaceChildren(...(sample?.presets ?? []).map((args) => {
    const chip = document.createElement("button");
    chip.type = "button";
    chip.className = "chip";
    chip.textContent = args;
    chip.addEventListener("click", () => {
      ui.args.value = args;
      saveState();
      void runProgram();
    });
    return chip;
  }));
  for (const li of ui.samples.querySelectorAll("button")) {
    li.setAttribute("aria-pressed", String(sample !== null && li.dataset["sample"] === sample.id));
  }
  updateEnvCount();
  saveState();
}

function updateEnvCount(): void {
  const n = envLines().length;
  ui.envCount.textContent = n === 0 ? "" : String(n);
}

function saveState(): void {
  const d = defaults(program);
  const env = envLines();
  const state: UrlState = { mode };
  if (program.kind === "sample") state.sample = program.sample.id;
  if (program.kind === "url") state.url = program.url;
  if (ui.args.value !== d.args) state.args = ui.args.value;
  if (env.join("\n") !== d.env.join("\n")) state.env = env;
  if (program.kind === "sample" && program.sample.webhook === true && ui.body.value !== d.body) state.body = ui.body.value;
  writeUrlState(state);
}

function renderSamples(): void {
  ui.samples.replaceChildren(...SAMPLES.map((s) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.dataset["sample"] = s.id;
    b.innerHTML = `<strong></strong><span></span>`;
    b.querySelector("strong")!.textContent = s.title;
    b.querySelector("span")!.textContent = s.blurb;
    b.addEventListener("click", () => {
      if (busy()) return;
      selectProgram({ kind: "sample", sample: s });
      void runProgram();
    });
    li.append(b);
    return li;
  }));
}

async function openWasmFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    terminal.note(`${file.name} is not a WebAssembly module (no \\0asm header)`, true);
    return;
  }
  selectProgram({ kind: "file", name: nameFromPath(file.name), bytes });
  terminal.note(`loaded ${file.name} (${bytes.length} bytes) — press Run`);
}

// ---- stdin mode ----

function describeMode(): void {
  const caps = capabilities();
  const available = [caps.jspi ? "JSPI" : null, caps.sab ? "SharedArrayBuffer" : null].filter(Boolean).join(" and ") || "neither JSPI nor SharedArrayBuffer";
  let text: string;
  try {
    const m = lastResult?.mode ?? chooseMode(mode, true, caps);
    text = `stdin: ${MODE_NAMES[m]}`;
    ui.mode.dataset["mode"] = m;
  } catch {
    text = `stdin: ${mode === "auto" ? "not interactive" : `${MODE_NAMES[mode]} unavailable`}`;
    ui.mode.dataset["mode"] = "none";
  }
  ui.mode.textContent = text;
  ui.mode.title = `How a guest waits for input and timers. This page has ${available}` +
    `${caps.sab ? "" : " (SharedArrayBuffer needs the COOP/COEP headers)"}.`;
}

// ---- running ----

function setRunning(running: boolean): void {
  ui.run.textContent = running ? "Stop" : "Run";
  ui.run.classList.toggle("danger", running);
  document.body.classList.toggle("running", running);
  for (const el of [ui.upload, ui.resetFiles, ui.opfs, ui.wasmFile]) el.disabled = running;
  for (const b of ui.samples.querySelectorAll("button")) b.disabled = running;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

async function pump(stream: ReadableStream<Uint8Array>, write: (chunk: Uint8Array) => void): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    write(value);
  }
}

/** Set when the user stopped the running guest (Stop or Ctrl-C). */
let stopping = false;

function stop(): void {
  if (current === null) return;
  stopping = true;
  current.kill();
}

async function runProgram(): Promise<void> {
  if (current !== null) {
    stop();
    return;
  }
  if (rubyBusy) {
    stopRuby();
    return;
  }
  if (isRuby(program)) {
    await runRuby(ui.args.value);
    return;
  }
  rubyOwnsTerminal = false;
  rubyPrompt = false;
  lastResult = null;
  const sample = program.kind === "sample" ? program.sample : null;
  const argv = [programName(program), ...splitArgs(ui.args.value)];
  const { cols, rows } = terminal.size;
  let env: Record<string, string> = { TERM: "xterm-256color", COLUMNS: String(cols), LINES: String(rows), ...parseEnv(ui.env.value) };
  const caps = capabilities();
  let interactive = sample?.interactive ?? true;
  let stdin: "interactive" | Uint8Array = "interactive";
  if (sample?.webhook === true) {
    const body = encoder.encode(ui.body.value);
    env = await requestEnv(env, body);
    stdin = body;
    interactive = false;
    await workspace.ensureDir("data");
  } else if (interactive && mode === "auto" && !caps.jspi && !caps.sab) {
    interactive = false;
    stdin = new Uint8Array(0);
  }

  terminal.clear();
  terminal.note(`$ ${argv.map(quoteArg).join(" ")}`);
  if (sample?.webhook === true) terminal.note(`POST / with X-Signature: ${env["HTTP_X_SIGNATURE"]}`);
  if (!interactive && stdin === "interactive") terminal.note("(this page cannot give interactive stdin: input is empty)");

  let source: GuestSource;
  if (program.kind === "sample") {
    source = program.sample.wasm;
  } else if (program.kind === "url") {
    // Fetched here rather than in the worker: a clearer error, and the page's CORS rules.
    try {
      const response = await fetch(program.url);
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      source = new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      notStarted(`cannot fetch ${program.url}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
  } else {
    source = program.bytes;
  }

  const t0 = performance.now();
  let p: Process;
  try {
    p = spawn(source, { args: argv, env, stdin, stdinMode: mode, tty: true, ...workspace.spawnOptions() });
  } catch (e) {
    notStarted(e instanceof Error ? e.message : String(e));
    return;
  }
  current = p;
  stopping = false;
  setRunning(true);
  setStatus("running", "running…");
  ui.timing.textContent = "";
  const runMode = await p.mode;
  ui.mode.textContent = `stdin: ${MODE_NAMES[runMode]}`;
  ui.mode.dataset["mode"] = runMode;

  let writer: WritableStreamDefaultWriter<Uint8Array> | null = interactive ? p.stdin.getWriter() : null;
  terminal.attach({
    line: (text) => { writer?.write(encoder.encode(text)).catch(() => {}); },
    end: () => { writer?.close().catch(() => {}); writer = null; },
    interrupt: stop,
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
  await workspace.afterRun(p);
  current = null;
  const killed = stopping;
  lastResult = { exitCode, error, killed, ms, mode: runMode };

  if (error !== null) {
    terminal.note(error, true);
    setStatus("error", "failed");
  } else if (killed) {
    terminal.note(`[killed · exit ${exitCode} · ${formatMs(ms)}]`);
    setStatus("killed", `killed · exit ${exitCode}`);
  } else {
    terminal.note(`[exit ${exitCode} · ${formatMs(ms)}]`);
    setStatus(exitCode === 0 ? "ok" : "fail", `exit ${exitCode}`);
  }
  ui.timing.textContent = formatMs(ms);
  setRunning(false);
  await refreshFiles();
}

// ---- Ruby ----

/** Typing in the terminal while the Ruby sample is selected: each line is evaluated. */
const rubySink: TerminalSink = {
  line: (text) => {
    if (!busy()) void runRuby(text.replace(/\n$/, ""), true);
  },
  end: () => {},
  interrupt: () => stopRuby(),
};

function rubyOutput(text: string, error: boolean): void {
  if (error) terminal.writeError(text);
  else terminal.write(text);
  rubyLastChar = text.slice(-1);
}

function stopRuby(): void {
  if (!rubyBusy || ruby === null) return;
  stopping = true;
  ruby.kill();
}

/** Evaluate `code` in the Ruby VM (booting it first if needed); `typed`: the terminal already shows it. */
async function runRuby(code: string, typed = false): Promise<void> {
  if (program.kind !== "sample" || program.sample.ruby !== true || busy()) return;
  const sample = program.sample;
  ruby ??= new RubyWorker(sample.wasm, {
    stdout: (text) => rubyOutput(text, false),
    stderr: (text) => rubyOutput(text, true),
  });
  const client = ruby;
  let echo = !typed;
  if (!rubyOwnsTerminal) {
    terminal.clear();
    rubyOwnsTerminal = true;
    rubyPrompt = false;
    echo = true;
  }
  if (code.trim() === "") {
    if (!rubyPrompt) terminal.prompt();
    rubyPrompt = true;
    return;
  }
  rubyBusy = true;
  stopping = false;
  setRunning(true);
  ui.timing.textContent = "";
  try {
    if (client.state !== "ready") {
      setStatus("running", "loading Ruby…");
      if (rubyPrompt) terminal.write("\n");
      terminal.note("loading Ruby… (ruby.wasm with its standard library, 30 MB; first use only)");
      const t0 = performance.now();
      const info = await client.boot();
      terminal.note(`${info.version} on @anywasi/core — ready in ${formatMs(performance.now() - t0)}` +
        ` (download + compile ${formatMs(info.fetchCompileMs)}, boot ${formatMs(info.instantiateMs)})`);
      rubyPrompt = false;
      echo = true;
    }
    if (echo) {
      if (!rubyPrompt) terminal.prompt();
      terminal.write(`${code}\n`);
    }
    rubyPrompt = false;
    rubyLastChar = "\n";
    setStatus("running", "running…");
    const reply = await client.evalRuby(code, await workspace.list());
    if (rubyLastChar !== "\n") terminal.write("\n");
    if (reply.error !== null) terminal.writeError(`${reply.error}\n`);
    else terminal.value(reply.inspect);
    const { files: _, ...rest } = reply;
    lastRuby = { code, ...rest };
    setStatus(reply.error === null ? "ok" : "fail", reply.error === null ? "ok" : "exception");
    ui.timing.textContent = formatMs(reply.ms);
    if (await workspace.replace(reply.files)) await refreshFiles();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (stopping) {
      terminal.note("^C — the Ruby VM was stopped; the next evaluation starts a new one");
      setStatus("killed", "stopped");
    } else {
      terminal.note(`Ruby failed: ${message}`, true);
      setStatus("error", "failed");
    }
    lastRuby = { code, result: "", inspect: "", error: message, stdout: "", stderr: "", ms: 0 };
  } finally {
    rubyBusy = false;
    setRunning(false);
    terminal.prompt();
    rubyPrompt = true;
  }
}

function notStarted(message: string): void {
  terminal.note(message, true);
  setStatus("error", "could not start");
  lastResult = { exitCode: null, error: message, killed: false, ms: 0, mode: null };
}

function setStatus(kind: string, text: string): void {
  ui.status.textContent = text;
  ui.status.dataset["kind"] = kind;
}

// ---- files ----

interface TreeNode {
  name: string;
  path: string;
  bytes: Uint8Array | null;
  children: Map<string, TreeNode> | null;
}

function nest(tree: MemFSTree): TreeNode {
  const root: TreeNode = { name: "", path: "", bytes: null, children: new Map() };
  for (const [path, entry] of Object.entries(tree)) {
    const names = path.split("/").filter((n) => n !== "");
    let dir = root;
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      let node = dir.children!.get(name);
      if (node === undefined) {
        const bytes = last ? entryBytes(entry) : null;
        node = { name, path: names.slice(0, i + 1).join("/"), bytes, children: bytes === null ? new Map() : null };
        dir.children!.set(name, node);
      }
      dir = node;
    });
  }
  return root;
}

function formatSize(n: number): string {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;
}

function renderTree(dir: TreeNode, depth: number): HTMLLIElement[] {
  const nodes = [...dir.children!.values()].sort((a, b) =>
    (a.children === null ? 1 : 0) - (b.children === null ? 1 : 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: HTMLLIElement[] = [];
  for (const node of nodes) {
    const li = document.createElement("li");
    li.style.setProperty("--depth", String(depth));
    li.dataset["path"] = node.path;
    if (node.children !== null) {
      li.className = "dir";
      li.innerHTML = `<span class="name"></span>`;
      li.querySelector(".name")!.textContent = `${node.name}/`;
      out.push(li, ...renderTree(node, depth + 1));
      continue;
    }
    li.className = "file";
    li.innerHTML = `<button type="button" class="name" title="Open"></button><span class="size"></span>` +
      `<button type="button" class="icon download" title="Download" aria-label="Download">⤓</button>` +
      `<button type="button" class="icon delete" title="Delete" aria-label="Delete">✕</button>`;
    li.querySelector(".name")!.textContent = node.name;
    li.querySelector(".size")!.textContent = formatSize(node.bytes!.length);
    li.querySelector(".name")!.addEventListener("click", () => openFile(node.path, node.bytes!));
    li.querySelector(".download")!.addEventListener("click", () => download(node.name, node.bytes!));
    li.querySelector(".delete")!.addEventListener("click", () => {
      if (busy()) return;
      void workspace.remove(node.path).then(refreshFiles);
    });
    out.push(li);
  }
  return out;
}

async function refreshFiles(): Promise<void> {
  try {
    files = await workspace.list();
  } catch (e) {
    ui.filesNote.textContent = `cannot read the files: ${e instanceof Error ? e.message : String(e)}`;
    return;
  }
  const items = renderTree(nest(files), 0);
  if (items.length === 0) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = "(empty)";
    items.push(li);
  }
  ui.tree.replaceChildren(...items);
  ui.filesNote.textContent = workspace.persistent
    ? "Kept in OPFS: these files survive a reload. Drop files here to upload them."
    : "In memory: gone on reload. Drop files here to upload them.";
}

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function openFile(path: string, bytes: Uint8Array): void {
  ui.viewerTitle.textContent = `/${path} · ${formatSize(bytes.length)}`;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.includes("\0")) throw new Error("binary");
  } catch {
    const shown = bytes.subarray(0, 4096);
    const rows: string[] = [];
    for (let i = 0; i < shown.length; i += 16) {
      const row = [...shown.subarray(i, i + 16)];
      rows.push(`${i.toString(16).padStart(6, "0")}  ${row.map((b) => b.toString(16).padStart(2, "0")).join(" ").padEnd(47)}  ` +
        row.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".")).join(""));
    }
    text = `(binary)\n${rows.join("\n")}${bytes.length > shown.length ? "\n…" : ""}`;
  }
  ui.viewerBody.textContent = text;
  ui.viewerDownload.onclick = () => download(path.split("/").pop()!, bytes);
  ui.viewer.showModal();
}

async function uploadFiles(list: Iterable<File>): Promise<void> {
  if (busy()) return;
  for (const file of list) await workspace.write(file.name, new Uint8Array(await file.arrayBuffer()));
  await refreshFiles();
}

// ---- events ----

ui.command.addEventListener("submit", (e) => {
  e.preventDefault();
  void runProgram();
});
ui.args.addEventListener("input", saveState);
ui.env.addEventListener("input", () => { updateEnvCount(); saveState(); });
ui.body.addEventListener("input", saveState);
ui.clear.addEventListener("click", () => {
  terminal.clear();
  rubyPrompt = false;
  if (rubyOwnsTerminal && isRuby(program) && !rubyBusy) {
    terminal.prompt();
    rubyPrompt = true;
  }
  terminal.focus();
});
ui.share.addEventListener("click", () => {
  saveState();
  void navigator.clipboard?.writeText(location.href).then(
    () => { ui.share.textContent = "Copied"; setTimeout(() => { ui.share.textContent = "Copy link"; }, 1500); },
    () => {},
  );
});
ui.modeSelect.addEventListener("change", () => {
  mode = ui.modeSelect.value as StdinMode;
  lastResult = null;
  describeMode();
  saveState();
});
ui.showSource.addEventListener("click", () => {
  if (program.kind !== "sample") return;
  ui.viewerTitle.textContent = program.sample.sourcePath;
  ui.viewerBody.textContent = program.sample.source;
  const { sourcePath, source } = program.sample;
  ui.viewerDownload.onclick = () => download(sourcePath.split("/").pop()!, encoder.encode(source));
  ui.viewer.showModal();
});
ui.viewerClose.addEventListener("click", () => ui.viewer.close());
ui.viewer.addEventListener("click", (e) => { if (e.target === ui.viewer) ui.viewer.close(); });

ui.wasmFile.addEventListener("change", () => {
  const file = ui.wasmFile.files?.[0];
  ui.wasmFile.value = "";
  if (file !== undefined) void openWasmFile(file);
});
ui.urlForm.addEventListener("submit", (e) => {
  e.preventDefault();
  const url = ui.wasmUrl.value.trim();
  if (url === "" || busy()) return;
  selectProgram({ kind: "url", url, name: nameFromPath(new URL(url, location.href).pathname) });
  void runProgram();
});
ui.upload.addEventListener("change", () => {
  const list = [...(ui.upload.files ?? [])];
  ui.upload.value = "";
  void uploadFiles(list);
});
ui.resetFiles.addEventListener("click", () => { void workspace.reset().then(refreshFiles); });
ui.opfs.addEventListener("change", () => {
  const on = ui.opfs.checked;
  ui.opfs.disabled = true;
  workspace.setPersistent(on).then(
    () => { localStorage.setItem(OPFS_KEY, on ? "1" : "0"); },
    (e: unknown) => {
      ui.opfs.checked = !on;
      terminal.note(`OPFS is not available here: ${e instanceof Error ? e.message : String(e)}`, true);
    },
  ).finally(() => { ui.opfs.disabled = busy(); void refreshFiles(); });
});

// Drag and drop: files dropped on the file panel are uploaded; a .wasm dropped anywhere else is run.
let dragDepth = 0;
document.addEventListener("dragenter", (e) => {
  if (!e.dataTransfer?.types.includes("Files")) return;
  dragDepth++;
  document.body.classList.add("dragging");
});
document.addEventListener("dragleave", () => {
  if (--dragDepth <= 0) { dragDepth = 0; document.body.classList.remove("dragging"); }
});
document.addEventListener("dragover", (e) => {
  if (e.dataTransfer?.types.includes("Files")) e.preventDefault();
});
document.addEventListener("drop", (e) => {
  dragDepth = 0;
  document.body.classList.remove("dragging");
  const dropped = [...(e.dataTransfer?.files ?? [])];
  if (dropped.length === 0) return;
  e.preventDefault();
  const onFiles = e.target instanceof Node && ui.filesPanel.contains(e.target);
  const wasm = dropped.find((f) => f.name.toLowerCase().endsWith(".wasm"));
  if (!onFiles && wasm !== undefined && dropped.length === 1) void openWasmFile(wasm);
  else void uploadFiles(dropped);
});

window.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && ui.viewer.open) ui.viewer.close();
});

// ---- start ----

/** For the end-to-end tests and the curious: `window.__playground`. */
const hook = {
  terminalText: (): string => terminal.text(),
  running: (): boolean => busy(),
  result: (): RunResult | null => lastResult,
  /** The last Ruby evaluation, and the VM's state ("off", "booting", "ready"). */
  ruby: (): RubyResult | null => lastRuby,
  rubyState: (): string => ruby?.state ?? "off",
  rubyBoot: (): BootReply | null => ruby?.info ?? null,
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

renderSamples();
const initial = readUrlState();
mode = initial.mode;
ui.modeSelect.value = mode;
ui.opfs.checked = workspace.persistent;
if (initial.url !== undefined) {
  selectProgram({ kind: "url", url: initial.url, name: nameFromPath(new URL(initial.url, location.href).pathname) }, initial);
} else {
  const sample = SAMPLES.find((s) => s.id === initial.sample) ?? SAMPLES[0]!;
  selectProgram({ kind: "sample", sample }, initial);
}
if (initial.env !== undefined) ui.envBox.open = true;
describeMode();
terminal.note("anywasi playground — pick a sample or press Run. Ctrl-C kills, Ctrl-D ends input.");
await refreshFiles();
document.body.dataset["ready"] = "1";
