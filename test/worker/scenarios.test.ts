// The shared gateway scenarios (test/gateway/scenarios.mjs) inside workerd: `serve()` of
// @anywasi/worker with JSPI and without, and the webhook scenarios also through the example's own
// Worker (examples/webhook/src/worker.js, with the secret of its .dev.vars). Each response must
// equal the scenario's expected one byte for byte, as on Node and Deno. workerd runs guests on
// its thread: the scenarios marked "in-thread" are skipped, for the reason they give.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { serve } from "@anywasi/worker";
import cgi from "../gateway/guests/cgi.wasm";
import webhook from "../../examples/webhook/webhook.wasm";
import {
  PROFILES, SCENARIOS, differences, expected, normalise, skipReason, toRequest, type ProfileName, type Scenario,
} from "../gateway/scenarios.mjs";

const modules = { cgi, webhook };
const BASE = "http://127.0.0.1:8787";

function check(name: string, scenario: Scenario, fetch: (request: Request) => Promise<Response>): void {
  const why = skipReason(scenario, "in-thread");
  if (why !== null) {
    it.skip(`${name} (skipped on workerd: ${why})`, () => {});
    return;
  }
  it(name, async () => {
    const got = await normalise(await fetch(toRequest(scenario, BASE)));
    expect(differences(got, expected(scenario))).toEqual([]);
  });
}

for (const jspi of [true, false]) {
  describe(`gateway scenarios on workerd, serve() of @anywasi/worker, ${jspi ? "with JSPI" : "without JSPI"}`, () => {
    const gateways = {} as Record<ProfileName, { fetch(request: Request): Promise<Response> }>;
    for (const [name, profile] of Object.entries(PROFILES) as [ProfileName, (typeof PROFILES)[ProfileName]][]) {
      gateways[name] = serve(modules[profile.guest], { ...profile.options, jspi, log: () => {} });
    }
    for (const scenario of SCENARIOS) check(scenario.name, scenario, (r) => gateways[scenario.profile].fetch(r));
  });
}

describe("webhook scenarios through examples/webhook's own Worker", () => {
  for (const scenario of SCENARIOS.filter((s) => s.profile === "webhook")) {
    check(scenario.name, scenario, (r) => exports.default.fetch(r));
  }
});
