#!/usr/bin/env node
// End to end: the webhook example (examples/webhook) under the three real servers, started as a
// user would start them, all on 127.0.0.1:
//   - `wrangler dev --local` in examples/webhook (workerd; the secret from .dev.vars),
//   - `anywasi serve` on Node   (node packages/host-node/dist/cli.js serve ...),
//   - `anywasi serve` on Deno   (deno run -A packages/host-node/dist/cli.js serve ...),
// the last two with the settings of examples/webhook/src/worker.js as flags. Every webhook
// scenario of scenarios.mjs is sent to the three; each response must equal the scenario's expected
// one and the three must be byte-identical (after the normalisation scenarios.mjs describes).
// Prints one PASS/FAIL line per check; exits 1 on a failure. Needs `npm run build`.
//
// Every server is spawned in its own process group and that group is killed at the end (also on
// failure or Ctrl-C); nothing else is touched.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { within } from "../support/deadline.mjs";
import { PROFILES, SCENARIOS, differences, expected, normalise, requestInit } from "./scenarios.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const example = join(root, "examples/webhook");
const cli = join(root, "packages/host-node/dist/cli.js");
const localDeno = join(root, "node_modules/.bin/deno");
const deno = existsSync(localDeno) ? localDeno : "deno";
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
const START_MS = 30_000; // wrangler dev bundles the Worker and starts workerd first
const REQUEST_MS = 15_000;
const TOTAL_MS = 90_000;

const childEnv = { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1", FORCE_COLOR: "0" };
const children = [];
let failures = 0;

function report(ok, what, detail = "") {
  if (!ok) failures++;
  console.log(`${ok ? "PASS" : "FAIL"} ${what}${detail ? `: ${detail}` : ""}`);
}

/** A free TCP port on 127.0.0.1 (for wrangler, which has no "--port 0"). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Spawn a server in its own process group, recording its output for diagnostics. */
function start(name, command, args, cwd) {
  const child = spawn(command, args, { cwd, env: childEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const entry = { name, child, output: "", exited: false };
  child.stdout.setEncoding("utf8").on("data", (c) => { entry.output += c; });
  child.stderr.setEncoding("utf8").on("data", (c) => { entry.output += c; });
  child.once("exit", () => { entry.exited = true; });
  child.once("error", (e) => { entry.output += `\n(spawn error: ${e.message})`; entry.exited = true; });
  children.push(entry);
  return entry;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Wait for `anywasi serve`'s announcement; resolves with its base URL. */
async function announced(entry) {
  const until = Date.now() + START_MS;
  while (Date.now() < until) {
    const m = /serving .* on (http:\/\/127\.0\.0\.1:\d+)\//.exec(entry.output);
    if (m) return m[1];
    if (entry.exited) throw new Error(`exited before listening:\n${entry.output.slice(-2000)}`);
    await sleep(50);
  }
  throw new Error(`not listening after ${START_MS} ms:\n${entry.output.slice(-2000)}`);
}

/** Wait until `base` answers HTTP at all (wrangler dev prints its address before it is ready). */
async function answering(entry, base) {
  const until = Date.now() + START_MS;
  while (Date.now() < until) {
    if (entry.exited) throw new Error(`exited before answering:\n${entry.output.slice(-2000)}`);
    try {
      await within(2000, async (signal) => (await fetch(base, { signal })).arrayBuffer());
      return base;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`no answer after ${START_MS} ms:\n${entry.output.slice(-2000)}`);
}

/** SIGTERM each server's process group, then SIGKILL what is left after 3 s. */
async function stopAll() {
  const alive = (pid) => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const { child } of children) if (child.pid !== undefined && alive(child.pid)) process.kill(-child.pid, "SIGTERM");
  const until = Date.now() + 3000;
  while (Date.now() < until && children.some(({ child }) => child.pid !== undefined && alive(child.pid))) await sleep(50);
  for (const { child } of children) {
    if (child.pid !== undefined && alive(child.pid)) {
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone meanwhile */ }
    }
  }
}

let persist = null;
async function finish(code) {
  await stopAll();
  if (persist !== null) rmSync(persist, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => { console.log(`FAIL interrupted (${signal})`); void finish(1); });
setTimeout(() => {
  console.log(`FAIL not done after ${TOTAL_MS} ms`);
  for (const { name, output } of children) console.log(`--- last output of ${name}:\n${output.slice(-1500)}`);
  void finish(1);
}, TOTAL_MS).unref();

// The same settings everywhere: those of worker.js (scenarios.mjs's webhook profile) and the
// secret of .dev.vars, which `wrangler dev` reads itself.
const secret = /^WEBHOOK_SECRET=(.*)$/m.exec(readFileSync(join(example, ".dev.vars"), "utf8"))?.[1];
const profile = PROFILES.webhook.options;
report(secret === profile.env.WEBHOOK_SECRET, "the scenarios' secret is the one in examples/webhook/.dev.vars");
const serveArgs = [
  "serve", "--port", "0", "--host", "127.0.0.1", "--dir", "data::/data", "--env", `WEBHOOK_SECRET=${secret}`,
  "--timeout", String(profile.timeoutMs), "--max-body", String(profile.maxBodyBytes), profile.args[0],
];

persist = mkdtempSync(join(tmpdir(), "anywasi-e2e-wrangler-"));
const wranglerPort = await freePort();
const servers = [
  {
    name: "wrangler dev (workerd)",
    entry: start("wrangler", process.execPath, [
      wrangler, "dev", "--local", "--ip", "127.0.0.1", "--port", String(wranglerPort), "--inspector-ip", "127.0.0.1",
      "--inspector-port", "0", "--persist-to", persist, "--show-interactive-dev-session=false", "--log-level", "warn",
    ], example),
    ready: (e) => answering(e, `http://127.0.0.1:${wranglerPort}`),
  },
  { name: "anywasi serve on Node", entry: start("node", process.execPath, [cli, ...serveArgs], example), ready: announced },
  { name: "anywasi serve on Deno", entry: start("deno", deno, ["run", "-A", "--quiet", cli, ...serveArgs], example), ready: announced },
];

const bases = await Promise.all(servers.map(async (s) => {
  const started = Date.now();
  try {
    const base = await s.ready(s.entry);
    report(true, `${s.name} listening on ${base}`, `${Date.now() - started} ms`);
    return base;
  } catch (e) {
    report(false, `${s.name} started`, e.message);
    return null;
  }
}));

if (bases.every((b) => b !== null)) {
  for (const scenario of SCENARIOS.filter((s) => s.profile === "webhook")) {
    const want = expected(scenario);
    const got = await Promise.all(servers.map(async (s, i) => {
      try {
        return await within(REQUEST_MS, async (signal) => normalise(await fetch(new URL(scenario.request.path, bases[i]), { ...requestInit(scenario), signal })));
      } catch (e) {
        return e;
      }
    }));
    servers.forEach((s, i) => {
      const g = got[i];
      if (g instanceof Error) report(false, `${s.name}: ${scenario.name}`, g.message);
      else {
        const diff = differences(g, want);
        report(diff.length === 0, `${s.name}: ${scenario.name}`, diff.join("; "));
      }
    });
    if (got.every((g) => !(g instanceof Error))) {
      const diff = differences(got[1], got[0]).concat(differences(got[2], got[0]));
      report(diff.length === 0, `identical on all three: ${scenario.name}`, diff.join("; "));
    } else {
      report(false, `identical on all three: ${scenario.name}`, "a server did not answer");
    }
  }
}

console.log(failures === 0 ? "e2e-servers: all checks passed" : `e2e-servers: ${failures} check(s) failed`);
await finish(failures === 0 ? 0 : 1);
