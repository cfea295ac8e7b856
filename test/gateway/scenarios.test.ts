// The shared gateway scenarios (scenarios.mjs) on Node, over node:http as `anywasi serve` runs
// them: with guests in killable workers (the default) and on the server's thread (--in-thread).
// Each response must equal the scenario's expected one byte for byte (after the normalisation
// scenarios.mjs describes); Deno (deno.mjs) and workerd (test/worker/scenarios.test.ts) check
// the same table. Uses the built packages (`npm run build`).
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inThreadRunner, serve, type GuestRunner } from "@anywasi/gateway";
import { listen, workerRunner } from "@anywasi/node";
import {
  PROFILES, SCENARIOS, differences, expected, normalise, send, skipReason, type ProfileName, type RunnerKind,
} from "./scenarios.mjs";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const modules = {
  cgi: new WebAssembly.Module(readFileSync(here("./guests/cgi.wasm"))),
  webhook: new WebAssembly.Module(readFileSync(here("../../examples/webhook/webhook.wasm"))),
};

const runners: [string, RunnerKind, () => GuestRunner][] = [
  ["guests in killable workers (anywasi serve)", "killable", () => workerRunner()],
  ["guests on the server's thread (anywasi serve --in-thread)", "in-thread", () => inThreadRunner()],
];

for (const [label, kind, makeRunner] of runners) {
  describe(`gateway scenarios on Node, node:http, ${label}`, () => {
    const bases = {} as Record<ProfileName, string>;
    const servers: Server[] = [];

    beforeAll(async () => {
      for (const [name, profile] of Object.entries(PROFILES) as [ProfileName, (typeof PROFILES)[ProfileName]][]) {
        const gateway = serve(modules[profile.guest], { ...profile.options, runner: makeRunner(), log: () => {} });
        const { server, port } = await listen(gateway, { port: 0, host: "127.0.0.1" });
        servers.push(server);
        bases[name] = `http://127.0.0.1:${port}`;
      }
    });
    afterAll(() => Promise.all(servers.map((s) => new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    }))));

    for (const scenario of SCENARIOS) {
      const why = skipReason(scenario, kind);
      if (why !== null) {
        it.skip(`${scenario.name} (skipped on this runner: ${why})`, () => {});
        continue;
      }
      it(scenario.name, async () => {
        const got = await normalise(await send(scenario, bases[scenario.profile]));
        expect(differences(got, expected(scenario))).toEqual([]);
      });
    }
  });
}

describe("the webhook profile is examples/webhook's configuration", () => {
  it("has the seed log of data/ and the secret of .dev.vars", () => {
    const { options } = PROFILES.webhook;
    expect(options.files?.["/data"]?.["events.log"]).toBe(readFileSync(here("../../examples/webhook/data/events.log"), "utf8"));
    expect(readFileSync(here("../../examples/webhook/.dev.vars"), "utf8")).toMatch(new RegExp(`^WEBHOOK_SECRET=${options.env?.["WEBHOOK_SECRET"]}$`, "m"));
    const worker = readFileSync(here("../../examples/webhook/src/worker.js"), "utf8");
    expect(worker).toContain("timeoutMs: 10_000");
    expect(worker).toContain("maxBodyBytes: 1024 * 1024");
    expect([options.timeoutMs, options.maxBodyBytes]).toEqual([10_000, 1024 * 1024]);
  });
});
