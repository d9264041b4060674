import { describe, expect, it } from 'vitest';
import { formatDuration, formatTraceTree, formatUsd } from './format-tree';
import { buildTraceTree, type EventRow } from './trace-tree';

const base: Omit<EventRow, 'id' | 'event' | 'spanId' | 'parentId'> = {
  uuid: null,
  distinctId: 'user-1',
  timestampMs: 10_000,
  traceId: 'trace-1',
  sessionId: null,
  name: null,
  spanType: null,
  model: null,
  provider: null,
  latency: null,
  isError: false,
  error: null,
  metrics: {},
};

describe('formatTraceTree', () => {
  const tree = buildTraceTree([
    {
      ...base,
      id: 1,
      event: '$ai_embedding',
      spanId: 'e',
      parentId: 's',
      model: 'text-embedding-3-small',
      latency: 0.02,
      metrics: { $ai_input_tokens: 8 },
    },
    {
      ...base,
      id: 2,
      event: '$ai_span',
      spanId: 's',
      parentId: 'trace-1',
      name: 'search',
      spanType: 'retriever',
      latency: 0.1,
    },
    {
      ...base,
      id: 3,
      event: '$ai_generation',
      spanId: 'g',
      parentId: 'trace-1',
      timestampMs: 10_500,
      name: 'answer',
      model: 'gpt-4o-mini',
      latency: 0.4,
      isError: true,
      error: 'Rate limit\u001b[2J exceeded',
      metrics: {
        $ai_input_tokens: 100,
        $ai_output_tokens: 10,
        $ai_cache_read_input_tokens: 40,
        $ai_time_to_first_token: 0.12,
      },
    },
    {
      ...base,
      id: 4,
      event: '$ai_trace',
      spanId: 'trace-1',
      parentId: null,
      name: 'rag\u001b[31m',
      sessionId: 's-1',
      timestampMs: 10_600,
      latency: 0.7,
    },
  ]);

  it('prints a header and an indented tree with timings, tokens, cost and errors', () => {
    expect(formatTraceTree(tree)).toBe(
      [
        'rag  trace trace-1  person user-1  session s-1',
        '  700 ms · 118 tokens (108 in, 10 out) · ≈ $0.000018 · 1 error',
        '├─ span  search  100 ms · retriever',
        '│  └─ emb   text-embedding-3-small  20 ms · 8 tok · ≈ $0.00000016',
        '└─ gen   answer  400 ms · gpt-4o-mini · 100 → 10 tok (40 cached) · ttft 120 ms · ≈ $0.000018 ✗ error',
        '     Rate limit exceeded',
      ].join('\n'),
    );
  });

  it('colours for terminals on request, and never passes control characters through', () => {
    const coloured = formatTraceTree(tree, { color: true });
    expect(coloured).toContain('\u001b[1mrag\u001b[0m');
    expect(coloured).not.toContain('\u001b[2J');
    expect(coloured).not.toContain('[31m\u001b[0m');
    expect(formatTraceTree(tree, { errors: false })).not.toContain('Rate limit');
  });
});

describe('formatting numbers', () => {
  it.each([
    [0.0004, '0 ms'],
    [0.25, '250 ms'],
    [1.234, '1.23 s'],
    [undefined, '–'],
  ])('duration %s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([
    [0, false, '$0'],
    [1.5, false, '$1.50'],
    [0.0123, true, '≈ $0.012'],
    [0.00024, false, '$0.00024'],
    [4e-8, false, '$0.00000004'],
    [undefined, false, '–'],
  ])('usd %s (approximate %s) → %s', (usd, approximate, text) => {
    expect(formatUsd(usd, approximate)).toBe(text);
  });
});
