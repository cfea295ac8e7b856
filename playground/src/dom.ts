// The page's elements (playground/index.html), looked up once; a missing one is a bug in the page.
const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} is missing`);
  return el as T;
};

export const ui = {
  samples: $("samples"),
  wasmFile: $<HTMLInputElement>("wasm-file"),
  urlForm: $<HTMLFormElement>("url-form"),
  wasmUrl: $<HTMLInputElement>("wasm-url"),
  runPanel: $("run-panel"),
  title: $("program-title"),
  hint: $("program-hint"),
  showSource: $<HTMLButtonElement>("show-source"),
  command: $<HTMLFormElement>("command"),
  argv0: $("argv0"),
  args: $<HTMLInputElement>("args"),
  run: $<HTMLButtonElement>("run"),
  stop: $<HTMLButtonElement>("stop"),
  presets: $("presets"),
  envBox: $<HTMLDetailsElement>("env-box"),
  env: $<HTMLTextAreaElement>("env"),
  envCount: $("env-count"),
  webhookBox: $("webhook-box"),
  body: $<HTMLTextAreaElement>("body"),
  terminal: $("terminal"),
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
