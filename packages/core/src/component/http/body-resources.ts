import type { Pollable } from "../io/poll.js";
import { BodyInputStream, BodyOutputStream, type BodySource } from "./body.js";
import { Fields } from "./fields.js";

/** A `result` with no error payload, as the glue lowers it. */
export const ERR_UNIT = Object.freeze({ tag: "err" as const, val: undefined });

/** What jco's glue calls when the guest drops a resource it owns. */
export const DISPOSE: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("dispose");

/**
 * `future-trailers`: ready at once, with none (neither a Web `Request` nor a `fetch` response
 * hands trailers over).
 */
export class FutureTrailers {
  readonly #ready: () => Pollable;
  constructor(ready: () => Pollable) { this.#ready = ready; }
  subscribe(): Pollable { return this.#ready(); }
  get(): { tag: "ok"; val: { tag: "ok"; val: Fields | undefined } } {
    return { tag: "ok", val: { tag: "ok", val: undefined } };
  }
}

/**
 * `incoming-body` (of a request the guest answers, or of a response it received): one
 * `input-stream` over `source`, whose pollables `subscribe` makes. `onDrop` runs when the guest
 * drops it (a response body: the request is cancelled).
 */
export class IncomingBody {
  readonly #source: BodySource;
  readonly #subscribe: () => Pollable;
  readonly #ready: () => Pollable;
  readonly #onDrop: (() => void) | undefined;
  #stream: BodyInputStream | null = null;
  constructor(source: BodySource, subscribe: () => Pollable, ready: () => Pollable, onDrop?: () => void) {
    this.#source = source;
    this.#subscribe = subscribe;
    this.#ready = ready;
    this.#onDrop = onDrop;
  }
  stream(): BodyInputStream | typeof ERR_UNIT {
    if (this.#stream !== null) return ERR_UNIT;
    return (this.#stream = new BodyInputStream(this.#source, this.#subscribe));
  }
  static finish(body: IncomingBody): FutureTrailers {
    body.#onDrop?.();
    return new FutureTrailers(body.#ready);
  }
  [DISPOSE](): void {
    this.#onDrop?.();
  }
}

/** Where an `outgoing-body` goes. */
export interface BodyTarget {
  /** A chunk (a copy: keep it). May throw a payload (a limit). */
  write(chunk: Uint8Array): void;
  /** The body is complete. May throw an `error-code` payload (`outgoing-body.finish` returns it). */
  finish(trailers: readonly [string, Uint8Array][] | null): void;
  /** The guest dropped the body without finishing it. */
  dropped?(): void;
}

/** `outgoing-body` (of a response the guest sends, or of a request): one `output-stream` into `target`. */
export class OutgoingBody {
  readonly #target: BodyTarget;
  readonly #ready: () => Pollable;
  #stream: BodyOutputStream | null = null;
  #finished = false;
  constructor(target: BodyTarget, ready: () => Pollable) {
    this.#target = target;
    this.#ready = ready;
  }
  write(): BodyOutputStream | typeof ERR_UNIT {
    if (this.#stream !== null) return ERR_UNIT;
    return (this.#stream = new BodyOutputStream((c) => this.#target.write(c), this.#ready));
  }
  static finish(b: OutgoingBody, trailers: Fields | undefined): void {
    if (b.#stream !== null) BodyOutputStream.close(b.#stream);
    b.#finished = true;
    b.#target.finish(trailers === undefined ? null : Fields.list(Fields.freeze(trailers)));
  }
  [DISPOSE](): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#stream !== null) BodyOutputStream.close(this.#stream);
    this.#target.dropped?.();
  }
}
