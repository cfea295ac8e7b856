/** A ReadableStream fed from outside: the page end of a guest's stdout or stderr. */
export interface PushStream {
  readonly stream: ReadableStream<Uint8Array>;
  push(chunk: Uint8Array): void;
  /** End the stream after the chunks already pushed; later pushes are dropped. */
  close(): void;
}

/**
 * A stream that queues every chunk until it is read: the worker cannot be paused, so there is no
 * backpressure. A cancelled stream drops what follows.
 */
export function pushStream(): PushStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      open = false;
    },
  });
  return {
    stream,
    push(chunk) {
      if (open) controller.enqueue(chunk);
    },
    close() {
      if (!open) return;
      open = false;
      controller.close();
    },
  };
}
