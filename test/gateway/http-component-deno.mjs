// The wasi:http scenarios (http-component-scenarios.mjs) on Deno: serve()'s fetch directly, over
// Deno.serve, and the real `anywasi serve` CLI running on Deno. Each response must be identical
// to the one Node gives (http-component.test.ts checks the same table).
// Run: DENO_NO_UPDATE_CHECK=1 npx deno run -A --quiet test/gateway/http-component-deno.mjs
// Prints `N passed, N failed`; exits 1 on a failure.
import { serve } from "@anywasi/gateway";
import { createHttpClient, workerRunner } from "@anywasi/node";
import { PROFILES, optionsFor } from "./http-component-scenarios.mjs";
import { HANDLER, cliFlags, componentFor, runProfile, startCli } from "./http-component-run.mjs";
import { startUpstream } from "./upstream.mjs";
import { bodyPastLimitAfterHead, cutShort, freshInstances, outputPastLimitAfterHead, streamingChecks } from "./http-component-streaming.mjs";
import { traceDifferences, traceRun } from "./http-component-trace.mjs";

const bytes = await Deno.readFile(HANDLER);
/** The component profile `p` serves (the trailers one for "trailers"). */
const bytesFor = (p) => Deno.readFileSync(componentFor(p));
// The local server of the "outgoing" profile.
const upstream = await startUpstream();
const up = upstream.origin;
let passed = 0;
let failed = 0;
function report(label, results) {
  for (const r of results) {
    if (r.problems.length === 0) { passed++; console.log(`ok   ${label}: ${r.name}`); }
    else { failed++; console.log(`FAIL ${label}: ${r.name}: ${r.problems.join("; ")}`); }
  }
}

function listen(gateway) {
  return new Promise((resolve) => {
    const server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: ({ port }) => resolve({ base: `http://127.0.0.1:${port}`, stop: () => server.shutdown() }) },
      (request, info) => gateway.fetch(request, undefined, { remoteAddress: info.remoteAddr.hostname }),
    );
  });
}

for (const p of Object.keys(PROFILES)) {
  const o = optionsFor(p, up);
  // The in-thread gateway blocks while a handler waits: its requests go through the fetch thread.
  const options = o.outgoingHttp === undefined ? o : { ...o, outgoingHttp: { ...o.outgoingHttp, client: await createHttpClient() } };
  const gateway = serve(bytesFor(p), { ...options, log: () => {} });
  report(`serve() fetch, ${p}`, await runProfile(p, { gateway, base: "http://gateway.test" }, up));
  const { base, stop } = await listen(gateway);
  try {
    report(`Deno.serve, ${p}`, await runProfile(p, base, up));
  } finally {
    await stop();
  }
}

// workerRunner() (node:worker_threads on Deno): the same table, then streaming both ways and
// concurrency (http-component-streaming.mjs: orders of events, which the in-thread path fails).
for (const p of Object.keys(PROFILES)) {
  const log = [];
  const gateway = serve(bytesFor(p), { ...optionsFor(p, up), runner: workerRunner(), log: (line) => log.push(line) });
  report(`serve() fetch, workerRunner, ${p}`, await runProfile(p, { gateway, base: "http://gateway.test" }, up));
  const { base, stop } = await listen(gateway);
  try {
    report(`Deno.serve, workerRunner, ${p}`, await runProfile(p, base, up));
    if (p === "main") report("Deno.serve, workerRunner, streaming", await streamingChecks(base, () => log.join("\n")));
    if (p === "timeout") report("Deno.serve, workerRunner", [
      { name: "a started response past the time limit ends broken", problems: await cutShort(base) },
      { name: "after it, requests get working workers and fresh instances", problems: await freshInstances(base, 3) },
    ]);
  } finally {
    await stop();
  }
}

// Limits passed after the head (workerRunner over Deno.serve): the status is sent, so the body is
// cut (logged), never ended normally; the in-thread path answers 502 before any byte instead.
{
  const log = [];
  const small = serve(bytes, { timeoutMs: 20_000, maxOutputBytes: 10, runner: workerRunner(), log: (l) => log.push(l) });
  const bodies = serve(bytes, { timeoutMs: 20_000, maxBodyBytes: 100_000, runner: workerRunner(), log: (l) => log.push(l) });
  const a = await listen(small);
  const b = await listen(bodies);
  try {
    const output = await outputPastLimitAfterHead(a.base);
    const body = await bodyPastLimitAfterHead(b.base);
    const logged = (re) => (log.some((l) => re.test(l)) ? [] : [`no log line ${re}`]);
    report("Deno.serve, workerRunner, limits after the head", [
      { name: "past maxOutputBytes: part 1, then a broken body, logged", problems: [...output, ...logged(/GET \/trickle: response body cut short after 7 bytes: the program's output exceeded 10 bytes/)] },
      { name: "a chunked body past maxBodyBytes while /echo streams: a broken body, logged", problems: [...body, ...logged(/POST \/echo: response body cut short after \d+ bytes: the request body is larger than 100000 bytes/)] },
    ]);
  } finally {
    await a.stop();
    await b.stop();
  }
}

// trace: true (http-component-trace.mjs): the log of each request through workerRunner() and
// `anywasi serve --trace` on Deno must be the in-thread gateway's, line for line.
async function traced(runner) {
  const log = [];
  const gateway = serve(bytes, { timeoutMs: 20_000, trace: true, log: (l) => log.push(l), ...(runner === null ? {} : { runner }) });
  return traceRun((r) => gateway.fetch(r), "http://gateway.test", () => log);
}
const traceReference = await traced(null);
report("trace", [
  { name: "in-thread (the reference) has [wasi] lines in every request", problems: traceDifferences(traceReference, traceReference) },
  { name: "workerRunner(): the same log", problems: traceDifferences(await traced(workerRunner()), traceReference) },
]);

const cli = new URL("../../packages/host-node/dist/cli.bundle.js", import.meta.url).pathname;
{
  const server = await startCli(Deno.execPath(), ["run", "-A", "--quiet", cli, "serve", "--port", "0", "--trace", HANDLER.pathname]);
  try {
    const got = await traceRun((r) => fetch(r), server.base, () => server.output().split("\n"), traceReference);
    report("trace", [{ name: "anywasi serve --trace on Deno: the same log", problems: traceDifferences(got, traceReference) }]);
  } finally {
    server.stop();
  }
}

for (const p of Object.keys(PROFILES)) {
  const server = await startCli(Deno.execPath(), ["run", "-A", "--quiet", cli, "serve", "--port", "0", ...cliFlags(p, up), componentFor(p).pathname]);
  try {
    report(`anywasi serve on Deno, ${p}`, await runProfile(p, server.base, up));
    if (p === "main") report("anywasi serve on Deno, streaming", await streamingChecks(server.base, server.output));
  } finally {
    server.stop();
  }
}

await upstream.stop();
console.log(`${passed} passed, ${failed} failed`);
Deno.exit(failed === 0 ? 0 : 1);
