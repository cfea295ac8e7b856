// Types of http-component-run.mjs.
import type { HttpProfileName } from "./http-component-scenarios.mjs";

export interface ScenarioResult { name: string; problems: string[] }
export interface CliServer { base: string; stop(): void; output(): string }

export const HANDLER: URL;
/** The component `profile` serves (HANDLER for every profile but "trailers"). */
export function componentFor(profile: HttpProfileName): URL;
export function runProfile(
  profile: HttpProfileName,
  target: string | { gateway: { fetch(request: Request): Promise<Response> }; base: string },
  upstream?: string,
): Promise<ScenarioResult[]>;
export function cliFlags(profile: HttpProfileName, upstream?: string): string[];
export function startCli(command: string, args: string[], env?: Record<string, string>): Promise<CliServer>;
