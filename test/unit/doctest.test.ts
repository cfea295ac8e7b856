// scripts/doctest.mjs, which runs the code blocks of README.md and docs/*.md in docs:check: it
// must fail a block that does not run as written, and never run what is not safe to run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DOCTEST = new URL("../../scripts/doctest.mjs", import.meta.url).pathname;
const fence = "```";

function doctest(markdown: string): { status: number | null; out: string } {
  const file = join(mkdtempSync(join(tmpdir(), "anywasi-doctest-")), "doc.md");
  writeFileSync(file, markdown);
  const r = spawnSync(process.execPath, [DOCTEST, file], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe("doctest", () => {
  it("runs a block as written: a name it never defines fails it", { timeout: 60_000 }, () => {
    const r = doctest(`${fence}js\nconsole.log(wasmBytes.length);\n${fence}\n`);
    expect(r.status).toBe(1);
    expect(r.out).toContain("ReferenceError: wasmBytes is not defined");
    expect(r.out).toContain("0 passed, 1 failed");
  });

  it("passes a block that imports the workspace's packages and reads the repository's files", { timeout: 60_000 }, () => {
    const r = doctest(`${fence}js\nimport { readFileSync } from "node:fs";\nimport { run } from "@anywasi/core";\n` +
      `const { exitCode } = await run(readFileSync("examples/hello/hello.wasm"));\nif (exitCode !== 1) throw new Error(String(exitCode));\n${fence}\n`);
    expect(r.out).toContain("1 passed, 0 failed");
    expect(r.status).toBe(0);
  });

  it("only parses a fragment, which needs a reason, and never runs other shell commands", { timeout: 60_000 }, () => {
    const marker = join(mkdtempSync(join(tmpdir(), "anywasi-doctest-")), "ran");
    const r = doctest([
      `<!-- fragment: browser code -->\n${fence}js\nundefinedName();\n${fence}\n`,
      `<!-- fragment: browser code -->\n${fence}js\nconst x = ;\n${fence}\n`,
      `<!-- fragment -->\n${fence}js\nexport default {};\n${fence}\n`,
      `${fence}sh\ntouch ${marker}\n${fence}\n`,
    ].join("\n"));
    expect(r.out).toMatch(/ok {3}.*doc\.md:2 \(parsed only: browser code\)/);
    expect(r.out).toMatch(/FAIL .*doc\.md:7: does not parse/);
    expect(r.out).toMatch(/FAIL .*doc\.md:12: a fragment marker needs a reason/);
    expect(r.out).toMatch(/FAIL .*doc\.md:16: `touch .*` is not run here/);
    expect(spawnSync("test", ["-e", marker]).status).toBe(1);
    expect(r.status).toBe(1);
  });
});
