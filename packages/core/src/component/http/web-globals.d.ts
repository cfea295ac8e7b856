/*
 * The web-platform globals outgoing HTTP uses, beyond those in src/globals.d.ts (the core compiles
 * against ES2022 alone). Every engine that runs the fetch thread (Node, Deno, browsers) has them.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string;
}
declare class AbortController {
  readonly signal: object;
  abort(reason?: unknown): void;
}
interface ReadableStreamDefaultController<R> {
  enqueue(chunk: R): void;
  close(): void;
  error(e?: unknown): void;
}
declare class ReadableStream<R> {
  constructor(source: { start(controller: ReadableStreamDefaultController<R>): void });
}
