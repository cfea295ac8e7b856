#!/usr/bin/env node
// Runs the code blocks of README.md and docs/*.md as written (npm run docs:check runs this; needs
// `npm run build` first), so that the examples cannot drift from the code:
//   - a ```js / ```ts block is written to a file inside the repository (so that `@anywasi/*`
//     resolves as it does for a user of the workspace) and run with Node, from a scratch copy of
//     examples/ and docs/ (what the blocks read; what they write stays out of the tree); it must
//     exit 0 within the time limit;
//   - a ```sh block whose lines are all `npx anywasi ...` or `node ...` commands runs with bash
//     from the same scratch directory, every line must exit 0; `npx anywasi` is the bin npx runs,
//     node_modules/.bin/anywasi; a block with any other command (npm install, a server) is never
//     run and must be marked as a fragment;
//   - a block right after `<!-- fragment: REASON -->` (a reason is required) is not run: a js/ts
//     block is still parsed (esbuild), for code meant for browsers, Workers or Deno or for a
//     server that runs until stopped.
// Every js/ts block is parsed first (esbuild, which also strips TypeScript's types).
// Blocks in other languages (diff, toml, plain text) are not run.
// Usage: node scripts/doctest.mjs [FILE.md ...]   Prints `N passed, N failed`; exits 1 on a failure.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// A block that does not end within this is a failure (a guest or a handle that keeps Node alive).
const TIMEOUT_MS = 60_000;
const JS = new Set(["js", "javascript", "mjs", "ts", "typescript"]);
const SH = new Set(["sh", "bash", "shell"]);

/** Every fenced block of `file`: its language, first line number, text and fragment reason. */
export function blocks(file) {
  const lines = readFileSync(file, "utf8").split("\n");
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(open[1]) && l.trim() === open[1]);
    if (end === -1) throw new Error(`${file}:${i + 1}: unclosed code block`);
    const marker = /^<!--\s*fragment(?::\s*(.*?))?\s*-->\s*$/.exec(lines[i - 1] ?? "");
    out.push({
      file, line: i + 1, lang: open[2].toLowerCase(), text: lines.slice(i + 1, end).join("\n") + "\n",
      fragment: marker ? (marker[1] ?? "") : null,
    });
    i = end;
  }
  return out;
}

function exec(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    const timer = setTimeout(() => { output += `\n(killed after ${TIMEOUT_MS} ms)`; child.kill("SIGKILL"); }, TIMEOUT_MS);
    child.on("close", (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

/** Run the blocks of `files` (default: README.md and docs/*.md); resolves to whether all passed. */
async function main(given = []) {
  const files = given.length > 0
    ? given
    : [join(ROOT, "README.md"), ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => join(ROOT, "docs", f))];
  // Inside node_modules (ignored by git), so that a block's imports resolve from the repository.
  const scratch = join(ROOT, "node_modules/.cache/anywasi-doctest");
  rmSync(scratch, { recursive: true, force: true });
  const work = join(scratch, "work");
  mkdirSync(work, { recursive: true });
  const esbuild = await import("esbuild");
  const referenced = new Set(["examples", "docs"]);
  // npx in a block may not download anything.
  const env = { ...process.env, npm_config_yes: "false", npm_config_update_notifier: "false" };

  let passed = 0;
  let failed = 0;
  const jobs = [];
  let n = 0;
  for (const file of files) {
    for (const b of blocks(file)) {
      const where = `${relative(ROOT, b.file)}:${b.line}`;
      const isJs = JS.has(b.lang);
      if (!isJs && !SH.has(b.lang)) continue;
      if (b.fragment === "") {
        console.log(`FAIL ${where}: a fragment marker needs a reason (<!-- fragment: why -->)`);
        failed++;
        continue;
      }
      for (const m of b.text.matchAll(/["'\s]((?:examples|docs|test)\/[\w./-]+)/g)) referenced.add(m[1]);
      const script = join(scratch, `block-${++n}.mjs`);
      let source = b.text;
      if (isJs) {
        // Parses the block (a fragment is only parsed) and strips TypeScript's types.
        try {
          source = (await esbuild.transform(source, { loader: b.lang.startsWith("t") ? "ts" : "js", format: "esm", target: "esnext" })).code;
        } catch (e) {
          console.log(`FAIL ${where}: does not parse\n${String(e.message).replace(/^/gm, "     ")}`);
          failed++;
          continue;
        }
      }
      if (b.fragment !== null) {
        console.log(`ok   ${where} (${isJs ? "parsed only" : "not run"}: ${b.fragment})`);
        passed++;
        continue;
      }
      writeFileSync(script, source);
      if (isJs) {
        jobs.push({ where, what: "run", run: () => exec(process.execPath, [script], { cwd: work, env }) });
      } else {
        const lines = b.text.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("#"));
        // Only what is safe and fast here; anything else (npm install, a server) must be a fragment.
        const other = lines.find((l) => !/^(npx anywasi|node) /.test(l.trim()));
        if (other !== undefined) {
          console.log(`FAIL ${where}: \`${other.trim()}\` is not run here: mark the block <!-- fragment: why -->`);
          failed++;
          continue;
        }
        // `npx anywasi` runs node_modules/.bin/anywasi, the link npx would take (check-packages checks
        // that it is there), without npm's own start-up for each line.
        const bin = JSON.stringify(join(ROOT, "node_modules/.bin/anywasi"));
        const script = lines.map((l) => l.replace(/^\s*npx anywasi /, `${bin} `)).join("\n");
        jobs.push({ where, what: "run", run: () => exec("bash", ["-e", "-o", "pipefail", "-c", script], { cwd: work, env }) });
      }
    }
  }
  // What the blocks read, copied: what they write stays out of the tree.
  for (const path of referenced) {
    if (existsSync(join(ROOT, path))) cpSync(join(ROOT, path), join(work, path), { recursive: true });
  }
  // Two at a time: each job is mostly a Node start-up.
  const started = performance.now();
  let next = 0;
  const results = new Array(jobs.length);
  await Promise.all([0, 1].map(async () => {
    while (next < jobs.length) {
      const i = next++;
      const t = performance.now();
      results[i] = { ...(await jobs[i].run()), ms: Math.round(performance.now() - t) };
    }
  }));
  jobs.forEach((job, i) => {
    const r = results[i];
    if (r.code === 0) {
      passed++;
      console.log(`ok   ${job.where} (${job.what}, ${r.ms} ms)`);
    } else {
      failed++;
      console.log(`FAIL ${job.where} (${job.what}): exit ${r.code}\n${r.output.trim().replace(/^/gm, "     ")}`);
    }
  });
  rmSync(scratch, { recursive: true, force: true });
  console.log(`doctest: ${passed} passed, ${failed} failed (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return failed === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main(process.argv.slice(2))) ? 0 : 1;
export { main as runDoctest };
