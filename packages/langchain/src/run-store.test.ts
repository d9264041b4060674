import { describe, expect, it } from 'vitest';
import { type RunState, RunStore } from './run-store';

function run(runId: string, startTime: number, parentRunId?: string): RunState {
  return {
    runId,
    parentRunId,
    kind: 'span',
    traceId: 't',
    spanId: runId,
    identity: {},
    startTime,
    children: new Set(),
  };
}

describe('RunStore', () => {
  it('tracks children and forgets them on delete', () => {
    const store = new RunStore({ maxRuns: 10, maxAgeMs: 1000 });
    const parent = run('p', 0);
    store.add(parent);
    store.add(run('c', 1, 'p'));
    expect([...parent.children]).toEqual(['c']);
    store.delete(store.get('c')!);
    expect(parent.children.size).toBe(0);
    expect(store.size).toBe(1);
  });

  it('reports the oldest runs past the age or the count limit', () => {
    const store = new RunStore({ maxRuns: 2, maxAgeMs: 100 });
    store.add(run('a', 0));
    store.add(run('b', 50));
    store.add(run('c', 90));
    expect(store.expired(95).map((r) => r.runId)).toEqual(['a']);
    expect(store.expired(160).map((r) => r.runId)).toEqual(['a', 'b']);
    expect(store.expired(0, true)).toHaveLength(3);
  });
});
