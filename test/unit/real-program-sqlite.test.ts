/**
 * A large real program as a component: the SQLite shell (sqlite3.c + shell.c of SQLite 3.52.0,
 * about 1.5 MB of wasm, test/real-programs/build.mjs) runs a session of several invocations over
 * one database — create and fill tables, joins, aggregates, window and JSON functions, a CSV
 * import, `.read`, `.output` to a file, `.backup`, VACUUM (temporary files), `.dump`, a failing
 * statement — once as its preview1 module and once as the command component `jco new
 * --wasi-command` makes of it. Every invocation must give the same exit code, stdout and stderr,
 * and leave the same files: on MemFS through @anywasi/core's run(), on a real directory through
 * @anywasi/node's run(). The preview1 run is the oracle; on a real directory node:wasi must give
 * the same outcome too. (The module exports cabi_realloc for the adapter: wasi-shim.c says why.)
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WASI as NodeWASI } from "node:wasi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemFS, OutputCollector, run, type DirectoryHandle, type MemFSTree } from "../../packages/core/src/index.js";
import { NodeFS, run as nodeRun } from "../../packages/host-node/src/index.js";
import { dump, wrap } from "./component-helpers.js";

const WASM = new URL("../real-programs/sqlite3.wasm", import.meta.url);
/** Where the session's directory is preopened in the guest. */
const GUEST_DIR = "/data";
/** Temporary files (VACUUM, sorting) go to the preopened directory: SQLite unlinks them while open. */
const ENV = { TMPDIR: `${GUEST_DIR}/tmp` };

/** The files the session starts with. */
const INITIAL = {
  "prices.csv": "product,price\n3,99.5\n7,12.25\n11,61\n42,0.99\n",
  "extra.sql": [
    "-- read with .read: a view and a trigger-maintained audit table",
    "CREATE VIEW big_spenders AS SELECT customer, sum(qty) AS items FROM orders GROUP BY customer HAVING items > 90;",
    "CREATE TABLE audit(id INTEGER PRIMARY KEY, what TEXT);",
    "CREATE TRIGGER orders_del AFTER DELETE ON orders BEGIN INSERT INTO audit(what) VALUES ('deleted ' || old.id); END;",
    "DELETE FROM orders WHERE id % 997 = 0;",
    "SELECT count(*) FROM audit;",
    "",
  ].join("\n"),
  tmp: {},
} satisfies MemFSTree;

interface Step { name: string; args: string[]; stdin: string }

const DB = `${GUEST_DIR}/shop.db`;
const STEPS: Step[] = [
  {
    name: "create and fill, then report",
    args: [DB],
    stdin: `
.bail on
PRAGMA page_size=4096;
CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT);
CREATE TABLE products(id INTEGER PRIMARY KEY, title TEXT, price REAL);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER REFERENCES customers, product INTEGER REFERENCES products, qty INTEGER, day TEXT);
CREATE INDEX orders_customer ON orders(customer);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<200) INSERT INTO customers SELECT i, 'customer-' || i, char(65 + i % 7) || 'ville' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<50) INSERT INTO products SELECT i, 'product ' || printf('%03d', i), round(i * 1.37 + (i % 5) * 0.5, 2) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<5000) INSERT INTO orders SELECT i, 1 + (i * 7919) % 200, 1 + (i * 104729) % 50, 1 + i % 9, date('2024-01-01', '+' || (i % 366) || ' days') FROM n;
COMMIT;
.mode box
SELECT c.city, count(*) AS orders, sum(o.qty) AS items, printf('%.2f', sum(o.qty * p.price)) AS revenue
  FROM orders o JOIN customers c ON c.id = o.customer JOIN products p ON p.id = o.product
  GROUP BY c.city ORDER BY revenue DESC;
.mode json
SELECT p.title, count(*) AS n, rank() OVER (ORDER BY count(*) DESC, p.id) AS r
  FROM orders o JOIN products p ON p.id = o.product GROUP BY p.id ORDER BY r LIMIT 5;
.mode list
SELECT strftime('%Y-%m', day) AS m, sum(qty) FROM orders GROUP BY m ORDER BY m;
PRAGMA integrity_check;
`,
  },
  {
    name: "reopen: import, update, script, report to a file, backup, vacuum",
    args: [DB],
    stdin: `
.bail on
.tables
.schema orders
SELECT count(*), sum(qty) FROM orders;
CREATE TABLE prices(product INTEGER, price REAL);
.import --csv --skip 1 ${GUEST_DIR}/prices.csv prices
UPDATE products SET price = (SELECT price FROM prices WHERE product = products.id) WHERE id IN (SELECT product FROM prices);
DELETE FROM orders WHERE qty > 7;
.read ${GUEST_DIR}/extra.sql
SELECT count(*) FROM big_spenders;
.output ${GUEST_DIR}/report.csv
.mode csv
.headers on
SELECT c.name, count(o.id) AS n, total(o.qty * p.price) AS spent
  FROM customers c LEFT JOIN orders o ON o.customer = c.id LEFT JOIN products p ON p.id = o.product
  GROUP BY c.id HAVING n > 0 ORDER BY spent DESC, c.id LIMIT 25;
.output stdout
.headers off
.mode list
.backup ${GUEST_DIR}/backup.db
VACUUM;
SELECT json_group_array(json_object('id', id, 'title', title, 'price', price)) FROM (SELECT * FROM products WHERE price > 60 ORDER BY id);
PRAGMA integrity_check;
`,
  },
  {
    name: "arguments only: read-only JSON query, and the backup",
    args: ["-readonly", "-json", DB, "SELECT city, count(*) AS n, group_concat(id, ' ') FILTER (WHERE id < 30) AS few FROM customers GROUP BY city ORDER BY city"],
    stdin: "",
  },
  {
    name: "the backup is a database of its own",
    args: [`${GUEST_DIR}/backup.db`, "SELECT count(*), sum(qty), max(day) FROM orders; SELECT count(*) FROM audit; PRAGMA integrity_check"],
    stdin: "",
  },
  {
    name: "dump everything (large stdout)",
    args: [DB, ".dump"],
    stdin: "",
  },
  {
    name: "a failing statement under -bail",
    args: ["-bail", DB],
    stdin: "SELECT count(*) FROM orders;\nSELECT * FROM no_such_table;\nSELECT 'not reached';\n",
  },
];

const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** A tree's files by their SHA-256 and size (a database diff in base64 helps no one), plus the text of report.csv. */
function digest(tree: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(tree)) {
    if (typeof v !== "string") out[path] = v;
    else {
      const bytes = Buffer.from(v, "base64");
      out[path] = path.endsWith(".csv") ? bytes.toString() : `${bytes.length} bytes, sha256 ${createHash("sha256").update(bytes).digest("hex")}`;
    }
  }
  return out;
}

interface Outcome { exitCode: number; stdout: string; stderr: string; files: Record<string, unknown> }

/** Run the session on MemFS (core run()): one outcome per step, files after each. */
async function sessionOnMemFS(source: Uint8Array): Promise<Outcome[]> {
  const fs = MemFS.from(INITIAL);
  const out: Outcome[] = [];
  for (const s of STEPS) {
    const r = await run(source, { args: ["sqlite3", ...s.args], env: ENV, stdin: s.stdin, preopens: { [GUEST_DIR]: fs.root } });
    out.push({ exitCode: r.exitCode, stdout: dec(r.stdout), stderr: dec(r.stderr), files: digest(dump(fs.root)) });
  }
  return out;
}

/** A new directory holding INITIAL. */
function seededDir(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `anywasi-sqlite-${tag}-`));
  for (const [name, entry] of Object.entries(INITIAL)) {
    if (typeof entry === "string") writeFileSync(join(dir, name), entry);
    else mkdirSync(join(dir, name));
  }
  return dir;
}

function dumpDir(dir: string): Record<string, unknown> {
  const fs = new NodeFS(dir);
  const root: DirectoryHandle = fs.root;
  return digest(dump(root));
}

/** Run the session on a real directory (@anywasi/node run()). */
async function sessionOnDisk(source: Uint8Array, dir: string): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const s of STEPS) {
    const stdout = new OutputCollector();
    const stderr = new OutputCollector();
    const r = await nodeRun(source, { args: ["sqlite3", ...s.args], env: ENV, stdin: s.stdin, stdout, stderr, dirs: { [GUEST_DIR]: dir } });
    out.push({ exitCode: r.exitCode, stdout: dec(stdout.bytes()), stderr: dec(stderr.bytes()), files: dumpDir(dir) });
  }
  return out;
}

/** The same session under node:wasi, stdio through files (it takes descriptors). */
async function sessionOnNodeWasi(module: WebAssembly.Module, dir: string, io: string): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const [i, s] of STEPS.entries()) {
    const paths = ["in", "out", "err"].map((n) => join(io, `${i}.${n}`)) as [string, string, string];
    writeFileSync(paths[0], s.stdin);
    const fds = [openSync(paths[0], "r"), openSync(paths[1], "w"), openSync(paths[2], "w")] as const;
    let exitCode: number;
    try {
      const wasi = new NodeWASI({
        version: "preview1", args: ["sqlite3", ...s.args], env: ENV, preopens: { [GUEST_DIR]: dir }, returnOnExit: true,
        stdin: fds[0], stdout: fds[1], stderr: fds[2],
      });
      const instance = await WebAssembly.instantiate(module, wasi.getImportObject() as WebAssembly.Imports);
      exitCode = wasi.start(instance);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    out.push({ exitCode, stdout: readFileSync(paths[1], "utf8"), stderr: readFileSync(paths[2], "utf8"), files: dumpDir(dir) });
  }
  return out;
}

/** Step by step, all of it (exit code 1 of the failing step is SQLite's own, so the adapter keeps it). */
function expectSameSession(got: Outcome[], twin: Outcome[]): void {
  expect(got.length).toBe(STEPS.length);
  for (const [i, s] of STEPS.entries()) {
    expect({ step: s.name, ...got[i] }).toEqual({ step: s.name, ...twin[i] });
  }
}

/** What the session must do at all (so that two equally broken runs cannot pass). */
function expectSensibleSession(twin: Outcome[]): void {
  const [create, reopen, json, backup, dumped, failing] = twin as [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
  expect(create.exitCode).toBe(0);
  expect(create.stdout).toContain("│ Aville │");
  expect(create.stdout).toContain('"title":"product 0');
  expect(create.stdout).toContain("2024-12|");
  expect(create.stdout.trimEnd().endsWith("ok")).toBe(true);
  expect(reopen.exitCode).toBe(0);
  expect(reopen.stdout).toMatch(/^customers +orders +products\n/);
  expect(reopen.stdout).toContain('"title":"product 003","price":99.5');
  expect(reopen.files["report.csv"]).toMatch(/^name,n,spent\r?\ncustomer-/);
  expect(reopen.files["backup.db"]).toBeDefined();
  expect(JSON.parse(json.stdout)).toHaveLength(7);
  expect(backup.stdout).toMatch(/^\d+\|\d+\|2024-\d\d-\d\d\n3\nok\n$/);
  expect(dumped.stdout.startsWith("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n")).toBe(true);
  expect(dumped.stdout.split("\n").length).toBeGreaterThan(4000);
  expect(failing.exitCode).toBe(1);
  expect(failing.stderr).toContain("no such table: no_such_table");
  expect(failing.stdout).not.toContain("not reached");
  // Journals and temporary files are gone after every step.
  for (const o of twin) expect(Object.keys(o.files).filter((p) => /journal|etilqs|^tmp\/./.test(p))).toEqual([]);
}

describe("SQLite shell (1.5 MB, real program): component = preview1 twin", () => {
  let module: Uint8Array;
  let component: Uint8Array;
  const dirs: string[] = [];
  beforeAll(async () => {
    module = new Uint8Array(readFileSync(WASM));
    component = await wrap(WASM);
  }, 120_000);
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("on MemFS (core run)", async () => {
    const twin = await sessionOnMemFS(module);
    expectSensibleSession(twin);
    const got = await sessionOnMemFS(component);
    expectSameSession(got, twin);
  }, 180_000);

  it("on a real directory (@anywasi/node run), with node:wasi as a second oracle", async () => {
    const mk = (tag: string) => {
      const d = seededDir(tag);
      dirs.push(d);
      return d;
    };
    const twin = await sessionOnDisk(module, mk("p1"));
    expectSensibleSession(twin);
    const io = mk("io");
    const byNode = await sessionOnNodeWasi(await WebAssembly.compile(module), mk("node"), io);
    expectSameSession(byNode, twin);
    const got = await sessionOnDisk(component, mk("p2"));
    expectSameSession(got, twin);
  }, 180_000);
});
