// Types of http-component-streaming.mjs.
import type { ScenarioResult } from "./http-component-run.mjs";

export function trickle(base: string, logged: () => string | Promise<string>, ms?: number): Promise<string[]>;
export function tricklesTogether(base: string, logged: () => string | Promise<string>, n?: number, ms?: number): Promise<string[]>;
export function echoWhileSending(base: string): Promise<string[]>;
export function overlapping(base: string, n?: number): Promise<string[]>;
export function freshInstances(base: string, n?: number): Promise<string[]>;
export function cutShort(base: string, ms?: number): Promise<string[]>;
export function streamingChecks(base: string, logged: () => string): Promise<ScenarioResult[]>;
export function setFetch(f: (url: string, init?: RequestInit) => Promise<Response>): void;
export function outputPastLimitAfterHead(base: string, ms?: number): Promise<string[]>;
export function bodyPastLimitAfterHead(base: string, extra?: number): Promise<string[]>;
