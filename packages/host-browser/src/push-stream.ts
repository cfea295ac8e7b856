/** A ReadableStream fed from outside: the page end of a guest's stdout, stderr or trace. */
export interface PushStream<T> {
  readonly stream: ReadableStream<T>;
  push(chunk: T): void;
  /** End the stream after the chunks already pushed; later pushes are dropped. */
  close(): void;
}

/**
 * A stream that queues every chunk until it is read: the worker cannot be paused, so there is no
 * backpressure. A cancelled stream drops what follows.
 */
export function pushStream<T>(): PushStream<T> {
  let controller!: ReadableStreamDefaultController<T>;
  let open = true;
  const stream = new ReadableStream<T>({
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
