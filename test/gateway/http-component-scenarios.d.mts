// Types of http-component-scenarios.mjs (plain ESM, shared by Node and Deno).
import type { Normalised } from "./scenarios.mjs";

export { normalise, differences, send, toRequest, TRANSPORT_HEADERS } from "./scenarios.mjs";

export type HttpProfileName = "main" | "timeout" | "sizes" | "outgoing" | "trailers";

export interface HttpProfile {
  options: { timeoutMs: number; maxBodyBytes: number; maxOutputBytes: number };
}

export interface HttpRequestSpec { method: string; path: string; headers: Record<string, string>; body: Uint8Array | null; chunked?: boolean }

export interface HttpScenario {
  name: string;
  profile: HttpProfileName;
  /** `chunked`: the body is sent as a stream, without content-length (what a client sends for a body of unknown length). */
  request: HttpRequestSpec | ((upstream: string) => HttpRequestSpec);
  /** The expected response, or a function of the authority ("127.0.0.1:8080") the request went to. */
  response:
    | { status: number; headers: [string, string][]; body: Uint8Array }
    | ((authority: string) => { status: number; headers: [string, string][]; body: Uint8Array });
  note?: string;
}

export const PROFILES: Record<HttpProfileName, HttpProfile>;
export const SCENARIOS: HttpScenario[];
/** The component (a file name in http-component/) each profile serves. */
export const COMPONENT_OF: Record<HttpProfileName, string>;
export const UPSTREAM_PATH: string;
export const UPSTREAM_TEXT: string;
/** serve() options of `profile`; for "outgoing", `upstream` (an origin) is the only allowed origin. */
export function optionsFor(profile: HttpProfileName, upstream: string): HttpProfile["options"] & { outgoingHttp?: { allow: string[] } };
/** The scenarios of `profile`, requests made for `upstream`. */
export function scenariosFor(profile: HttpProfileName, upstream: string): (HttpScenario & { request: HttpRequestSpec })[];
export function expectedFor(scenario: HttpScenario, base: string): Normalised;
export function concurrentScenarios(count: number): HttpScenario[];
/** After a warm-up, `/spin?ms=10000` and `/sleep?ms=10000` on the `timeout` profile each answer 504 in under 9 s. */
export function expectEndedOnTime(
  fetch: (request: Request) => Promise<Response>,
  expect: (value: unknown) => { toBe(expected: unknown): void; toBeLessThan(n: number): void },
): Promise<void>;
