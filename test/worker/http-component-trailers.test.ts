// The shared wasi:http table's "trailers" profile on workerd: a handler written against the
// canonical ABI in C (test/components-native/handler_trailers.c, transpiled at build time by
// http-components.setup.mjs) finishes its body with a trailer. No Web Response carries trailers:
// the body must arrive whole, as on Node, Deno and the Service Worker, and the drop be logged.
// Its own file: loaded beside the ComponentizeJS handler's tests in one isolate, workerd crashed
// (SIGSEGV) in some runs here.
import { describe, expect, it } from "vitest";
import { serve } from "@anywasi/worker";
import trailers from "./build/http-trailers/index.js";
import { SCENARIOS, optionsFor } from "../gateway/http-component-scenarios.mjs";
import { runProfile } from "../gateway/http-component-run.mjs";

describe("wasi:http scenarios on workerd, profile trailers", () => {
  it("every response identical to the expected one; the trailer's drop is logged", async () => {
    const lines: string[] = [];
    const gateway = serve(trailers, { ...optionsFor("trailers", "http://upstream.invalid"), log: (l) => lines.push(l) });
    const results = await runProfile("trailers", { gateway, base: "http://gateway.test" });
    expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
    expect(results.length).toBe(SCENARIOS.filter((s) => s.profile === "trailers").length);
    expect(lines.filter((l) => / response trailers dropped: a Web Response cannot carry them$/.test(l))).toHaveLength(2);
  }, 60_000);
});
