import { afterEach, describe, expect, it, vi } from 'vitest';
import { pendingToolCalls, rememberToolCall, takeToolCall } from './tool-call-registry';

afterEach(() => {
  vi.useRealTimers();
});

describe('tool call registry', () => {
  it('hands a link out once', () => {
    rememberToolCall('call-1', { traceId: 't', parentId: 't' });
    expect(takeToolCall('call-1')).toEqual({ traceId: 't', parentId: 't' });
    expect(takeToolCall('call-1')).toBeUndefined();
    rememberToolCall(undefined, { traceId: 't', parentId: 't' });
    expect(pendingToolCalls()).toBe(0);
  });

  it('is bounded in count and age', () => {
    vi.useFakeTimers();
    for (let i = 0; i < 6_000; i++) rememberToolCall(`c${i}`, { traceId: 't', parentId: 't' });
    expect(pendingToolCalls()).toBe(5_000);
    expect(takeToolCall('c0')).toBeUndefined();
    vi.advanceTimersByTime(16 * 60_000);
    expect(takeToolCall('c5999')).toBeUndefined();
    rememberToolCall('fresh', { traceId: 't', parentId: 't' });
    expect(pendingToolCalls()).toBe(1);
    expect(takeToolCall('fresh')).toBeDefined();
  });
});
