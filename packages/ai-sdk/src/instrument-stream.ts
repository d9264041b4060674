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
  /** The consumer has not asked for the next part for `idleTimeoutMs`. */
  onIdle(): void;
}

/** Settings of {@link instrumentStream}. */
export interface InstrumentOptions {
  /** How long the consumer may leave a part unread before `onIdle` (the source is never idle-timed). */
  idleTimeoutMs: number;
}

/**
 * A stream that hands on every part of `source` unchanged, pulling one part per consumer read
 * (so backpressure is the consumer's), forwarding cancellation to the source, and telling the
 * observer about each part and about how the stream ended. No tee: nothing reads the source
 * except the consumer.
 *
 * A consumer that stops reading without cancelling (ai 7's `textStream` abandoned mid-way)
 * leaves the stream paused forever with neither end nor cancel; `onIdle` reports it once the
 * consumer has been silent for `idleTimeoutMs`. One unref'd timer per stream, re-armed lazily,
 * keeps per-part work constant and never holds the process open.
 */
export function instrumentStream<T>(
  source: ReadableStream<T>,
  observer: StreamObserver<T>,
  options: InstrumentOptions,
): ReadableStream<T> {
  const reader = source.getReader();
  let waitingForConsumer = false;
  let handedOnAt = 0;
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = (delay: number): void => {
    timer = setTimeout(check, Math.max(0, delay));
    if (typeof timer === 'object' && typeof timer.unref === 'function') timer.unref();
  };
  function check(): void {
    timer = undefined;
    if (settled || !waitingForConsumer) return;
    const idle = Date.now() - handedOnAt;
    if (idle >= options.idleTimeoutMs) {
      settled = true;
      observer.onIdle();
    } else arm(options.idleTimeoutMs - idle);
  }
  const settle = (): void => {
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  return new ReadableStream<T>(
    {
      async pull(controller) {
        waitingForConsumer = false;
        let next: ReadableStreamReadResult<T>;
        try {
          next = await reader.read();
        } catch (error) {
          settle();
          observer.onError(error);
          controller.error(error);
          return;
        }
        if (next.done) {
          settle();
          observer.onEnd();
          controller.close();
          return;
        }
        observer.onPart(next.value);
        controller.enqueue(next.value);
        if (!settled) {
          waitingForConsumer = true;
          handedOnAt = Date.now();
          if (timer === undefined) arm(options.idleTimeoutMs);
        }
      },
      cancel(reason) {
        settle();
        observer.onCancel(reason);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
