// Types of scenarios.mjs (plain ESM, shared by Node, Deno, workerd and the end-to-end check).

export type RunnerKind = "in-thread" | "killable";
export type ProfileName = "cgi" | "short-timeout" | "webhook";

export interface Profile {
  guest: "cgi" | "webhook";
  options: {
    args?: string[];
    env?: Record<string, string>;
    files?: Record<string, Record<string, string>>;
    timeoutMs?: number;
    maxOutputBytes?: number;
    maxBodyBytes?: number;
  };
}

export interface Scenario {
  name: string;
  profile: ProfileName;
  /** `chunked`: the body is sent as a stream, without content-length. */
  request: { method: string; path: string; headers: Record<string, string>; body: Uint8Array | null; chunked?: boolean };
  response: { status: number; headers: [string, string][]; body: Uint8Array };
  skip?: Partial<Record<RunnerKind, string>>;
}

export interface Normalised {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

export const TRANSPORT_HEADERS: string[];
export const ALL_BYTES: Uint8Array;
export const PROFILES: Record<ProfileName, Profile>;
export const SCENARIOS: Scenario[];
export function hex(s: string): Uint8Array;
export function mixedBytes(n: number): Uint8Array;
export function skipReason(scenario: Scenario, kind: RunnerKind): string | null;
export function requestHeaders(scenario: Scenario): Record<string, string>;
export function requestInit(scenario: Scenario): RequestInit;
export function toRequest(scenario: Scenario, base: string): Request;
export function send(scenario: Scenario, base: string): Promise<Response>;
export function normalise(response: Response): Promise<Normalised>;
export function expected(scenario: Scenario): Normalised;
export function differences(actual: Normalised, want: Normalised): string[];
