// The sample programs: the repository's own C examples, built with clang for wasm32-wasi, one of
// them also as a WASI 0.2 command component (`jco new hello.wasm --wasi-command`), the JS webhook
// compiled into a wasi:http handler component (examples/webhook-component), and ruby.wasm
// (@ruby/3.4-wasm-wasi). Vite copies each .wasm into the build as an asset (`?url`) and inlines
// its source (`?raw`).
import rubyWasm from "@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm?url";
import calcSource from "../../examples/calc/calc.c?raw";
import calcWasm from "../../examples/calc/calc.wasm?url";
import clockSource from "../../examples/clock/clock.c?raw";
import clockWasm from "../../examples/clock/clock.wasm?url";
import filetoolSource from "../../examples/filetool/filetool.c?raw";
import filetoolWasm from "../../examples/filetool/filetool.wasm?url";
import helloSource from "../../examples/hello/hello.c?raw";
import helloComponent from "../../examples/hello/hello.component.wasm?url";
import helloWasm from "../../examples/hello/hello.wasm?url";
import webhookSource from "../../examples/webhook/webhook.c?raw";
import webhookWasm from "../../examples/webhook/webhook.wasm?url";
import webhookAppSource from "../../examples/webhook-component/app.js?raw";
import webhookComponent from "../../examples/webhook-component/webhook.component.wasm?url";
import rubyWorkerSource from "./ruby/worker.ts?raw";

export interface Sample {
  id: string;
  title: string;
  /** One line under the title. */
  blurb: string;
  /**
   * What to try, shown when the sample is selected (HTML-free text); "{files}" becomes where the
   * file panel is in the current layout ("on the right" or "below").
   */
  hint: string;
  wasm: string;
  source: string;
  sourcePath: string;
  /** argv[0]. */
  argv0: string;
  /** Default arguments (after argv[0]), shell-quoted. */
  args: string;
  /** Default environment, KEY=VALUE. */
  env: string[];
  /** Argument sets offered as one-click chips. */
  presets?: string[];
  /** The guest reads the terminal (interactive stdin). False: stdin is given up front. */
  interactive: boolean;
  /** The CGI webhook handler: stdin is a signed request body (see webhook.ts). */
  webhook?: boolean;
  /**
   * ruby.wasm: not a command but a VM in a worker (ruby/): `args` is the Ruby code to evaluate,
   * `wasm` the module, `source` the embedder (the worker), `presets` are snippets.
   */
  ruby?: boolean;
  /** A WASI 0.2 command component rather than a preview1 module (spawn() takes either). */
  component?: boolean;
  /**
   * A wasi:http handler component: not run as a command but served (http/) and sent the request
   * of the request editor; `env` is what the handler sees, `args` and `presets` are not used.
   */
  http?: boolean;
}

export const SAMPLES: readonly Sample[] = [
  {
    id: "hello",
    title: "Hello world",
    blurb: "Greets, lists /, reads note.txt, writes greeting.txt",
    hint: "The argument is the name to greet; press Run. Afterwards, open greeting.txt in the file panel.",
    wasm: helloWasm,
    source: helloSource,
    sourcePath: "examples/hello/hello.c",
    argv0: "hello",
    args: "world",
    env: [],
    interactive: true,
  },
  {
    id: "hello-component",
    title: "Hello, as a component",
    blurb: "The same hello.wasm wrapped as a WASI 0.2 component",
    hint: "hello.wasm wrapped with jco new --wasi-command: the component layer (and jco's transpiler) loads on the first Run; output and files as the module's.",
    wasm: helloComponent,
    source: helloSource,
    sourcePath: "examples/hello/hello.c",
    argv0: "hello",
    args: "component",
    env: [],
    // hello reads no input: given empty stdin up front, it never waits for Ctrl-D.
    interactive: false,
    component: true,
  },
  {
    id: "calc",
    title: "Calculator",
    blurb: "Interactive: evaluates the expressions you type",
    hint: "Press Run, then type an expression such as (1 + 2) * -3 and Enter: + - * / %, parentheses, unary minus. quit or Ctrl-D ends it, Stop or Ctrl-C kills it.",
    wasm: calcWasm,
    source: calcSource,
    sourcePath: "examples/calc/calc.c",
    argv0: "calc",
    args: "",
    env: [],
    interactive: true,
  },
  {
    id: "filetool",
    title: "File tool",
    blurb: "ls, cat, wc, upper, rev on the virtual filesystem",
    hint: "Upload a text file in the file panel, then run upper NAME: the result is NAME.upper.",
    wasm: filetoolWasm,
    source: filetoolSource,
    sourcePath: "examples/filetool/filetool.c",
    argv0: "filetool",
    args: "upper poem.txt",
    env: [],
    presets: ["ls", "wc note.txt poem.txt", "upper poem.txt", "rev poem.txt", "cat poem.txt.upper"],
    interactive: true,
  },
  {
    id: "webhook",
    title: "Webhook handler",
    blurb: "A CGI program fed a signed POST request",
    hint: "The body is signed with HMAC-SHA256 under WEBHOOK_SECRET (WebCrypto, in this page); change either and press Run. The event is appended to /data/events.log.",
    wasm: webhookWasm,
    source: webhookSource,
    sourcePath: "examples/webhook/webhook.c",
    argv0: "webhook",
    args: "",
    env: ["REQUEST_METHOD=POST", "CONTENT_TYPE=application/json", "WEBHOOK_SECRET=playground-secret"],
    interactive: false,
    webhook: true,
  },
  {
    id: "webhook-http",
    title: "Webhook, wasi:http",
    blurb: "A JS handler component answering HTTP requests",
    hint: "Press Send: the request is signed (X-Signature, HMAC-SHA256 of the body under WEBHOOK_SECRET). Change the body and the signature no longer matches (401); Sign signs it again. The handler (13 MB) loads on first use.",
    wasm: webhookComponent,
    source: webhookAppSource,
    sourcePath: "examples/webhook-component/app.js",
    argv0: "handler",
    args: "",
    env: ["WEBHOOK_SECRET=playground-secret"],
    interactive: false,
    component: true,
    http: true,
  },
  {
    id: "clock",
    title: "Clock",
    blurb: "Sleeps 500 ms between timestamps, 5 times",
    hint: "nanosleep suspends the guest (JSPI) or blocks its worker (SharedArrayBuffer); the page stays responsive.",
    wasm: clockWasm,
    source: clockSource,
    sourcePath: "examples/clock/clock.c",
    argv0: "clock",
    args: "",
    env: [],
    interactive: true,
  },
  {
    id: "ruby",
    title: "Ruby",
    blurb: "ruby.wasm (Ruby 3.4) on @anywasi/core in a worker",
    hint: "Type Ruby here or in the terminal and press Enter (or Run). The files {files} are its /: File.read(\"/poem.txt\"). The VM (30 MB) loads on first use.",
    wasm: rubyWasm,
    source: rubyWorkerSource,
    sourcePath: "playground/src/ruby/worker.ts",
    argv0: "ruby",
    args: 'File.read("/poem.txt").split.map(&:capitalize).join(" ")',
    env: [],
    presets: [
      "1 + 2",
      '"anywasi".upcase',
      'require "json"; JSON.generate({a: 1})',
      'Dir.children("/").sort',
      'File.write("/from-ruby.txt", "written by #{RUBY_DESCRIPTION}\\n")',
      '3.times { |i| puts "line #{i}" }',
    ],
    interactive: false,
    ruby: true,
  },
];

export const DEFAULT_WEBHOOK_BODY = '{"event":"push","id":42,"repository":"anywasi"}';

/** What the in-memory filesystem starts with. */
export const SEED_FILES: Record<string, string> = {
  "note.txt": "anywasi runs the same module everywhere\n",
  "poem.txt": "So much depends\nupon\na red wheel\nbarrow\n",
  "data/events.log": "id\tevent\n",
};
