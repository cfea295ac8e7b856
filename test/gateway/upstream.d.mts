// Types of upstream.mjs.
export interface Upstream { origin: string; stop(): Promise<void> }
export function startUpstream(): Promise<Upstream>;
