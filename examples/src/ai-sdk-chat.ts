/**
 * A support chat on the Vercel AI SDK (ai 7) with `@llm-analytics/ai-sdk`: the documents are
 * indexed with `embedMany`, then `streamText` answers in a multi-step tool loop whose tool
 * retrieves the closest document (cosine similarity over the embeddings). Everything runs inside
 * one `analytics.trace()`, so PostHog shows one tree:
 *
 * ```
 * $ai_trace support-chat
 *   $ai_embedding text-embedding-3-small        (index the documents)
 *   $ai_generation gpt-4o-mini-2024-07-18       (step 1: calls search_docs)
 *   $ai_span search_docs                        (the traced tool)
 *     $ai_span retrieve                         (retriever span)
 *       $ai_embedding text-embedding-3-small    (embed the question)
 *   $ai_generation gpt-4o-mini-2024-07-18       (step 2: streams the answer)
 * ```
 *
 * The models are the AI SDK's own mocks (`ai/test`): no keys, no network. The middleware, the
 * tool loop, the streams and the events are real.
 */
import { llmAnalyticsEmbeddingMiddleware, llmAnalyticsMiddleware, traceTools } from '@llm-analytics/ai-sdk';
import { LLMAnalytics } from '@llm-analytics/core';
import {
  cosineSimilarity,
  embed,
  embedMany,
  stepCountIs,
  streamText,
  tool,
  wrapEmbeddingModel,
  wrapLanguageModel,
} from 'ai';
import { MockEmbeddingModelV4, MockLanguageModelV4, simulateReadableStream } from 'ai/test';
import type { PostHog } from 'posthog-node';
import { z } from 'zod';

const DOCUMENTS = [
  'Refunds are sent back to the original card within 5 business days of the return.',
  'Orders ship from our Lyon warehouse; delivery in Europe takes 2 to 4 days.',
  'Support is open Monday to Friday, 9:00 to 18:00 Central European Time.',
  'Gift cards never expire and can be combined with any discount code.',
];

const QUESTION = 'How long does a refund take?';
const DIMENSIONS = 64;

/** A deterministic bag-of-words embedding (hashed word stems): similar words, similar vectors. */
function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
    let hash = 2166136261;
    for (const char of word.slice(0, 5)) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    const slot = hash % DIMENSIONS;
    vector[slot] = (vector[slot] ?? 0) + 1;
  }
  return vector;
}

/** An embedding model: `openai.embedding('text-embedding-3-small')`, mocked. */
function embeddingModel() {
  return new MockEmbeddingModelV4({
    provider: 'openai.embedding',
    modelId: 'text-embedding-3-small',
    maxEmbeddingsPerCall: 100,
    doEmbed: async ({ values }) => ({
      embeddings: values.map(fakeEmbedding),
      usage: { tokens: values.reduce((sum, value) => sum + Math.ceil(value.length / 4), 0) },
      warnings: [],
    }),
  });
}

type Prompt = Parameters<MockLanguageModelV4['doStream']>[0]['prompt'];

function usage(input: number, output: number) {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

/**
 * A chat model (`openai('gpt-4o-mini')`, mocked) that behaves like one in a tool loop: without a
 * tool result in the prompt it calls `search_docs`; with one, it streams an answer from it.
 */
function chatModel() {
  return new MockLanguageModelV4({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doStream: async ({ prompt }: { prompt: Prompt }) => {
      const toolMessage = prompt.find((message) => message.role === 'tool');
      const metadata = {
        type: 'response-metadata' as const,
        id: 'chatcmpl-1',
        modelId: 'gpt-4o-mini-2024-07-18',
      };
      if (!toolMessage) {
        const input = JSON.stringify({ query: QUESTION });
        return {
          stream: simulateReadableStream({
            chunkDelayInMs: 5,
            chunks: [
              metadata,
              { type: 'tool-input-start' as const, id: 'call_search_1', toolName: 'search_docs' },
              { type: 'tool-input-delta' as const, id: 'call_search_1', delta: input },
              { type: 'tool-input-end' as const, id: 'call_search_1' },
              { type: 'tool-call' as const, toolCallId: 'call_search_1', toolName: 'search_docs', input },
              {
                type: 'finish' as const,
                finishReason: { unified: 'tool-calls' as const, raw: 'tool_calls' },
                usage: usage(180, 22),
              },
            ],
          }),
        };
      }
      const answer = ['Refunds reach ', 'your original card ', 'within 5 business days ', 'of the return.'];
      return {
        stream: simulateReadableStream({
          chunkDelayInMs: 5,
          chunks: [
            metadata,
            { type: 'text-start' as const, id: 'text-1' },
            ...answer.map((delta) => ({ type: 'text-delta' as const, id: 'text-1', delta })),
            { type: 'text-end' as const, id: 'text-1' },
            {
              type: 'finish' as const,
              finishReason: { unified: 'stop' as const, raw: 'stop' },
              usage: usage(260, 18),
            },
          ],
        }),
      };
    },
  });
}

/**
 * Run the chat: index, then one streamed multi-step answer, all in one trace; then flush.
 * @param options.client - the posthog-node client the events go to
 */
export async function run(options: { client: PostHog }): Promise<void> {
  const analytics = new LLMAnalytics({ client: options.client });
  const embedder = wrapEmbeddingModel({
    model: embeddingModel(),
    middleware: llmAnalyticsEmbeddingMiddleware({ analytics }),
  });
  const model = wrapLanguageModel({ model: chatModel(), middleware: llmAnalyticsMiddleware({ analytics }) });

  await analytics.trace(
    { name: 'support-chat', distinctId: 'user_42', sessionId: 'conversation_7', input: QUESTION },
    async (trace) => {
      const { embeddings } = await embedMany({ model: embedder, values: DOCUMENTS });

      const tools = traceTools(
        {
          search_docs: tool({
            description: 'Search the help center for the passage that answers a question.',
            inputSchema: z.object({ query: z.string() }),
            execute: ({ query }) =>
              analytics.span({ name: 'retrieve', type: 'retriever', input: query }, async () => {
                const { embedding } = await embed({ model: embedder, value: query });
                return DOCUMENTS.map((text, index) => ({
                  pageContent: text,
                  metadata: {
                    source: `help/${index}.md`,
                    score: cosineSimilarity(embedding, embeddings[index] ?? []),
                  },
                }))
                  .sort((a, b) => b.metadata.score - a.metadata.score)
                  .slice(0, 1);
              }),
          }),
        },
        { analytics },
      );

      const result = streamText({
        model,
        tools,
        stopWhen: stepCountIs(3),
        system: 'Answer from the help center only. Use search_docs first.',
        prompt: QUESTION,
        temperature: 0.2,
        maxOutputTokens: 300,
        // Per-call keys: read by the middleware, never sent to the provider.
        providerOptions: { llmAnalytics: { properties: { channel: 'web-widget' } } },
      });
      let answer = '';
      for await (const delta of result.textStream) answer += delta;
      trace.setOutput(answer);
    },
  );
  await analytics.flush();
}
