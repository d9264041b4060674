/** What {@link instrumentStream} reports about the stream it wraps. */
export interface StreamObserver<T> {
  /** Every part, before it is handed on. Must not throw (run it through the guard). */
  onPart(part: T): void;
  /** The source ended normally. */
  onEnd(): void;
  /** The source failed (the same error is handed on to the consumer). */
  onError(error: unknown): void;
  /** The consumer cancelled the stream. */
  onCancel(reason: unknown): void;
}

/**
 * A stream that hands on every part of `source` unchanged, pulling one part per consumer read
 * (so backpressure is the consumer's), forwarding cancellation to the source, and telling the
 * observer about each part and about how the stream ended. No tee: nothing reads the source
 * except the consumer.
 */
export function instrumentStream<T>(
  source: ReadableStream<T>,
  observer: StreamObserver<T>,
): ReadableStream<T> {
  const reader = source.getReader();
  return new ReadableStream<T>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<T>;
        try {
          next = await reader.read();
        } catch (error) {
          observer.onError(error);
          controller.error(error);
          return;
        }
        if (next.done) {
          observer.onEnd();
          controller.close();
          return;
        }
        observer.onPart(next.value);
        controller.enqueue(next.value);
      },
      cancel(reason) {
        observer.onCancel(reason);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
