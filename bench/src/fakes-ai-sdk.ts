/** Fast, deterministic AI SDK doubles built on `ai/test` mocks (provider spec v3). */
import { convertArrayToReadableStream, MockEmbeddingModelV3, MockLanguageModelV3 } from 'ai/test';

const USAGE = {
  inputTokens: { total: 42, noCache: 42, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 7, text: 7, reasoning: undefined },
};

/** An AI SDK (provider spec v3) model answering `generateText` at once. */
export function instantLanguageModel(streamChunks = 200): MockLanguageModelV3 {
  const textParts = Array.from({ length: streamChunks }, (_, index) => ({
    type: 'text-delta' as const,
    id: 't',
    delta: `w${index} `,
  }));
  return new MockLanguageModelV3({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doGenerate: async () => ({
      content: [{ type: 'text', text: 'Hello from the instant model.' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: USAGE,
      warnings: [],
      response: { id: 'r', modelId: 'gpt-4o-mini-2024-07-18', timestamp: new Date(0) },
    }),
    doStream: async () => ({
      stream: convertArrayToReadableStream([
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', id: 'r', modelId: 'gpt-4o-mini-2024-07-18', timestamp: new Date(0) },
        { type: 'text-start', id: 't' },
        ...textParts,
        { type: 'text-end', id: 't' },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: USAGE },
      ] as never[]),
    }),
  });
}

/** An AI SDK (v3) embedding model. */
export function instantEmbeddingModel(): MockEmbeddingModelV3 {
  return new MockEmbeddingModelV3({
    provider: 'openai.embedding',
    modelId: 'text-embedding-3-small',
    doEmbed: async ({ values }: { values: string[] }) => ({
      embeddings: values.map(() => [0.1, 0.2, 0.3]),
      usage: { tokens: values.length * 5 },
      warnings: [],
    }),
  } as never);
}
