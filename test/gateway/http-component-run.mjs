// Runs the wasi:http scenarios (http-component-scenarios.mjs) against one host, the same way on
// Node (http-component.test.ts) and Deno (http-component-deno.mjs). Plain ESM, Web APIs only,
// except `startCli` (node:child_process, which Deno provides too).
import {
  COMPONENT_OF, PROFILES, concurrentScenarios, differences, expectedFor, normalise, scenariosFor, send, toRequest,
} from "./http-component-scenarios.mjs";

/** The handler component's path, relative to this file. */
export const HANDLER = new URL("./http-component/handler.component.wasm", import.meta.url);

/** The component `profile` serves (HANDLER for every profile but "trailers"). */
export function componentFor(profile) {
  return new URL(`./http-component/${COMPONENT_OF[profile]}`, import.meta.url);
}

/**
 * Send every scenario of `profile` (and, for "main", 8 concurrent requests) to `target`: a base
 * URL (sent over HTTP) or `{ gateway, base }` (the Request goes to `gateway.fetch`). `upstream`:
 * the origin of the host's upstream server (profile "outgoing"). Returns one `{ name, problems }`
 * per scenario (`problems` is [] when the response was identical).
 */
export async function runProfile(profile, target, upstream = "http://upstream.invalid") {
  const direct = typeof target !== "string";
  const base = direct ? target.base : target;
  const go = (s) => (direct ? target.gateway.fetch(toRequest(s, base)) : send(s, base));
  const check = async (s) => ({ name: s.name, problems: differences(await normalise(await go(s)), expectedFor(s, base)) });
  const results = [];
  for (const s of scenariosFor(profile, upstream)) results.push(await check(s));
  if (profile === "main") results.push(...await Promise.all(concurrentScenarios(8).map(check)));
  return results;
}

/** The command-line flags of `anywasi serve` for a profile's options (`upstream`: its allowed origin, profile "outgoing"). */
export function cliFlags(profile, upstream) {
  const o = PROFILES[profile].options;
  const flags = ["--timeout", String(o.timeoutMs), "--max-body", String(o.maxBodyBytes), "--max-output", String(o.maxOutputBytes)];
  if (profile === "outgoing") flags.push("--allow-http", upstream);
  return flags;
}

/**
 * Start `anywasi serve` (`command args...`, e.g. node packages/host-node/dist/cli.bundle.js serve
 * --port 0 ... FILE) and resolve with its base URL once it listens, and a stop function.
 */
export async function startCli(command, args, env = {}) {
  const { spawn } = await import("node:child_process");
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`anywasi serve did not start: ${output}`)), 60_000);
    const onData = (d) => {
      output += d;
      const m = /serving .* on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ base: m[1], stop: () => child.kill("SIGTERM"), output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`anywasi serve exited (${code}): ${output}`)); });
  });
}
