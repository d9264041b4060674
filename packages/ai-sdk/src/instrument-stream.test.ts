import { describe, expect, it, vi } from 'vitest';
import { instrumentStream, type StreamObserver } from './instrument-stream';

function observer(): StreamObserver<number> & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    onPart: (part) => calls.push(`part ${part}`),
    onEnd: () => calls.push('end'),
    onError: () => calls.push('error'),
    onCancel: () => calls.push('cancel'),
    onIdle: () => calls.push('idle'),
  };
}

function counting(limit: number) {
  const state = { pulls: 0 };
  const stream = new ReadableStream<number>(
    {
      pull(controller) {
        state.pulls++;
        if (state.pulls > limit) controller.close();
        else controller.enqueue(state.pulls);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describe('instrumentStream', () => {
  it('pulls the source only as the consumer reads', async () => {
    const { stream, state } = counting(100);
    const watched = observer();
    const reader = instrumentStream(stream, watched, { idleTimeoutMs: 60_000 }).getReader();
    await reader.read();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.pulls).toBe(2);
    await reader.cancel();
    expect(watched.calls).toEqual(['part 1', 'part 2', 'cancel']);
  });

  it('reports the end, and nothing after it', async () => {
    const { stream } = counting(2);
    const watched = observer();
    const reader = instrumentStream(stream, watched, { idleTimeoutMs: 10 }).getReader();
    while (!(await reader.read()).done);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(watched.calls).toEqual(['part 1', 'part 2', 'end']);
  });

  it('reports a consumer that stopped reading, once, and never while the source is slow', async () => {
    vi.useFakeTimers();
    try {
      let release: (() => void) | undefined;
      const slow = new ReadableStream<number>(
        {
          async pull(controller) {
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            controller.enqueue(1);
          },
        },
        { highWaterMark: 0 },
      );
      const watched = observer();
      const reader = instrumentStream(slow, watched, { idleTimeoutMs: 1_000 }).getReader();
      const pending = reader.read();
      await vi.advanceTimersByTimeAsync(5_000); // the source is slow: not idle
      expect(watched.calls).toEqual([]);
      release?.();
      await pending;
      await vi.advanceTimersByTimeAsync(999);
      expect(watched.calls).toEqual(['part 1']);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(watched.calls).toEqual(['part 1', 'idle']);
    } finally {
      vi.useRealTimers();
    }
  });
});
