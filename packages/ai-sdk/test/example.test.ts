import { renderTree, treeProblems } from '@llm-analytics/test-utils';
import { describe, expect, it } from 'vitest';
import { run } from '../../../examples/src/ai-sdk-chat';
import { useEndpoint } from './endpoint';

const endpoint = useEndpoint();

describe('examples/src/ai-sdk-chat.ts', () => {
  it('sends one linked trace: indexing, a streamed tool loop and a retrieval step', async () => {
    await run({ client: endpoint.client() });
    const events = await endpoint.server.waitForEvents(7);
    expect(treeProblems(events)).toEqual([]);
    expect(renderTree(events)).toBe(
      [
        '$ai_trace support-chat',
        '  $ai_embedding text-embedding-3-small',
        '  $ai_generation gpt-4o-mini-2024-07-18',
        '  $ai_span search_docs',
        '    $ai_span retrieve',
        '      $ai_embedding text-embedding-3-small',
        '  $ai_generation gpt-4o-mini-2024-07-18',
      ].join('\n'),
    );
    const trace = events.at(-1)!;
    expect(trace.properties.$ai_output_state).toBe(
      'Refunds reach your original card within 5 business days of the return.',
    );
    expect(trace.distinct_id).toBe('user_42');
    const generations = events.filter((event) => event.event === '$ai_generation');
    for (const generation of generations) {
      expect(generation.properties).toMatchObject({
        $ai_session_id: 'conversation_7',
        $ai_stream: true,
        channel: 'web-widget',
        $ai_model_parameters: { temperature: 0.2, max_tokens: 300 },
      });
      expect(generation.properties.$ai_time_to_first_token).toBeGreaterThan(0);
    }
    const retrieve = events.find((event) => event.properties.$ai_span_name === 'retrieve')!;
    expect(retrieve.properties.$ai_output_state[0].page_content).toContain('Refunds');
    const [index] = events.filter((event) => event.event === '$ai_embedding');
    expect(index!.properties).toMatchObject({ $ai_embedding_count: 4, $ai_embedding_dimensions: 64 });
  });
});
