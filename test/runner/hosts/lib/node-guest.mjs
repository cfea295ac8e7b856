// Worker script of host `node`: runs one test (workerData: the spec of run-spec.mjs) and posts
// { exitCode, stdout, stderr } or { error, stdout, stderr } back.
import { parentPort, workerData } from "node:worker_threads";
import { runSpec } from "./run-spec.mjs";

const result = await runSpec(workerData);
parentPort.postMessage(result, [result.stdout.buffer, result.stderr.buffer]);
