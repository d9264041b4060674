/**
 * The examples the demo runs: each sends sound traces through a real posthog-node client to the
 * local endpoint.
 */
import { eventsOfTrace, renderTree, treeProblems, useCaptureEndpoint } from '@llm-analytics/test-utils';
import { describe, expect, it } from 'vitest';
import { run as runRag } from '../../../examples/src/langchain-rag';
import { run as runAgent } from '../../../examples/src/langgraph-agent';

const endpoint = useCaptureEndpoint();

describe('examples', () => {
  it('langchain-rag: indexing embedding, then a RAG trace with the query embedding under the retriever', async () => {
    const client = endpoint.client({ flushAt: 50 });
    await runRag({ client });
    await client.shutdown();
    const events = endpoint.server.events;
    const [indexing, ...rest] = events;
    expect(indexing!.event).toBe('$ai_embedding');
    expect(indexing!.properties.$ai_embedding_count).toBe(3);
    expect(treeProblems(rest)).toEqual([]);
    expect(renderTree(rest)).toBe(
      [
        '$ai_trace support-rag',
        '  $ai_span RunnableSequence',
        '    $ai_span VectorStoreRetriever',
        '      $ai_embedding text-embedding-3-small',
        '    $ai_span format-documents',
        '  $ai_span ChatPromptTemplate',
        '  $ai_generation gpt-4o-mini-2024-07-18',
        '  $ai_span get_order_status',
        '  $ai_generation gpt-4o-mini-2024-07-18',
      ].join('\n'),
    );
    const [decision, answer] = rest.filter((event) => event.event === '$ai_generation');
    expect(decision!.properties.$ai_stop_reason).toBe('tool_calls');
    expect(decision!.properties.$ai_tools).toHaveLength(1);
    expect(answer!.properties).toMatchObject({ $ai_stream: true, $ai_cache_read_input_tokens: 64 });
    expect(answer!.properties.$ai_time_to_first_token).toBeGreaterThan(0.05);
    expect(rest.every((event) => event.distinct_id === 'demo-user-42')).toBe(true);
  });

  it('langgraph-agent: two traces of one thread, nodes, tools and generations', async () => {
    const client = endpoint.client({ flushAt: 50 });
    await runAgent({ client });
    await client.shutdown();
    const traces = endpoint.server.events.filter((event) => event.event === '$ai_trace');
    expect(traces).toHaveLength(2);
    for (const trace of traces) {
      const own = eventsOfTrace(endpoint.server.events, trace.properties.$ai_trace_id);
      expect(treeProblems(own)).toEqual([]);
      expect(own.every((event) => event.properties.$ai_session_id === 'demo-weather-thread')).toBe(true);
      expect(renderTree(own).split('\n').slice(0, 3)).toEqual([
        '$ai_trace weather-agent',
        '  $ai_span agent',
        '    $ai_generation gpt-4o-mini-2024-07-18',
      ]);
      expect(own.some((event) => event.properties.$ai_span_type === 'tool')).toBe(true);
    }
  });
});
