// Child process of host `deno` (`deno run deno-guest.mjs SPEC.json RESULT.json`): runs one test
// (SPEC.json: the spec of run-spec.mjs) and writes RESULT.json, { exitCode } or { error }, plus
// stdout/stderr in base64. The guest's stdio is captured in-process, so this process's own
// stdout/stderr carry nothing of the guest's (the host only shows them when no result came).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { Buffer } from "node:buffer";
import { runSpec } from "./run-spec.mjs";

const [specPath, resultPath] = process.argv.slice(2);
const result = await runSpec(JSON.parse(readFileSync(specPath, "utf8")));
const b64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
// Written whole under another name then renamed, so the host never reads a partial result.
writeFileSync(`${resultPath}.part`, JSON.stringify({ ...result, stdout: b64(result.stdout), stderr: b64(result.stderr) }));
renameSync(`${resultPath}.part`, resultPath);
process.exit(0);
