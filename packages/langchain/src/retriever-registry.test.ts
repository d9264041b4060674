import { describe, expect, it } from 'vitest';
import { RetrieverRegistry } from './retriever-registry';

const entry = (runId: string, query: string, traceId = `trace-${runId}`) => ({
  runId,
  query,
  traceId,
  spanId: `span-${runId}`,
  identity: {},
  claims: 0,
});

describe('RetrieverRegistry', () => {
  it('matches the exact query, oldest unclaimed first, the current trace before all', () => {
    const registry = new RetrieverRegistry();
    registry.add(entry('1', 'same'));
    registry.add(entry('2', 'same'));
    registry.add(entry('3', 'same'));
    expect(registry.claim('other')).toBeUndefined();
    expect(registry.claim('same', 'trace-3')?.runId).toBe('3');
    expect(registry.claim('same')?.runId).toBe('1');
    expect(registry.claim('same')?.runId).toBe('2');
    // All claimed (a retriever embedding twice): the newest.
    expect(registry.claim('same')?.runId).toBe('3');
    registry.remove('2', 'same');
    registry.remove('1', 'same');
    registry.remove('3', 'same');
    expect(registry.size).toBe(0);
    expect(registry.claim('same')).toBeUndefined();
  });
});
