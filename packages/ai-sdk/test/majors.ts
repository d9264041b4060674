/**
 * The three AI SDK majors side by side, each with its own mock models, so one suite runs
 * against ai 5 (provider spec v2), ai 6 (v3) and ai 7 (v4).
 */
import * as ai7 from 'ai';
import * as test7 from 'ai/test';
import * as ai5 from 'ai-v5';
import * as test5 from 'ai-v5/test';
import * as ai6 from 'ai-v6';
import * as test6 from 'ai-v6/test';
import { llmAnalyticsEmbeddingMiddleware, llmAnalyticsMiddleware, withLLMAnalytics } from '../src/index';
import type { LLMAnalyticsAiSdkOptions } from '../src/options';

export interface UsageSpec {
  input: number;
  output: number;
  cacheRead?: number;
  reasoning?: number;
}

export interface Major {
  name: 'ai 5' | 'ai 6' | 'ai 7';
  spec: 'v2' | 'v3' | 'v4';
  ai: any;
  test: any;
  /** A mock language model of this major's provider specification. */
  languageModel(options: {
    doGenerate?: any;
    doStream?: any;
    provider?: string;
    modelId?: string;
    supportedUrls?: any;
  }): any;
  /** A mock embedding model. */
  embeddingModel(options: {
    doEmbed: any;
    provider?: string;
    modelId?: string;
    maxEmbeddingsPerCall?: number;
  }): any;
  /** The model wrapped with the middleware (the documented way for this major). */
  wrap(model: any, options: LLMAnalyticsAiSdkOptions): any;
  /** The embedding model wrapped the documented way (middleware on 6 and 7, proxy on 5). */
  wrapEmbedding(model: any, options: LLMAnalyticsAiSdkOptions): any;
  usage(spec: UsageSpec): any;
  finishReason(reason: 'stop' | 'tool-calls' | 'length' | 'error'): any;
  stepCountIs(count: number): any;
}

function nestedUsage({ input, output, cacheRead, reasoning }: UsageSpec) {
  return {
    inputTokens: { total: input, noCache: input - (cacheRead ?? 0), cacheRead, cacheWrite: undefined },
    outputTokens: { total: output, text: output - (reasoning ?? 0), reasoning },
  };
}

export const majors: Major[] = [
  {
    name: 'ai 5',
    spec: 'v2',
    ai: ai5,
    test: test5,
    languageModel: ({ provider = 'openai.chat', modelId = 'gpt-4o-mini', ...rest }) =>
      new test5.MockLanguageModelV2({ provider, modelId, ...rest }),
    embeddingModel: ({ provider = 'openai.embedding', modelId = 'text-embedding-3-small', ...rest }) =>
      new test5.MockEmbeddingModelV2({ provider, modelId, ...rest }),
    wrap: (model, options) => ai5.wrapLanguageModel({ model, middleware: llmAnalyticsMiddleware(options) }),
    wrapEmbedding: (model, options) => withLLMAnalytics(model, options),
    usage: ({ input, output, cacheRead, reasoning }) => ({
      inputTokens: input,
      outputTokens: output,
      totalTokens: input + output,
      cachedInputTokens: cacheRead,
      reasoningTokens: reasoning,
    }),
    finishReason: (reason) => reason,
    stepCountIs: (count) => ai5.stepCountIs(count),
  },
  {
    name: 'ai 6',
    spec: 'v3',
    ai: ai6,
    test: test6,
    languageModel: ({ provider = 'openai.chat', modelId = 'gpt-4o-mini', ...rest }) =>
      new test6.MockLanguageModelV3({ provider, modelId, ...rest }),
    embeddingModel: ({ provider = 'openai.embedding', modelId = 'text-embedding-3-small', ...rest }) =>
      new test6.MockEmbeddingModelV3({ provider, modelId, ...rest }),
    wrap: (model, options) => ai6.wrapLanguageModel({ model, middleware: llmAnalyticsMiddleware(options) }),
    wrapEmbedding: (model, options) =>
      ai6.wrapEmbeddingModel({ model, middleware: llmAnalyticsEmbeddingMiddleware(options) }),
    usage: nestedUsage,
    finishReason: (reason) => ({ unified: reason, raw: reason }),
    stepCountIs: (count) => ai6.stepCountIs(count),
  },
  {
    name: 'ai 7',
    spec: 'v4',
    ai: ai7,
    test: test7,
    languageModel: ({ provider = 'openai.chat', modelId = 'gpt-4o-mini', ...rest }) =>
      new test7.MockLanguageModelV4({ provider, modelId, ...rest }),
    embeddingModel: ({ provider = 'openai.embedding', modelId = 'text-embedding-3-small', ...rest }) =>
      new test7.MockEmbeddingModelV4({ provider, modelId, ...rest }),
    wrap: (model, options) => ai7.wrapLanguageModel({ model, middleware: llmAnalyticsMiddleware(options) }),
    wrapEmbedding: (model, options) =>
      ai7.wrapEmbeddingModel({ model, middleware: llmAnalyticsEmbeddingMiddleware(options) }),
    usage: nestedUsage,
    finishReason: (reason) => ({ unified: reason, raw: reason }),
    stepCountIs: (count) => ai7.stepCountIs(count),
  },
];

/** A generate result of the major's shape. */
export function generateResult(
  major: Major,
  content: any[],
  options: { usage?: UsageSpec; finish?: any; modelId?: string } = {},
) {
  return {
    content,
    finishReason: major.finishReason(options.finish ?? 'stop'),
    usage: major.usage(options.usage ?? { input: 10, output: 5 }),
    warnings: [],
    response: { id: 'resp-1', modelId: options.modelId ?? 'gpt-4o-mini-2024-07-18', timestamp: new Date(0) },
  };
}

/** Stream parts of a text answer (split into deltas), ending with `finish`. */
export function textParts(
  major: Major,
  deltas: string[],
  options: { usage?: UsageSpec; modelId?: string } = {},
) {
  return [
    { type: 'stream-start', warnings: [] },
    {
      type: 'response-metadata',
      id: 'resp-1',
      modelId: options.modelId ?? 'gpt-4o-mini-2024-07-18',
      timestamp: new Date(0),
    },
    { type: 'text-start', id: 't1' },
    ...deltas.map((delta) => ({ type: 'text-delta', id: 't1', delta })),
    { type: 'text-end', id: 't1' },
    {
      type: 'finish',
      finishReason: major.finishReason('stop'),
      usage: major.usage(options.usage ?? { input: 10, output: 5 }),
    },
  ];
}

/** An `APICallError` of the major, as providers throw it. */
export function apiError(major: Major, statusCode: number, message = 'Rate limit reached'): Error {
  return new major.ai.APICallError({
    message,
    url: 'https://api.openai.com/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    isRetryable: false,
  });
}
