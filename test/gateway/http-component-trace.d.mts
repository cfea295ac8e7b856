// Types of http-component-trace.mjs.
export interface TracedRequest { method: string; path: string; body: string | null }
export const TRACED: readonly TracedRequest[];
export function byRequest(lines: readonly string[]): string[][];
export function traceRun(
  go: (request: Request) => Promise<Response>, base: string, lines: () => readonly string[], expected?: readonly string[][],
): Promise<string[][]>;
export function traceDifferences(got: readonly string[][], expected: readonly string[][]): string[];
