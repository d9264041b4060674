import {
  type CaptureServer,
  createTestPostHog,
  renderTree,
  startCaptureServer,
  treeProblems,
} from '@llm-analytics/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLMAnalytics } from '../src/index';

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

describe('through the real posthog-node client', () => {
  it('delivers a linked trace, children first and the root last', async () => {
    const client = createTestPostHog(server.url, { flushAt: 20, flushInterval: 0 });
    const analytics = new LLMAnalytics({ client });
    const result = await analytics.trace(
      { name: 'rag', distinctId: 'user-1', sessionId: 'thread-9', input: 'why?' },
      async () => {
        const docs = await analytics.span({ name: 'search', type: 'retriever', input: 'why?' }, async () => {
          analytics.captureEmbedding({
            model: 'text-embedding-3-small',
            provider: 'openai',
            input: 'why?',
            count: 1,
            dimensions: 3,
          });
          return [{ pageContent: 'because', metadata: { source: 'a.md' } }];
        });
        analytics.captureGeneration({
          model: 'gpt-4o-mini',
          provider: 'openai.chat',
          input: [
            { role: 'user', content: 'why?' },
            { role: 'system', content: 'be brief' },
          ],
          output: 'because',
          usage: { inputTokens: 10, outputTokens: 2, cacheReadInputTokens: 4 },
          modelParameters: { temperature: 0.2, maxOutputTokens: 50 },
        });
        return { answer: 'because', docs: docs.length };
      },
    );
    expect(result).toEqual({ answer: 'because', docs: 1 });
    await analytics.shutdown();
    const events = await server.waitForEvents(4);
    expect(treeProblems(events)).toEqual([]);
    expect(renderTree(events)).toBe(
      [
        '$ai_trace rag',
        '  $ai_span search',
        '    $ai_embedding text-embedding-3-small',
        '  $ai_generation gpt-4o-mini',
      ].join('\n'),
    );
    const generation = events.find((event) => event.event === '$ai_generation')!;
    expect(generation.distinct_id).toBe('user-1');
    expect(generation.properties).toMatchObject({
      $ai_provider: 'openai',
      $ai_session_id: 'thread-9',
      $ai_input: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'why?' },
      ],
      $ai_output_choices: [{ role: 'assistant', content: 'because' }],
      $ai_input_tokens: 10,
      $ai_cache_read_input_tokens: 4,
      $ai_cache_reporting_exclusive: false,
      $ai_model_parameters: { temperature: 0.2, max_tokens: 50 },
      $ai_max_tokens: 50,
      $ai_temperature: 0.2,
      $ai_http_status: 200,
      $ai_lib: '@llm-analytics/core',
    });
    const span = events.find((event) => event.event === '$ai_span')!;
    expect(span.properties.$ai_output_state).toEqual([
      { page_content: 'because', metadata: { source: 'a.md' } },
    ]);
  });
});
