import { describe, expect, it } from 'vitest';
import { buildTraceTree, type EventRow, type TraceNode } from './trace-tree';

let nextId = 1;
function row(event: string, fields: Partial<EventRow> = {}): EventRow {
  return {
    id: nextId++,
    uuid: null,
    event,
    distinctId: 'user-1',
    timestampMs: 1_000_000,
    traceId: 'T',
    spanId: `s${nextId}`,
    parentId: 'T',
    sessionId: null,
    name: null,
    spanType: null,
    model: null,
    provider: null,
    latency: null,
    isError: false,
    error: null,
    metrics: {},
    ...fields,
  };
}

const outline = (node: TraceNode, depth = 0): string[] => [
  `${'  '.repeat(depth)}${node.kind} ${node.name}${node.orphan ? ' (orphan)' : ''}`,
  ...node.children.flatMap((child) => outline(child, depth + 1)),
];

describe('buildTraceTree', () => {
  it('nests by $ai_parent_id, orders siblings by start, and sums tokens, cost and errors', () => {
    const tree = buildTraceTree([
      row('$ai_embedding', {
        spanId: 'e',
        parentId: 'r',
        model: 'text-embedding-3-small',
        timestampMs: 1_100,
        latency: 0.05,
        metrics: { $ai_input_tokens: 4 },
      }),
      row('$ai_span', {
        spanId: 'r',
        name: 'retrieve',
        spanType: 'retriever',
        timestampMs: 1_150,
        latency: 0.15,
      }),
      row('$ai_generation', {
        spanId: 'g',
        name: 'answer',
        model: 'gpt-4o',
        timestampMs: 1_900,
        latency: 0.7,
        isError: true,
        error: 'boom',
        metrics: { $ai_input_tokens: 100, $ai_output_tokens: 20, $ai_total_cost_usd: 0.5 },
      }),
      row('$ai_trace', {
        spanId: 'T',
        parentId: null,
        name: 'rag',
        sessionId: 'sess',
        timestampMs: 2_000,
        latency: 1,
      }),
    ]);
    expect(outline(tree.root)).toEqual([
      'trace rag',
      '  span retrieve',
      '    embedding text-embedding-3-small',
      '  generation answer',
    ]);
    expect(tree.summary).toMatchObject({
      traceId: 'T',
      name: 'rag',
      sessionId: 'sess',
      startMs: 1_000,
      latency: 1,
      inputTokens: 104,
      outputTokens: 20,
      errors: 1,
      events: 4,
      generations: 1,
      embeddings: 1,
      spans: 1,
      pseudo: false,
      costApproximate: true,
    });
    // 0.5 from the event itself, plus the embedding from the bundled table
    expect(tree.summary.costUsd).toBeCloseTo(0.5 + 4 * 0.02e-6, 12);
    expect(tree.root.children[1]).toMatchObject({ startMs: 1_200, endMs: 1_900, error: 'boom' });
  });

  it('draws a pseudo-trace for generations without a $ai_trace event', () => {
    const tree = buildTraceTree([
      row('$ai_generation', { spanId: 'g1', model: 'gpt-4o-mini', latency: 0.2 }),
    ]);
    expect(tree.summary).toMatchObject({ pseudo: true, name: 'gpt-4o-mini', generations: 1 });
    expect(outline(tree.root)).toEqual(['trace gpt-4o-mini', '  generation gpt-4o-mini']);
  });

  it('shows an event whose parent never arrived under the root, marked, and survives parent cycles', () => {
    const tree = buildTraceTree([
      row('$ai_span', { spanId: 'lost', parentId: 'never-sent', name: 'lost' }),
      row('$ai_span', { spanId: 'a', parentId: 'b', name: 'a' }),
      row('$ai_span', { spanId: 'b', parentId: 'a', name: 'b' }),
      row('$ai_span', { spanId: 'self', parentId: 'self', name: 'self' }),
      row('$ai_trace', { spanId: 'T', parentId: null, name: 'root' }),
    ]);
    const lines = outline(tree.root);
    expect(lines[0]).toBe('trace root');
    expect(lines).toContain('  span lost (orphan)');
    expect(lines).toContain('  span self (orphan)');
    expect(lines.filter((line) => line.includes('span a')).length).toBe(1);
    expect(lines.filter((line) => line.includes('span b')).length).toBe(1);
    expect(lines).toHaveLength(5);
  });

  it('keeps both events when two share a span id', () => {
    const tree = buildTraceTree([
      row('$ai_span', { spanId: 'dup', name: 'first' }),
      row('$ai_span', { spanId: 'dup', name: 'second' }),
    ]);
    expect(outline(tree.root).filter((line) => line.includes('span'))).toHaveLength(2);
  });

  it('handles a trace with many thousands of events', () => {
    const rows = Array.from({ length: 150_000 }, (_, n) =>
      row('$ai_span', { spanId: `x${n}`, name: `n${n}` }),
    );
    const tree = buildTraceTree(rows);
    expect(tree.root.children).toHaveLength(150_000);
  });
});
