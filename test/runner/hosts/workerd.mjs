// Host `workerd`: runs each test inside workerd (Cloudflare's Workers runtime, through miniflare)
// on @anywasi/worker. As on the real platform, nothing is compiled at run time: setup() bundles
// a Worker (lib/workerd-guest.mjs + the packages, with esbuild) whose generated fixtures module
// imports the tests' .wasm, given to workerd as precompiled ("CompiledWasm") modules: one Worker
// for the preview1 modules, one per 16 components (see COMPONENTS_PER_PROCESS), each run by its
// own workerd process in turn. Each test is one request carrying its args, env and fixture
// trees; every run gets fresh in-memory filesystems and a stdin that never delivers.
//
// Environment: ANYWASI_WORKERD_JSPI=0 runs guests synchronously (as without JSPI), default: JSPI
// (workerd has it); ANYWASI_WORKERD_FROZEN=1 freezes the base clock, as production Workers do
// while code runs (locally, workerd's clock moves), so guests only see their own sleeps pass.
//
// A synchronous guest cannot be interrupted inside workerd: on a timeout the whole workerd
// process is disposed of and started again for the next tests.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { build } from "esbuild";
import { readTree } from "./lib/fixtures.mjs";
import { within } from "../../support/deadline.mjs";

const GUEST = fileURLToPath(new URL("./lib/workerd-guest.mjs", import.meta.url));
const JSPI = process.env.ANYWASI_WORKERD_JSPI !== "0";
const FROZEN = process.env.ANYWASI_WORKERD_FROZEN === "1";
const COMPAT_DATE = "2025-09-01";

let groups = []; // the Miniflare options of each group of fixtures (see workerGroups)
let groupOf = new Map(); // absolute .wasm path -> its group
let mf = null; // the running workerd process
let running = -1; // the group mf runs
let names = new Map(); // absolute .wasm path -> module key
let transpiled = null; // temporary directory of the components transpiled at setup

/**
 * Components run as on Workers: transpiled at build time (both glues), then given to run() of
 * @anywasi/worker, through the JSPI glue unless ANYWASI_WORKERD_JSPI=0.
 */
export const components = true;

/**
 * `anywasi transpile` for every component test, in Node before workerd starts (Workers cannot
 * compile at run time): `<dir>/c<i>/` gets jco's glue, the core modules and the entry module.
 * The transpile cache (`diskTranspileCache()`, the CLI's) makes a second run fast.
 * @returns absolute component .wasm path -> its directory
 */
async function transpileComponents(wasms, dir) {
  const { precompileComponent } = await import("@anywasi/node/esbuild");
  const { diskTranspileCache } = await import("@anywasi/node");
  const transpileCache = diskTranspileCache();
  const out = new Map();
  for (const [i, w] of wasms.entries()) {
    const to = join(dir, `c${i}`);
    // Both glues: run() takes the JSPI one under JSPI (ANYWASI_WORKERD_JSPI), else the synchronous one.
    const files = await precompileComponent(readFileSync(w), { transpileCache, glue: "both" });
    mkdirSync(to, { recursive: true });
    for (const [name, data] of files) writeFileSync(join(to, name), data);
    out.set(w, to);
  }
  return out;
}

/**
 * Components per workerd process. workerd's start-up time grows faster than the number of
 * components it is given (each brings its glue, ~450 KB of JS, and its core modules): all 146 of
 * test/suite-p2 in one process took 118 s to start, 16 at a time take ~3 s each.
 */
const COMPONENTS_PER_PROCESS = 16;

/**
 * The tests' fixtures in groups, one workerd process each (started when a test of its group
 * comes, the previous one disposed of): every preview1 module in the first, the components
 * 16 at a time in the others. Each group's Worker imports only its own fixtures.
 */
async function workerGroups(tests) {
  const wasms = [...new Set(tests.filter((t) => !t.component).map((t) => t.wasm))].sort();
  const comps = [...new Set(tests.filter((t) => t.component).map((t) => t.wasm))].sort();
  names = new Map([...wasms.map((w, i) => [w, `m${i}`]), ...comps.map((w, i) => [w, `c${i}`])]);
  transpiled = comps.length > 0 ? mkdtempSync(join(tmpdir(), "anywasi-workerd-components-")) : null;
  const dirs = transpiled === null ? new Map() : await transpileComponents(comps, transpiled);
  const sets = wasms.length > 0 ? [{ wasms, comps: [] }] : [];
  for (let i = 0; i < comps.length; i += COMPONENTS_PER_PROCESS) sets.push({ wasms: [], comps: comps.slice(i, i + COMPONENTS_PER_PROCESS) });
  groupOf = new Map();
  const groups = [];
  for (const [g, set] of sets.entries()) {
    for (const w of [...set.wasms, ...set.comps]) groupOf.set(w, g);
    groups.push({ modules: await workerModules(set.wasms, set.comps, dirs), compatibilityDate: COMPAT_DATE });
  }
  return groups;
}

/** The Worker's modules: the bundled entry and one precompiled module per fixture. */
async function workerModules(wasms, comps, dirs) {
  const key = (w) => names.get(w);
  const generated = [
    ...wasms.map((w) => `import ${key(w)} from "./fixtures/${key(w)}.wasm";`),
    ...comps.map((w) => `import ${key(w)} from ${JSON.stringify(join(dirs.get(w), "index.js"))};`),
    `export const modules = { ${wasms.map(key).join(", ")} };`,
    `export const components = { ${comps.map(key).join(", ")} };`,
  ].join("\n");
  // A component's core modules, as the Worker's precompiled modules: components/c<i>/<file>.
  const coreModules = comps.map((w) => dirs.get(w)).flatMap((d) =>
    readdirSync(d).filter((f) => f.endsWith(".wasm")).map((f) => ({ path: `components/${basename(d)}/${f}`, file: join(d, f) })));
  const bundle = await build({
    entryPoints: [GUEST],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
    mainFields: ["module", "main"],
    plugins: [{
      name: "fixtures",
      setup(b) {
        b.onResolve({ filter: /^anywasi:fixtures$/ }, () => ({ path: "fixtures", namespace: "anywasi" }));
        b.onLoad({ filter: /.*/, namespace: "anywasi" }, () => ({ contents: generated, loader: "js" }));
        b.onResolve({ filter: /\/index\.js$/, namespace: "anywasi" }, (a) => ({ path: a.path }));
        // The glue of components/c<i> imports its core modules relative to itself.
        b.onResolve({ filter: /\.wasm$/ }, (a) => ({
          path: transpiled !== null && a.resolveDir.startsWith(transpiled) ? `./components/${relative(transpiled, a.resolveDir)}/${basename(a.path)}` : a.path,
          external: true,
        }));
      },
    }],
  });
  return [
    { type: "ESModule", path: "entry.mjs", contents: bundle.outputFiles[0].text },
    ...wasms.map((w) => ({ type: "CompiledWasm", path: `fixtures/${key(w)}.wasm`, contents: readFileSync(w) })),
    ...coreModules.map((m) => ({ type: "CompiledWasm", path: m.path, contents: readFileSync(m.file) })),
  ];
}

/** Starts the workerd process of group `g` (the one running, if another, is disposed of first). */
async function start(g) {
  if (mf !== null && running !== g) {
    const old = mf;
    mf = null;
    await old.dispose().catch(() => {});
  }
  if (mf === null) {
    mf = new Miniflare({ ...groups[g], modulesRoot: "/" });
    running = g;
  }
  await mf.ready;
  return mf;
}

export async function setup({ tests }) {
  if (!Array.isArray(tests)) throw new Error("host workerd needs the runner to pass the test list to setup()");
  groups = await workerGroups(tests);
  // The first group's process, so that a workerd that cannot start fails the setup.
  if (groups.length > 0) await start(0);
}

export async function teardown() {
  await mf?.dispose();
  mf = null;
  groups = [];
  if (transpiled !== null) rmSync(transpiled, { recursive: true, force: true });
  transpiled = null;
}

function wireTree(dir) {
  const wire = {};
  for (const [path, e] of Object.entries(readTree(dir))) {
    wire[path] = e instanceof Uint8Array ? { f: Buffer.from(e).toString("base64") } : e.symlink !== undefined ? { l: e.symlink } : { d: 1 };
  }
  return wire;
}

/**
 * @param {import("../discover.mjs").TestCase} test
 * @param {{timeoutMs: number}} options
 */
export function runTest(test, options) {
  // One test at a time: the Worker's isolate is single-threaded, so a guest spinning there would
  // hold up every other test in flight (and be disposed of with them).
  const turn = queue.then(() => runOne(test, options));
  queue = turn.catch(() => {});
  return turn;
}

let queue = Promise.resolve();

async function runOne(test, { timeoutMs }) {
  const module = names.get(test.wasm);
  if (module === undefined) return { error: `${test.wasm} was not bundled at setup` };
  const spec = {
    module, component: test.component === true, args: test.args, env: test.env, jspi: JSPI, frozen: FROZEN,
    preopens: Object.entries(test.preopens).map(([guest, host]) => [guest, wireTree(host)]),
  };
  let current;
  try {
    current = await start(groupOf.get(test.wasm));
  } catch (e) {
    return { error: `workerd did not start: ${e?.stack ?? e}` };
  }
  let status;
  let text;
  try {
    [status, text] = await within(timeoutMs, async (signal) => {
      const response = await current.dispatchFetch("http://anywasi.test/", { method: "POST", body: JSON.stringify(spec), signal });
      return [response.status, await response.text()];
    });
  } catch (e) {
    if (e?.name === "TimeoutError") {
      // The guest may still be running in workerd: replace the process.
      if (mf === current) {
        mf = null;
        await current.dispose().catch(() => {});
      }
      return { timedOut: true };
    }
    return { error: `dispatchFetch failed: ${e?.stack ?? e}` };
  }
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    // workerd cancels a request whose promises can never settle (a JSPI guest waiting on a stdin
    // that never delivers): that is a hang, found early.
    if (/never generate a response/.test(text)) return { timedOut: true };
    return { error: `workerd answered ${status}: ${text.slice(0, 500)}` };
  }
  const bytes = (s) => new Uint8Array(Buffer.from(s ?? "", "base64"));
  return { ...report, stdout: bytes(report.stdout), stderr: bytes(report.stderr) };
}
