// The conformance matrix: the suite on every host configuration, one after the other (tests in
// parallel within each, as a single-host run), through the same run-suite.mjs machinery as
// `--host`. Writes a table of tests × hosts as markdown (stdout and --matrix-out, default
// docs/matrix.md) and JSON (the same path with .json), then the usual `N passed, N failed` line
// summed over all cells.
//
//   node test/runner/conformance.mjs --matrix --suite test/suite [--suite test/suite-p2]
//                                    [--matrix-out FILE.md] [--matrix-merge] [--column ID]...
//                                    [--filter S]... [--timeout MS] [--jobs N]
//
// A column is a host module, its --fs and environment variables the host module reads when it
// is loaded (each column loads its own instance of the module, with those variables set, and the
// environment is restored after it). Progress goes to stderr.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HostSetupError, NO_COMPONENTS, hostDifference, hostRunsComponents, loadHost, runSuite, selectTests } from "./run-suite.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Every configuration the project runs its corpus on (`npm test`), in table order. `extra`
 * columns only run when named with --column.
 */
export const COLUMNS = [
  { id: "node-disk", label: "node disk", host: "node", fs: "disk", what: "@anywasi/node: `NodeFS` on a temporary copy of the fixtures, a `worker_threads` Worker per test" },
  { id: "node-memory", label: "node mem", host: "node", fs: "memory", what: "@anywasi/core on Node: fixtures in a `MemFS`, a Worker per test" },
  { id: "deno-disk", label: "deno disk", host: "deno", fs: "disk", what: "the same as node disk in a Web Worker per test, in one `deno run` process" },
  { id: "deno-memory", label: "deno mem", host: "deno", fs: "memory", what: "the same as node mem in a Web Worker per test, in one `deno run` process" },
  { id: "workerd", label: "workerd", host: "workerd", what: "@anywasi/worker in workerd (miniflare): precompiled modules, JSPI" },
  {
    id: "workerd-sync", label: "workerd sync", host: "workerd", env: { ANYWASI_WORKERD_JSPI: "0", ANYWASI_WORKERD_FROZEN: "1" },
    what: "workerd without JSPI (guests run synchronously) on a frozen clock, as production Workers freeze time",
  },
  { id: "chromium", label: "chromium", host: "chromium", fs: "memory", what: "@anywasi/browser `spawn()`: a Web Worker per test, stdin through JSPI" },
  {
    id: "chromium-sab", label: "chromium SAB", host: "chromium", fs: "memory", env: { ANYWASI_STDIN_MODE: "sab" },
    what: "`spawn()` on a cross-origin isolated page, stdin through the SharedArrayBuffer bridge (`Atomics.wait`)",
  },
  { id: "chromium-opfs", label: "chromium OPFS", host: "chromium", fs: "disk", what: "`spawn()` with the fixtures in OPFS (`opfs` preopens), JSPI" },
  { id: "chromium-main", label: "chromium main", host: "chromium-main", what: "`runOnMainThread()` on the page itself (JSPI suspends a waiting guest)" },
  { id: "node-wasi", label: "node:wasi", host: "node-wasi", extra: true, what: "baseline: Node's built-in `node:wasi`, not anywasi" },
];

export class UnknownColumnError extends Error {}

function pickColumns(ids) {
  if (ids.length === 0) return COLUMNS.filter((c) => !c.extra);
  return ids.map((id) => {
    const c = COLUMNS.find((col) => col.id === id);
    if (!c) throw new UnknownColumnError(`unknown --column ${id} (${COLUMNS.map((col) => col.id).join(", ")})`);
    return c;
  });
}

/** The command that runs one column alone. */
function commandOf(c) {
  const env = Object.entries(c.env ?? {}).map(([k, v]) => `${k}=${v} `).join("");
  return `${env}npm run conformance -- --host ${c.host}${c.fs ? ` --fs ${c.fs}` : ""} --suite …`;
}

/** Runs `fn` with `vars` added to process.env, then puts the environment back as it was. */
async function withEnv(vars, fn) {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/**
 * Runs one column on `suiteDirs`; resolves with `outcomes` (test name → `{ ok, reason? }` or
 * `{ skip: reason }` for a component test on a host without component support), counts and a
 * setup error.
 */
async function runColumn(column, suiteDirs, opts) {
  const outcomes = new Map();
  return withEnv(column.env ?? {}, async () => {
    const host = await loadHost(column.host, { instance: column.id });
    const { tests, skipped } = selectTests(suiteDirs, opts.filters, { components: hostRunsComponents(host), differs: (t) => hostDifference(host, t) });
    for (const s of skipped) if (s.reason === NO_COMPONENTS || s.difference) for (const t of s.tests) outcomes.set(t, { skip: s.reason });
    const started = performance.now();
    let counts;
    let setupError = null;
    try {
      counts = await runSuite(host, tests, { ...opts, fs: column.fs, label: column.id }, (t, o) => {
        outcomes.set(t.name, o.ok ? { ok: true } : { ok: false, reason: o.reason });
        if (!o.ok) console.error(`  FAIL ${column.id} ${t.name}: ${o.reason}`);
      });
    } catch (e) {
      if (!(e instanceof HostSetupError)) throw e;
      setupError = e.message;
      for (const t of tests) outcomes.set(t.name, { ok: false, reason: `host setup failed: ${e.message}` });
      counts = { passed: 0, failed: tests.length };
    }
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const skips = outcomes.size - tests.length;
    console.error(
      `matrix: ${column.id}: ${counts.passed} passed, ${counts.failed} failed${skips ? `, ${skips} skipped` : ""} (${secs} s)` +
        `${setupError ? ` — setup failed: ${setupError}` : ""}`,
    );
    return { outcomes, setupError };
  });
}

/** The cells of the previous matrix (`--matrix-merge`): column id → test name → outcome. */
function previousCells(jsonPath) {
  let old;
  try {
    old = JSON.parse(readFileSync(jsonPath, "utf8"));
  } catch (e) {
    throw new Error(`--matrix-merge: cannot read ${jsonPath}: ${e.message}`);
  }
  const byColumn = new Map();
  for (const t of old.tests ?? []) {
    for (const [id, c] of Object.entries(t.cells ?? {})) {
      if (!byColumn.has(id)) byColumn.set(id, new Map());
      byColumn.get(id).set(t.name, c === "PASS" ? { ok: true } : c.skip ? { skip: c.skip } : c.notRun ? { notRun: true } : { ok: false, reason: c.fail });
    }
  }
  return byColumn;
}

/** `s` as an inline code span whatever backticks it holds. */
function code(s) {
  const ticks = "`".repeat((s.match(/`+/g) ?? []).reduce((n, m) => Math.max(n, m.length), 0) + 1);
  return ticks.length > 1 || s.startsWith("`") || s.endsWith("`") ? `${ticks} ${s} ${ticks}` : `${ticks}${s}${ticks}`;
}

/** A table cell: no pipes or newlines. */
const cell = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");

function markdown(model) {
  const { columns, tests, notes, totals, suite, options, merged } = model;
  // A skip for another reason than NO_COMPONENTS is a host's documented difference: one note each.
  const differences = [];
  const differenceOf = new Map();
  for (const t of tests) {
    for (const c of columns) {
      const o = t.cells[c.id];
      if (!o.skip || o.skip === NO_COMPONENTS) continue;
      let d = differenceOf.get(o.skip);
      if (!d) {
        d = { id: differences.length + 1, reason: o.skip, cells: [] };
        differences.push(d);
        differenceOf.set(o.skip, d);
      }
      d.cells.push([c.label, t.name]);
    }
  }
  const out = [];
  const suiteArgs = suite.map((d) => `--suite ${d}`).join(" ");
  out.push("# Conformance matrix", "");
  out.push(
    `Every test of ${suite.map((d) => `\`${d}\``).join(" and ")} on every host configuration, written by \`npm run conformance -- --matrix ${suiteArgs}\`` +
      `${options.length ? ` (${options.join(" ")})` : ""}. Do not edit: run it again. ` +
      (merged.length
        ? `The last run covered only ${merged.map((id) => `\`${id}\``).join(", ")} (\`--matrix-merge\`); the other columns' cells are those of earlier runs. `
        : "") +
      "A wasm32-wasip2 suite (test/suite-p2: components) is skipped on hosts without component support. " +
      "Differences between hosts are explained in the README's [Platform differences](../README.md#platform-differences).",
    "",
  );
  out.push("| column | configuration | passed | failed | skipped |", "|---|---|---:|---:|---:|");
  for (const c of columns) {
    out.push(`| ${cell(c.label)} | ${cell(c.what)}: ${cell(code(commandOf(c)))} | ${c.passed} | ${c.failed} | ${c.skipped} |`);
  }
  out.push("");
  out.push(
    `**${totals.line}** (${tests.length} tests × ${columns.length} hosts; skip: ${NO_COMPONENTS}; differs: skipped, a documented limit of that host, see [Differences](#differences); not run: a test added since that column last ran).`,
    "",
  );
  out.push(`| test | ${columns.map((c) => cell(c.label)).join(" | ")} |`);
  out.push(`|---|${columns.map(() => ":-:").join("|")}|`);
  for (const t of tests) {
    const cells = columns.map((c) => {
      const o = t.cells[c.id];
      if (o.skip) return o.skip === NO_COMPONENTS ? "skip" : `differs [D${differenceOf.get(o.skip).id}](#difference-${differenceOf.get(o.skip).id})`;
      if (o.notRun) return "not run";
      return o.ok ? "PASS" : `**FAIL** [${o.note}](#note-${o.note})`;
    });
    out.push(`| ${cell(code(t.name))} | ${cells.join(" | ")} |`);
  }
  if (differences.length) {
    out.push("", "## Differences", "", "Tests a host skips because they check what that platform cannot do (the host's `differences()`):", "");
    for (const d of differences) {
      const where = d.cells.map(([col, test]) => `${col} ${code(test)}`).join(", ");
      out.push(`D${d.id}. <a id="difference-${d.id}"></a>${where}: ${d.reason}`);
    }
  }
  if (notes.length) {
    out.push("", "## Failures", "");
    for (const n of notes) {
      const where = n.cells.map(([col, test]) => `${col} ${code(test)}`).join(", ");
      out.push(`${n.id}. <a id="note-${n.id}"></a>${where}: ${code(n.reason)}`);
    }
  }
  out.push("");
  return out.join("\n");
}

/**
 * Runs the matrix on the suites in `suiteDirs`; writes the markdown and JSON files and prints the
 * markdown and the summary line. With `opts.merge`, the cells of the columns not run (and of tests
 * not selected) are kept from the JSON file written before. Resolves with the exit code (1 when
 * some cell run now failed).
 */
export async function runMatrix(suiteDirs, opts) {
  const columns = pickColumns(opts.columns);
  const { tests, skipped, empty, warnings } = selectTests(suiteDirs, opts.filters);
  for (const w of warnings) console.error(`WARN ${w}`);
  for (const s of skipped) console.error(`SKIP ${s.name}/: ${s.reason} (${s.count} test${s.count === 1 ? "" : "s"})`);
  if (empty) console.error(`WARN no tests found under ${suiteDirs.join(", ")}`);

  // Fail before the run, not after it, when the output cannot be written.
  const mdPath = resolve(opts.matrixOut ?? resolve(REPO, "docs/matrix.md"));
  const jsonPath = mdPath.replace(/(\.md)?$/, ".json");
  mkdirSync(dirname(mdPath), { recursive: true });
  const previous = opts.merge ? previousCells(jsonPath) : new Map();

  const results = new Map();
  for (const column of columns) results.set(column.id, { column, ...(await runColumn(column, suiteDirs, opts)) });
  let failedNow = 0;
  for (const r of results.values()) for (const o of r.outcomes.values()) if (o.ok === false) failedNow++;

  // The table's columns: those run now, and with --matrix-merge those of the previous matrix.
  const shown = COLUMNS.filter((c) => results.has(c.id) || previous.has(c.id));
  const names = [...new Set([...tests.map((t) => t.name), ...[...previous.values()].flatMap((m) => [...m.keys()])])].sort();
  const isComponent = new Map(tests.map((t) => [t.name, t.component]));
  const runsComponents = new Map();
  for (const c of shown) {
    if (results.has(c.id)) continue;
    runsComponents.set(c.id, await withEnv(c.env ?? {}, async () => hostRunsComponents(await loadHost(c.host, { instance: c.id }))));
  }
  const outcomeOf = (c, name) => {
    const now = results.get(c.id)?.outcomes.get(name);
    if (now) return now;
    if (isComponent.get(name) && runsComponents.get(c.id) === false) return { skip: NO_COMPONENTS };
    return previous.get(c.id)?.get(name) ?? { notRun: true };
  };

  // One note per distinct reason, numbered in table order.
  const notes = [];
  const noteOf = new Map();
  const counts = new Map(shown.map((c) => [c.id, { passed: 0, failed: 0, skipped: 0, notRun: 0 }]));
  const rows = names.map((name) => {
    const cells = {};
    for (const c of shown) {
      const o = outcomeOf(c, name);
      const n = counts.get(c.id);
      if (o.skip || o.notRun || o.ok) {
        cells[c.id] = o.ok ? { ok: true } : o;
        if (o.ok) n.passed++;
        else if (o.skip) n.skipped++;
        else n.notRun++;
        continue;
      }
      n.failed++;
      let note = noteOf.get(o.reason);
      if (!note) {
        note = { id: notes.length + 1, reason: o.reason, cells: [] };
        notes.push(note);
        noteOf.set(o.reason, note);
      }
      note.cells.push([c.label, name]);
      cells[c.id] = { ok: false, note: note.id, reason: o.reason };
    }
    return { name, cells };
  });
  const sum = (k) => [...counts.values()].reduce((n, c) => n + c[k], 0);
  const passed = sum("passed");
  const failed = sum("failed");
  const skippedCells = sum("skipped");
  const notRun = sum("notRun");
  const line = `${passed} passed, ${failed} failed${skippedCells ? `, ${skippedCells} skipped` : ""}${notRun ? `, ${notRun} not run` : ""}`;

  const suite = suiteDirs.map((d) => relative(process.cwd(), d) || ".");
  const options = [
    ...opts.columns.map((c) => `--column ${c}`),
    ...opts.filters.map((f) => `--filter ${f}`),
    ...(opts.timeoutMs !== 20000 ? [`--timeout ${opts.timeoutMs}`] : []),
  ];
  const merged = opts.merge ? shown.filter((c) => results.has(c.id)).map((c) => c.id) : [];
  const cols = shown.map((c) => {
    const r = results.get(c.id);
    const n = counts.get(c.id);
    return {
      id: c.id, label: c.label, host: c.host, ...(c.fs ? { fs: c.fs } : {}), ...(c.env ? { env: c.env } : {}), what: c.what,
      passed: n.passed, failed: n.failed, skipped: n.skipped, ...(n.notRun ? { notRun: n.notRun } : {}),
      ...(r?.setupError ? { setupError: r.setupError } : {}),
    };
  });
  const md = markdown({ columns: cols, tests: rows, notes, totals: { line }, suite, options, merged });

  const json = {
    suite, options, ...(merged.length ? { merged } : {}), columns: cols,
    tests: rows.map((r) => ({
      name: r.name,
      cells: Object.fromEntries(
        Object.entries(r.cells).map(([id, o]) => [id, o.ok ? "PASS" : o.skip ? { skip: o.skip } : o.notRun ? { notRun: true } : { fail: o.reason }]),
      ),
    })),
    passed, failed, skipped: skippedCells, ...(notRun ? { notRun } : {}),
  };
  writeFileSync(mdPath, md);
  writeFileSync(jsonPath, JSON.stringify(json, null, 2) + "\n");
  console.log(md);
  console.error(`matrix: wrote ${relative(process.cwd(), mdPath)} and ${relative(process.cwd(), jsonPath)}`);
  console.log(line);
  return failedNow ? 1 : 0;
}
