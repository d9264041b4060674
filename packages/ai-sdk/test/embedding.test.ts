import { renderTree, treeProblems } from '@llm-analytics/test-utils';
import { describe, expect, it } from 'vitest';
import { withLLMAnalytics } from '../src/index';
import { useEndpoint } from './endpoint';
import { apiError, majors } from './majors';

const endpoint = useEndpoint();

const vector = (seed: number) => Array.from({ length: 8 }, (_, index) => Math.sin(seed + index));

describe.each(majors)('embeddings on $name', (major) => {
  const { embed, embedMany } = major.ai;

  it('captures embed and embedMany: texts, count, dimensions, tokens; never the vectors', async () => {
    const analytics = endpoint.analytics();
    const inner = major.embeddingModel({
      maxEmbeddingsPerCall: 2,
      doEmbed: async ({ values }: { values: string[] }) => ({
        embeddings: values.map((_, index) => vector(index)),
        usage: { tokens: values.length * 3 },
        warnings: [],
      }),
    });
    const model = major.wrapEmbedding(inner, { analytics, distinctId: 'user-5' });
    expect(model.modelId).toBe('text-embedding-3-small');
    expect(model.provider).toBe('openai.embedding');

    const single = await embed({ model, value: 'hello world', maxRetries: 0 });
    expect(single.embedding).toEqual(vector(0));
    const many = await embedMany({ model, values: ['a', 'b', 'c'], maxRetries: 0 });
    expect(many.embeddings).toHaveLength(3);

    // embedMany splits into maxEmbeddingsPerCall chunks: one event per provider call.
    const events = await endpoint.server.waitForEvents(3);
    expect(events.map((event) => event.event)).toEqual(['$ai_embedding', '$ai_embedding', '$ai_embedding']);
    expect(events[0]!.properties).toMatchObject({
      $ai_model: 'text-embedding-3-small',
      $ai_provider: 'openai',
      $ai_input: 'hello world',
      $ai_input_tokens: 3,
      $ai_embedding_count: 1,
      $ai_embedding_dimensions: 8,
      $ai_http_status: 200,
      $ai_lib: '@llm-analytics/ai-sdk',
      $ai_framework: 'vercel',
    });
    expect(events[0]!.distinct_id).toBe('user-5');
    const inputs = events.slice(1).map((event) => event.properties.$ai_input);
    expect(inputs).toEqual([['a', 'b'], 'c']);
    for (const event of events) expect(JSON.stringify(event.properties)).not.toContain(String(vector(0)[1]));
  });

  it('captures an embedding error and rethrows the same error', async () => {
    const analytics = endpoint.analytics();
    const error = apiError(major, 400, 'input too long');
    const model = major.wrapEmbedding(
      major.embeddingModel({
        doEmbed: async () => {
          throw error;
        },
      }),
      { analytics },
    );
    const caught = await embed({ model, value: 'x', maxRetries: 0 }).catch((e: unknown) => e);
    expect(caught).toBe(error);
    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.properties).toMatchObject({ $ai_is_error: true, $ai_http_status: 400, $ai_input: 'x' });
  });

  it('links to the current trace, takes per-call identity, and hides texts in privacy mode', async () => {
    const analytics = endpoint.analytics();
    const inner = major.embeddingModel({
      maxEmbeddingsPerCall: 10,
      doEmbed: async ({ values }: { values: string[] }) => ({
        embeddings: values.map(() => vector(1)),
        warnings: [],
      }),
    });
    const model = major.wrapEmbedding(inner, { analytics, privacyMode: true });
    await analytics.trace({ name: 'rag', distinctId: 'user-2' }, async () => {
      await embedMany({ model, values: ['secret one', 'secret two'], maxRetries: 0 });
    });
    const events = await endpoint.server.waitForEvents(2);
    expect(treeProblems(events)).toEqual([]);
    expect(renderTree(events)).toBe('$ai_trace rag\n  $ai_embedding text-embedding-3-small');
    expect(events[0]!.properties.$ai_input).toBeNull();
    expect(events[0]!.properties.$ai_input_tokens).toBeUndefined();
    endpoint.server.clear();

    await embed({
      model,
      value: 'q',
      maxRetries: 0,
      providerOptions: {
        llmAnalytics: { distinctId: 'user-3', traceId: 'emb-trace' },
        openai: { user: 'x' },
      },
    });
    expect(inner.doEmbedCalls.at(-1).providerOptions).toEqual({ openai: { user: 'x' } });
    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.distinct_id).toBe('user-3');
    expect(event!.properties.$ai_trace_id).toBe('emb-trace');
  });

  it('withLLMAnalytics wraps an embedding model of this major and keeps its properties', async () => {
    const analytics = endpoint.analytics();
    const inner = major.embeddingModel({
      maxEmbeddingsPerCall: 5,
      doEmbed: async ({ values }: { values: string[] }) => ({
        embeddings: values.map(() => vector(2)),
        warnings: [],
      }),
    });
    const model = withLLMAnalytics(inner, { analytics });
    expect(model.maxEmbeddingsPerCall).toBe(5);
    expect(model.specificationVersion).toBe(major.spec);
    for (const symbol of Object.getOwnPropertySymbols(inner))
      expect((model as any)[symbol]).toBe((inner as any)[symbol]);
    await embed({ model, value: 'hi', maxRetries: 0 });
    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.properties).toMatchObject({ $ai_embedding_count: 1, $ai_input: 'hi' });
  });
});
